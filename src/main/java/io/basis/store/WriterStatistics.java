package io.basis.store;

import io.basis.model.EventType;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the event writer; written by the writer thread, readable from any thread. */
public final class WriterStatistics {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong committedEvents = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong spooledEvents = new AtomicLong();
    private final AtomicLong rejectedEvents = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong skippedUnchanged = new AtomicLong();
    private final Map<EventType, AtomicLong> insertedRows = new EnumMap<>(EventType.class);
    private final AtomicReference<Instant> lastCommitAt = new AtomicReference<>();
    private final AtomicReference<Instant> newestVenueTime = new AtomicReference<>();
    private final Timer commitLatency;

    public WriterStatistics(MeterRegistry registry) {
        for (EventType t : EventType.values()) {
            insertedRows.put(t, new AtomicLong());
        }
        commitLatency = Timer.builder("basis_writer_commit_latency")
                .description("time from enqueue to committed in PostgreSQL")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        FunctionCounter.builder("basis_writer_unchanged_quotes_skipped", skippedUnchanged,
                        AtomicLong::get)
                .description("option quotes not stored because they equal the instrument's previous quote")
                .register(registry);
    }

    void onAccepted() {
        accepted.incrementAndGet();
    }

    void committed(BatchWriter.Result r, Instant now) {
        committedEvents.addAndGet(r.events());
        batches.incrementAndGet();
        r.inserted().forEach((t, n) -> insertedRows.get(t).addAndGet(n));
        lastCommitAt.set(now);
        if (r.newestVenueTime() != null) {
            newestVenueTime.accumulateAndGet(r.newestVenueTime(), (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
    }

    void latency(long nanos) {
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void spooled(int n) {
        spooledEvents.addAndGet(n);
    }

    void rejected() {
        rejectedEvents.incrementAndGet();
    }

    void skippedUnchanged() {
        skippedUnchanged.incrementAndGet();
    }

    void outage() {
        outages.incrementAndGet();
    }

    /** Seeds the newest stored venue time from the database at start-up. */
    public void seedNewestVenueTime(Instant t) {
        if (t != null) {
            newestVenueTime.accumulateAndGet(t, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
    }

    public long accepted() { return accepted.get(); }
    public long committedEvents() { return committedEvents.get(); }
    public long batches() { return batches.get(); }
    public long spooledEvents() { return spooledEvents.get(); }
    public long rejectedEvents() { return rejectedEvents.get(); }
    public long outages() { return outages.get(); }
    /** Option quotes not stored because they equal their instrument's previous quote. */
    public long skippedUnchangedQuotes() { return skippedUnchanged.get(); }
    public Instant lastCommitAt() { return lastCommitAt.get(); }
    public Instant newestVenueTime() { return newestVenueTime.get(); }
    public Timer commitLatency() { return commitLatency; }

    public long insertedRows() {
        return insertedRows.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long insertedRows(EventType type) {
        return insertedRows.get(type).get();
    }
}
