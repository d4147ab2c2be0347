package io.basis.ingest.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link TimeSource} that only moves when told to or when someone sleeps; records every sleep. Thread-safe. */
final class ManualTime implements TimeSource {
    private final Instant start;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = new ArrayList<>();

    ManualTime(Instant start) {
        this.start = start;
    }

    ManualTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
        return start.plusNanos(nanos.get() - 1_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        synchronized (sleeps) {
            sleeps.add(duration);
        }
        if (duration.isPositive()) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Sleeps with a positive duration, in order. */
    List<Duration> sleeps() {
        synchronized (sleeps) {
            return sleeps.stream().filter(Duration::isPositive).toList();
        }
    }
}
