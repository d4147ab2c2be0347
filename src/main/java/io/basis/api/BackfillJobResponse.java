package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.basis.store.BackfillJobs;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Body of {@code GET /api/v1/backfills/{id}}: one backfill job and its progress. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A backfill job: what it fetches and how far it got")
public record BackfillJobResponse(
        @JsonProperty("id") long id,
        @JsonProperty("venue") @Schema(example = "binance-usdm") String venue,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("types") @Schema(description = "Data types; empty: every type the venue serves history of")
        List<String> types,
        @JsonProperty("symbols") @Schema(description = "Venue symbols; empty: every tracked symbol")
        List<String> symbols,
        @JsonProperty("origin") @Schema(allowableValues = {"auto", "api", "cli", "startup"}) String origin,
        @JsonProperty("state") @Schema(allowableValues = {"queued", "running", "completed", "failed", "cancelled"})
        String state,
        @JsonProperty("requests_done") long requestsDone,
        @JsonProperty("requests_total") @Schema(description = "0 while not yet planned") long requestsTotal,
        @JsonProperty("rows_written") @Schema(description = "New rows stored (duplicates not counted)")
        long rowsWritten,
        @JsonProperty("progress_percent") @Schema(example = "42.5") double progressPercent,
        @JsonProperty("eta_seconds") @Schema(nullable = true, description = "Estimated seconds left at the rate so "
                + "far; null while not running or before the first request") Long etaSeconds,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("started_at") @Schema(nullable = true) String startedAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("finished_at") @Schema(nullable = true) String finishedAt,
        @JsonProperty("error") @Schema(nullable = true, description = "Why a job failed or was cancelled; on a "
                + "completed job, what the venue did not serve (e.g. a range older than its history window)")
        String error,
        @JsonProperty("link") @Schema(example = "/api/v1/backfills/12") String link) {

    static String link(long id) {
        return "/api/v1/backfills/" + id;
    }

    static BackfillJobResponse of(BackfillJobs.Job j, Instant now) {
        return new BackfillJobResponse(j.id(), j.venue(), j.from().toString(), j.to().toString(), j.eventTypes(),
                j.symbols(), j.origin(), j.state(), j.requestsDone(), j.requestsTotal(), j.rowsWritten(),
                Math.round(j.progress() * 1000) / 10.0, j.eta(now).map(Duration::toSeconds).orElse(null),
                iso(j.createdAt()), iso(j.startedAt()), iso(j.updatedAt()), iso(j.finishedAt()), j.error(),
                link(j.id()));
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
