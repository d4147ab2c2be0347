package io.basis.ingest.runtime;

import java.time.Duration;

/**
 * A doubling duration: {@code base} for the first step, twice that for the next, never more than {@code cap}.
 * Used for reconnect backoff ceilings, retry delays and pauses that grow while a venue keeps refusing.
 */
public record Escalation(Duration base, Duration cap) {

    public Escalation {
        if (base == null || base.isNegative() || cap == null || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= cap: base=" + base + ", cap=" + cap);
        }
    }

    /** {@code min(cap, base * 2^step)}; step 0 gives {@code base}. */
    public Duration step(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step < 0: " + step);
        }
        long capNanos = cap.toNanos();
        long nanos = base.toNanos();
        for (int i = 0; i < step && nanos < capNanos; i++) {
            nanos = nanos > capNanos / 2 ? capNanos : nanos * 2;
        }
        return Duration.ofNanos(Math.min(nanos, capNanos));
    }
}
