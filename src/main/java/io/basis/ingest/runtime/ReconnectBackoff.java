package io.basis.ingest.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter between reconnect attempts: attempt {@code n} (from 0) waits a uniformly
 * random time in {@code [0, min(cap, base * 2^n)]}, which spreads many clients reconnecting to one venue at once.
 * The attempt count resets when a session has stayed up for {@code healthyAfter}, so an occasional drop of a
 * long-lived connection reconnects quickly while a flapping venue is approached ever more slowly.
 *
 * <p>Not thread-safe: owned by one connection's control thread.
 */
public final class ReconnectBackoff {
    private final Escalation ceiling;
    private final Duration healthyAfter;
    private final RandomGenerator random;
    private int attempts;

    public ReconnectBackoff(Escalation ceiling, Duration healthyAfter, RandomGenerator random) {
        this.ceiling = Objects.requireNonNull(ceiling, "ceiling");
        this.healthyAfter = Objects.requireNonNull(healthyAfter, "healthyAfter");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait before the next attempt; counts the attempt. */
    public Duration nextDelay() {
        long bound = ceiling.step(attempts).toNanos();
        attempts = Math.min(attempts + 1, 62);
        return bound == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(bound + 1));
    }

    /** The upper bound the next {@link #nextDelay()} is drawn under. */
    public Duration nextCeiling() {
        return ceiling.step(attempts);
    }

    /** Reports how long the session that just ended was up; resets the attempts if that was long enough. */
    public void sessionEnded(Duration upFor) {
        if (upFor.compareTo(healthyAfter) >= 0) {
            attempts = 0;
        }
    }

    public int attempts() {
        return attempts;
    }
}
