package io.basis.ingest;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What collection has done since start-up, reported by the connectors and read by /status, /health and /metrics.
 * A "collection" is one unit of venue work that succeeds or fails as a whole: a REST poll or backfill request, or
 * a stream connection attempt. Events and errors are counted separately. Thread-safe; counters only grow.
 */
@Component
public class CollectionStatistics {
    private final Clock clock;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong successful = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong eventsCollected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Instant> lastCollection = new AtomicReference<>();
    private final Map<String, SourceState> sources = new ConcurrentHashMap<>();

    public CollectionStatistics(Clock clock) {
        this.clock = clock;
    }

    public void collectionSucceeded(String source, long events) {
        total.incrementAndGet();
        successful.incrementAndGet();
        eventsCollected.addAndGet(events);
        lastCollection.set(clock.instant());
    }

    public void collectionFailed(String source) {
        total.incrementAndGet();
        failed.incrementAndGet();
        errors.incrementAndGet();
        lastCollection.set(clock.instant());
    }

    /** Events that arrived outside a counted collection, e.g. on a long-lived stream. */
    public void eventsCollected(String source, long events) {
        eventsCollected.addAndGet(events);
    }

    /** A malformed frame, a refused request or any other error that did not fail a whole collection. */
    public void error(String source) {
        errors.incrementAndGet();
    }

    public void sourceState(String source, SourceState state) {
        sources.put(source, state);
    }

    public long totalCollections() { return total.get(); }
    public long successfulCollections() { return successful.get(); }
    public long failedCollections() { return failed.get(); }
    public long eventsCollected() { return eventsCollected.get(); }
    public long errors() { return errors.get(); }
    public Instant lastCollection() { return lastCollection.get(); }

    /** Reported state per source; a source that never reported is absent. */
    public Map<String, SourceState> sourceStates() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }
}
