package io.basis.ingest.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time as the connection runtime sees it: wall-clock instants for what is recorded (receive times, gaps, pauses
 * shown on /status), monotonic nanoseconds for deadlines (staleness, lifetimes, rate windows), and sleeping.
 * Injected everywhere so tests can run rate limiters, pauses and backoff on a fake clock without waiting.
 * Implementations must be thread-safe.
 */
public interface TimeSource {

    Instant now();

    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Blocks the calling thread for {@code duration} (no-op when zero or negative); interruptible. */
    void sleep(Duration duration) throws InterruptedException;

    /** Real time: {@code clock} for instants, {@link System#nanoTime()} and {@link Thread#sleep} otherwise. */
    static TimeSource system(Clock clock) {
        return new TimeSource() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (duration.isPositive()) {
                    Thread.sleep(duration);
                }
            }
        };
    }

    static TimeSource system() {
        return system(Clock.systemUTC());
    }
}
