package io.basis.ingest.runtime;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.SourceState;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every stream connection's and REST client's statistics, per venue: immutable snapshots for /status, Micrometer
 * meters on the registry passed in (see {@link RuntimeMeters}), and the venue's {@link SourceState} reported to
 * {@link CollectionStatistics}:
 * <ul>
 *   <li>a venue with streams is {@code ACTIVE} when all its streams are LIVE, {@code DEGRADED} when some are and
 *       {@code DOWN} when none are;</li>
 *   <li>a REST-only venue is {@code DOWN} while its circuit breaker is open, {@code DEGRADED} while it is paused
 *       or probing, {@code ACTIVE} otherwise.</li>
 * </ul>
 * Thread-safe. Registering the same venue and stream twice returns the same statistics.
 */
public final class ConnectionRegistry {
    private final TimeSource time;
    private final MeterRegistry meters;
    private final CollectionStatistics collection;
    private final DistinctErrorLog errorLog = new DistinctErrorLog();
    private final Map<String, StreamStats> streams = new ConcurrentHashMap<>();
    private final Map<String, RestMetrics> rest = new ConcurrentHashMap<>();

    public ConnectionRegistry(TimeSource time, MeterRegistry meters, CollectionStatistics collection) {
        this.time = Objects.requireNonNull(time, "time");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.collection = Objects.requireNonNull(collection, "collection");
    }

    /** The statistics of stream {@code stream} of {@code venue}, created (with its meters) on first use. */
    public StreamStats stream(String venue, String stream) {
        return streams.computeIfAbsent(venue + "/" + stream, k -> {
            StreamStats stats = new StreamStats(venue, stream, this, collection, errorLog);
            RuntimeMeters.bindStream(meters, stats, time);
            return stats;
        });
    }

    /** Snapshots of every registered stream, ordered by venue and stream. */
    public List<StreamSnapshot> streams() {
        var now = time.now();
        return streams.values().stream()
                .sorted(Comparator.comparing(StreamStats::venue).thenComparing(StreamStats::stream))
                .map(s -> s.snapshot(now)).toList();
    }

    /** What every registered REST client is doing, ordered by venue. */
    public List<RestStatus> restClients() {
        return rest.values().stream().map(RestMetrics::status)
                .sorted(Comparator.comparing(RestStatus::venue)).toList();
    }

    /** The venue's state by the rules above; {@code null} if nothing of the venue is registered. */
    public SourceState sourceState(String venue) {
        List<StreamStats> own = streams.values().stream().filter(s -> s.venue().equals(venue)).toList();
        if (!own.isEmpty()) {
            long live = own.stream().filter(s -> s.state() == ConnectionState.LIVE).count();
            return live == own.size() ? SourceState.ACTIVE : live > 0 ? SourceState.DEGRADED : SourceState.DOWN;
        }
        RestMetrics client = rest.get(venue);
        return client == null ? null : client.sourceState();
    }

    /** Counted errors per {@code "venue/stream kind"} (parse errors and handler exceptions). */
    public Map<String, Long> errorCounts() {
        return errorLog.counts();
    }

    RestMetrics rest(String venue, Supplier<RestStatus> status) {
        RestMetrics metrics = new RestMetrics(venue, status, meters, collection, this);
        if (rest.putIfAbsent(venue, metrics) != null) {
            throw new IllegalStateException("a REST client for " + venue + " is already registered");
        }
        RuntimeMeters.bindRest(meters, venue, status);
        return metrics;
    }

    DistinctErrorLog errorLog() {
        return errorLog;
    }

    void stateChanged(String venue) {
        SourceState state = sourceState(venue);
        if (state != null) {
            collection.sourceState(venue, state);
        }
    }
}
