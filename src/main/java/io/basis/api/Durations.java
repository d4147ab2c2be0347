package io.basis.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Basis duration notation of the API ({@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}): parsing and formatting. */
final class Durations {
    private static final Map<Character, Duration> UNITS = Map.of('s', Duration.ofSeconds(1), 'm',
            Duration.ofMinutes(1), 'h', Duration.ofHours(1), 'd', Duration.ofDays(1));

    private Durations() {
    }

    /** One of {@code allowed} as a duration; 400 naming {@code parameter} and listing them otherwise. */
    static Duration parse(String parameter, String value, List<String> allowed) {
        String v = value.strip();
        if (!allowed.contains(v)) {
            throw ParameterException.invalid(parameter, parameter + " must be one of " + String.join(", ", allowed)
                    + ".", allowed);
        }
        return UNITS.get(v.charAt(v.length() - 1)).multipliedBy(Long.parseLong(v.substring(0, v.length() - 1)));
    }

    /** The largest whole unit: 31d, 8h, 90m, 45s. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
