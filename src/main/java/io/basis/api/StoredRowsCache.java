package io.basis.api;

import io.basis.model.EventType;
import io.basis.store.EventQueries;
import io.basis.store.EventWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stored row counts per event type for /health, /status and /metrics, read from the database at most once per
 * {@link #TTL} so that frequent probes and scrapes cost nothing.
 *
 * <p>Never throws and never blocks on a sick database: while the writer reports the database down no query is made;
 * a failed query keeps the last known counts (all zero before the first success); and while one caller refreshes,
 * concurrent callers get the last known counts instead of waiting. Thread-safe.
 */
@Component
public class StoredRowsCache {
    /** How long a read stays current. */
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(StoredRowsCache.class);

    private final EventQueries queries;
    private final EventWriter writer;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Map<EventType, Long> last = Collections.unmodifiableMap(zeros());
    private volatile Instant readAt;

    public StoredRowsCache(EventQueries queries, EventWriter writer, Clock clock) {
        this.queries = queries;
        this.writer = writer;
        this.clock = clock;
    }

    /** Rows per event type, every type present (0 when none stored), in {@link EventType} order. */
    public Map<EventType, Long> rows() {
        Instant now = clock.instant();
        if (stale(now) && refreshing.tryLock()) {
            try {
                if (stale(now)) {
                    refresh(now);
                }
            } finally {
                refreshing.unlock();
            }
        }
        return last;
    }

    /** Sum of {@link #rows()}. */
    public long total() {
        return rows().values().stream().mapToLong(Long::longValue).sum();
    }

    private boolean stale(Instant now) {
        Instant at = readAt;
        return at == null || Duration.between(at, now).compareTo(TTL) >= 0;
    }

    private void refresh(Instant now) {
        // Stamped before the query, also on failure: an unreachable database is retried once per TTL, not per call.
        readAt = now;
        if (writer.databaseState() != EventWriter.DatabaseState.UP) {
            return;
        }
        try {
            Map<EventType, Long> rows = zeros();
            rows.putAll(queries.storedRows());
            last = Collections.unmodifiableMap(rows);
        } catch (RuntimeException e) { // StoreException, or a pool failure: never fail a health probe
            log.debug("stored row counts unavailable, keeping the last known ones: {}", e.getMessage());
        }
    }

    private static Map<EventType, Long> zeros() {
        Map<EventType, Long> rows = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            rows.put(t, 0L);
        }
        return rows;
    }
}
