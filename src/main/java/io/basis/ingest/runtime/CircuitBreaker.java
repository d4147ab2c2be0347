package io.basis.ingest.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Stops calling a venue that keeps failing. {@code CLOSED}: calls pass; {@code threshold} consecutive failures
 * open it. {@code OPEN}: calls are refused until {@code coolDown} has passed, then it is {@code HALF_OPEN}: exactly
 * one call (the probe) passes and everything else is refused; the probe's success closes the breaker, its failure
 * opens it for another cool-down. Failures are transport errors, timeouts and 5xx; a 4xx or 429 proves the venue
 * answers and counts as success. Time from an injected {@link TimeSource}. Thread-safe.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long coolDownNanos;
    private final TimeSource time;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probeInFlight;

    public CircuitBreaker(int threshold, Duration coolDown, TimeSource time) {
        if (threshold < 1 || coolDown == null || coolDown.isNegative()) {
            throw new IllegalArgumentException("need threshold >= 1 and coolDown >= 0");
        }
        this.threshold = threshold;
        this.coolDownNanos = coolDown.toNanos();
        this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * Asks to make a call. Every {@code true} must be followed by exactly one {@link #success()},
     * {@link #failure()} or {@link #abandoned()}.
     */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && time.nanoTime() - openedAt >= coolDownNanos) {
            state = State.HALF_OPEN;
        }
        if (state == State.CLOSED) {
            return true;
        }
        if (state == State.HALF_OPEN && !probeInFlight) {
            probeInFlight = true;
            return true;
        }
        return false;
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        probeInFlight = false;
        state = State.CLOSED;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openedAt = time.nanoTime();
        }
        probeInFlight = false;
    }

    /** The call ended without telling anything about the venue (e.g. interrupted); frees the probe slot. */
    public synchronized void abandoned() {
        probeInFlight = false;
    }

    /** The state, turning {@code OPEN} into {@code HALF_OPEN} once the cool-down is over. */
    public synchronized State state() {
        if (state == State.OPEN && time.nanoTime() - openedAt >= coolDownNanos) {
            state = State.HALF_OPEN;
        }
        return state;
    }

    /** Time left until an open breaker lets a probe through; zero otherwise. */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, coolDownNanos - (time.nanoTime() - openedAt)));
    }
}
