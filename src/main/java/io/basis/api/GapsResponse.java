package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.basis.store.GapLedger;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code GET /api/v1/gaps}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Gap ledger rows, newest start first")
public record GapsResponse(
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("count") int count,
        @JsonProperty("truncated") @Schema(description = "More rows than limit match") boolean truncated,
        @JsonProperty("gaps") List<Gap> gaps) {

    /** One missing range of one stream and what became of it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Gap(
            @JsonProperty("id") long id,
            @JsonProperty("venue") @Schema(example = "binance-usdm") String venue,
            @JsonProperty("stream") @Schema(description = "Connection name, or <type>:<symbol>",
                    example = "trade:BTCUSDT") String stream,
            @JsonProperty("symbol") @Schema(nullable = true, description = "Venue symbol; null for a whole "
                    + "connection's gap", example = "BTCUSDT") String symbol,
            @JsonProperty("type") @Schema(nullable = true, example = "trade") String type,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("duration_seconds") double durationSeconds,
            @JsonProperty("cause") @Schema(example = "disconnect") String cause,
            @JsonProperty("state") @Schema(allowableValues = {"open", "backfilling", "filled", "unfillable",
                    "ignored", "expanded"}) String state,
            @JsonProperty("reason") @Schema(nullable = true, description = "Why unfillable, ignored or reopened")
            String reason,
            @JsonProperty("rows_recovered") long rowsRecovered,
            @JsonProperty("backfill_id") @Schema(nullable = true) Long backfillId,
            @JsonProperty("backfill") @Schema(nullable = true, example = "/api/v1/backfills/12") String backfill,
            @JsonProperty("detected_at") String detectedAt,
            @JsonProperty("updated_at") String updatedAt) {

        static Gap of(GapLedger.Gap g) {
            return new Gap(g.id(), g.venue(), g.stream(), g.symbol(), g.eventType(), g.from().toString(),
                    g.to().toString(), g.length().toMillis() / 1000.0, g.cause(), g.state().id(), g.stateReason(),
                    g.rowsRecovered(), g.backfillId(), g.backfillId() == null ? null
                    : BackfillJobResponse.link(g.backfillId()), g.detectedAt().toString(),
                    g.updatedAt().toString());
        }
    }
}
