package io.basis.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A validated [from, to) request window. {@code to} defaults to now and {@code from} to {@code to} minus a default
 * span; {@code from} after {@code to} and, when a maximum is given, a longer window are refused with 400 naming
 * {@code from}.
 */
public record TimeWindow(Instant from, Instant to) {

    /**
     * @param maxSpan the longest window allowed, or null for no limit
     */
    public static TimeWindow resolve(Instant from, Instant to, Instant now, Duration defaultSpan, Duration maxSpan) {
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(defaultSpan);
        if (start.isAfter(end)) {
            throw ParameterException.invalid("from", "from must not be after to (to defaults to now).", List.of());
        }
        if (maxSpan != null && Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ParameterException.invalid("from", "The window from " + start + " to " + end + " is longer than "
                    + "the maximum of " + Durations.format(maxSpan) + "; request it in parts.", List.of());
        }
        return new TimeWindow(start, end);
    }

    public Duration span() {
        return Duration.between(from, to);
    }
}
