package io.basis.api;

import java.time.Duration;
import java.time.Instant;

/** Ages of data in the API's responses. */
final class Ages {
    private Ages() {
    }

    /** Seconds from {@code time} to {@code now}, to the millisecond; negative when time is ahead of now. */
    static double seconds(Instant time, Instant now) {
        return Duration.between(time, now).toMillis() / 1000.0;
    }
}
