package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.basis.store.BackfillJobs;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Bodies of {@code POST /gap-check} and {@code POST /backfill/{hours}}. */
final class GapControlResponses {
    private GapControlResponses() {
    }

    /** A backfill job as the control endpoints list it; the link has its progress. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JobRef(
            @JsonProperty("id") long id,
            @JsonProperty("venue") String venue,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("types") List<String> types,
            @JsonProperty("symbols") List<String> symbols,
            @JsonProperty("state") String state,
            @JsonProperty("link") @Schema(example = "/api/v1/backfills/12") String link) {

        static JobRef of(BackfillJobs.Job j) {
            return new JobRef(j.id(), j.venue(), j.from().toString(), j.to().toString(), j.eventTypes(),
                    j.symbols(), j.state(), BackfillJobResponse.link(j.id()));
        }
    }

    /** {@code POST /gap-check}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GapCheck(
            @JsonProperty("status") @Schema(allowableValues = "completed") String status,
            @JsonProperty("gap_hours") @Schema(nullable = true, description = "As in /health: the longer of the "
                    + "hours since the newest stored event and the longest open or backfilling ledger gap of the "
                    + "last 24 h; null when nothing is stored") Double gapHours,
            @JsonProperty("health_score") int healthScore,
            @JsonProperty("backfill_triggered") @Schema(description = "At least one backfill job was started or "
                    + "joined") boolean backfillTriggered,
            @JsonProperty("timestamp") String timestamp,
            @JsonProperty("gaps_expanded") @Schema(description = "Connection-level gaps split into per-stream gaps")
            int gapsExpanded,
            @JsonProperty("open_gaps") @Schema(description = "Open per-stream gaps found") int openGaps,
            @JsonProperty("gaps") @Schema(description = "Open and backfilling gaps, newest first (at most 100)")
            List<GapsResponse.Gap> gaps,
            @JsonProperty("backfills") @Schema(description = "Jobs started or joined") List<JobRef> backfills) {
    }

    /** {@code POST /backfill/{hours}}, shape from the seed API plus the jobs. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BackfillStarted(
            @JsonProperty("status") @Schema(allowableValues = "started") String status,
            @JsonProperty("message") @Schema(example = "Intensive collection initiated for 24 hours of coverage")
            String message,
            @JsonProperty("estimated_collections") @Schema(description = "1-minute intervals of coverage requested "
                    + "per venue: hours x 60 x venues", example = "1440") long estimatedCollections,
            @JsonProperty("timestamp") String timestamp,
            @JsonProperty("already_running") @Schema(description = "The same backfill was already queued or "
                    + "running; these are its jobs, nothing new was started") boolean alreadyRunning,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("job_ids") List<Long> jobIds,
            @JsonProperty("backfills") List<JobRef> backfills) {
    }
}
