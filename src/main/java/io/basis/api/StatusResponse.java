package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Body of {@code GET /status}; every key always present, instants as ISO-8601 UTC strings or null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Counters, configuration, health and storage state of the service")
public record StatusResponse(
        @JsonProperty("service") String service,
        @JsonProperty("status") @Schema(allowableValues = {"operational", "degraded"},
                description = "operational: health score above 50") String status,
        @JsonProperty("statistics") Statistics statistics,
        @JsonProperty("configuration") Configuration configuration,
        @JsonProperty("health_metrics") HealthMetrics healthMetrics,
        @JsonProperty("data_sources") @Schema(description = "Enabled venue id (and postgresql) to active|degraded|down")
        Map<String, String> dataSources,
        @JsonProperty("storage") Storage storage,
        @JsonProperty("connections") @Schema(description = "Every venue stream connection") List<Connection> connections,
        @JsonProperty("rest_clients") @Schema(description = "Every venue REST client") List<RestClient> restClients) {

    /** One venue stream (WebSocket connection). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Connection(
            @JsonProperty("venue") String venue,
            @JsonProperty("stream") String stream,
            @JsonProperty("state") String state,
            @JsonProperty("url") String url,
            @JsonProperty("messages") long messages,
            @JsonProperty("parse_errors") long parseErrors,
            @JsonProperty("reconnects") long reconnects,
            @JsonProperty("gaps") long gaps,
            @JsonProperty("last_message_age_seconds") @Schema(nullable = true) Double lastMessageAgeSeconds,
            @JsonProperty("connected_since") @Schema(nullable = true) String connectedSince) {
    }

    /** One venue REST client: rate-limit pauses, used weight, circuit breaker. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RestClient(
            @JsonProperty("venue") String venue,
            @JsonProperty("paused_until") @Schema(nullable = true) String pausedUntil,
            @JsonProperty("pause_reason") @Schema(nullable = true) String pauseReason,
            @JsonProperty("used_weight") Map<String, Integer> usedWeight,
            @JsonProperty("breaker") String breaker,
            @JsonProperty("calls") long calls,
            @JsonProperty("failed_calls") long failedCalls) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Statistics(
            @JsonProperty("total_collections") long totalCollections,
            @JsonProperty("successful_collections") long successfulCollections,
            @JsonProperty("failed_collections") long failedCollections,
            @JsonProperty("last_collection") @Schema(nullable = true) String lastCollection,
            @JsonProperty("derivatives_collected") @Schema(description = "Events received from venues")
            long derivativesCollected,
            @JsonProperty("ml_indicators_calculated") long mlIndicatorsCalculated,
            @JsonProperty("database_writes") @Schema(description = "Rows actually inserted since start-up")
            long databaseWrites) {
    }

    public record Configuration(
            @JsonProperty("exchanges_tracked") int exchangesTracked,
            @JsonProperty("cryptos_tracked") int cryptosTracked,
            @JsonProperty("ml_indicators") int mlIndicators) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HealthMetrics(
            @JsonProperty("gap_hours") @Schema(nullable = true) Double gapHours,
            @JsonProperty("health_score") int healthScore,
            @JsonProperty("data_freshness") @Schema(allowableValues = {"healthy", "stale"}) String dataFreshness) {
    }

    public record Storage(
            @JsonProperty("database") @Schema(allowableValues = {"up", "down"}) String database,
            @JsonProperty("queue") Queue queue,
            @JsonProperty("spool") Spool spool,
            @JsonProperty("writer") Writer writer,
            @JsonProperty("stored_rows") @Schema(description = "Event type id to stored rows")
            Map<String, Long> storedRows) {
    }

    public record Queue(@JsonProperty("size") int size, @JsonProperty("capacity") int capacity) {
    }

    public record Spool(@JsonProperty("events") long events, @JsonProperty("bytes") long bytes,
                        @JsonProperty("segments") int segments) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Writer(
            @JsonProperty("accepted") long accepted,
            @JsonProperty("committed_events") long committedEvents,
            @JsonProperty("batches") long batches,
            @JsonProperty("inserted_rows") long insertedRows,
            @JsonProperty("spooled_events") long spooledEvents,
            @JsonProperty("rejected_events") long rejectedEvents,
            @JsonProperty("outages") long outages,
            @JsonProperty("last_commit") @Schema(nullable = true) String lastCommit) {
    }
}
