package io.basis.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Time helpers shared by the model: every stored instant has microsecond resolution, as in PostgreSQL. */
public final class Times {
    private Times() {
    }

    public static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant requireMicros(Instant t, String field) {
        return Objects.requireNonNull(t, field + " is required").truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant ofEpochMillis(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
