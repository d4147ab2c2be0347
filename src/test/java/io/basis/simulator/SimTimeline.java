package io.basis.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the REST and WebSocket halves of one simulator share: one logical sequence that orders every recorded event
 * (requests, connections, client messages, closes) across both, the injected clock that stamps them, and the
 * monitor that {@code await} helpers block on. Thread-safe.
 */
final class SimTimeline {
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Object monitor = new Object();

    SimTimeline(Clock clock) {
        this.clock = clock;
    }

    /** The next logical sequence number; strictly increasing across the whole simulator. */
    long next() {
        return sequence.incrementAndGet();
    }

    Instant now() {
        return clock.instant();
    }

    /** Wakes every waiter so it re-checks its condition; call after each recorded change. */
    void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * Blocks until {@code probe} returns non-null and returns that value; the probe is re-checked after every
     * {@link #changed()}. Uses monotonic time.
     *
     * @throws AssertionError naming {@code what} when the timeout passes first
     */
    <T> T await(Supplier<T> probe, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("simulator: timed out after " + timeout + " waiting for " + what.get());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("simulator: interrupted waiting for " + what.get(), e);
                }
            }
        }
    }
}
