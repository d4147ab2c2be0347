package io.basis.api;

import io.basis.analytics.MlIndicators;
import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.SourceState;
import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.store.EventWriter;
import io.basis.store.Spool;
import io.basis.store.WriterStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health} and {@code GET /status}. Both answer from memory (counters, the writer's state and the
 * {@link StoredRowsCache}), so they stay fast and keep answering while the database is down.
 */
@RestController
@Tag(name = "Operations", description = "Health and status of the service")
public class OpsController {
    static final String SERVICE = "basis";
    static final String POSTGRESQL = "postgresql";

    private final ServiceHealth health;
    private final CollectionStatistics collection;
    private final EventWriter writer;
    private final StoredRowsCache storedRows;
    private final TrackedScope scope;
    private final MlIndicators indicators;
    private final ConnectionRegistry registry;

    public OpsController(ServiceHealth health, CollectionStatistics collection, EventWriter writer,
                         StoredRowsCache storedRows, TrackedScope scope, MlIndicators indicators,
                         ConnectionRegistry registry) {
        this.registry = registry;
        this.health = health;
        this.collection = collection;
        this.writer = writer;
        this.storedRows = storedRows;
        this.scope = scope;
        this.indicators = indicators;
    }

    @GetMapping("/health")
    @Operation(summary = "Service health",
            description = "Health score 0..100 (data freshness, collection success, stored records, error rate) and "
                    + "verdict: healthy when the score is above 70 and the newest stored data is under 2 hours old.")
    @ApiResponse(responseCode = "200", description = "Always, also while the database is down",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
    public HealthResponse health() {
        ServiceHealth.Assessment a = health.assess();
        String now = iso(a.at().truncatedTo(ChronoUnit.MILLIS));
        return new HealthResponse(a.healthStatus(), SERVICE, now, a.score(), a.gapHours(), a.dataFreshness(),
                scope.exchangesTracked(), indicators.configured());
    }

    @GetMapping("/status")
    @Operation(summary = "Service status",
            description = "Collection counters, configuration, health metrics, the state of every enabled venue and "
                    + "of PostgreSQL, and the storage pipeline (queue, spool, writer counters, stored rows per type). "
                    + "operational when the health score is above 50.")
    @ApiResponse(responseCode = "200", description = "Always, also while the database is down",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StatusResponse.class)))
    public StatusResponse status() {
        ServiceHealth.Assessment a = health.assess();
        WriterStatistics w = writer.statistics();
        var statistics = new StatusResponse.Statistics(collection.totalCollections(),
                collection.successfulCollections(), collection.failedCollections(), iso(collection.lastCollection()),
                collection.eventsCollected(), indicators.calculated(), w.insertedRows());
        var configuration = new StatusResponse.Configuration(scope.exchangesTracked(), scope.cryptosTracked(),
                indicators.configured());
        var metrics = new StatusResponse.HealthMetrics(a.gapHours(), a.score(), a.dataFreshness());
        return new StatusResponse(SERVICE, a.serviceStatus(), statistics, configuration, metrics, dataSources(),
                storage(w), connections(), restClients());
    }

    private List<StatusResponse.Connection> connections() {
        return registry.streams().stream().map(c -> new StatusResponse.Connection(c.venue(), c.stream(),
                c.state().name().toLowerCase(Locale.ROOT), c.url(), c.messages(), c.parseErrors(), c.reconnects(),
                c.gaps(), c.lastMessageAge() == null ? null : c.lastMessageAge().toMillis() / 1000.0,
                iso(c.connectedSince()))).toList();
    }

    private List<StatusResponse.RestClient> restClients() {
        return registry.restClients().stream().map(r -> new StatusResponse.RestClient(r.venue(), iso(r.pausedUntil()),
                r.pauseReason(), r.usedWeight(), r.breaker().name().toLowerCase(Locale.ROOT), r.calls(),
                r.failedCalls())).toList();
    }

    /** One entry per enabled venue (never reported = down), then PostgreSQL as the writer sees it. */
    private Map<String, String> dataSources() {
        Map<String, SourceState> reported = collection.sourceStates();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String venue : scope.exchangeIds()) {
            sources.put(venue, reported.getOrDefault(venue, SourceState.DOWN).id());
        }
        sources.put(POSTGRESQL, databaseUp() ? SourceState.ACTIVE.id() : SourceState.DOWN.id());
        return sources;
    }

    private StatusResponse.Storage storage(WriterStatistics w) {
        Spool spool = writer.spool();
        Map<String, Long> rows = new LinkedHashMap<>();
        storedRows.rows().forEach((type, n) -> rows.put(type.id(), n));
        return new StatusResponse.Storage(databaseUp() ? "up" : "down",
                new StatusResponse.Queue(writer.queued(), writer.queueCapacity()),
                new StatusResponse.Spool(spool.backlogEvents(), spool.backlogBytes(), spool.segments()),
                new StatusResponse.Writer(w.accepted(), w.committedEvents(), w.batches(), w.insertedRows(),
                        w.spooledEvents(), w.rejectedEvents(), w.outages(), iso(w.lastCommitAt())),
                rows);
    }

    private boolean databaseUp() {
        return writer.databaseState() == EventWriter.DatabaseState.UP;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
