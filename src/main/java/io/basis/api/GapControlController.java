package io.basis.api;

import io.basis.ingest.history.Backfiller;
import io.basis.store.BackfillJobs;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code POST /gap-check} and {@code POST /backfill/{hours}}: control endpoints (API key when configured) that run
 * gap detection now or backfill the last hours, through the {@link Backfiller}.
 */
@RestController
@Tag(name = "Control")
public class GapControlController {
    /** Ranges of {@code POST /backfill/{hours}} end at a whole minute, so repeated requests name the same range. */
    static final ChronoUnit RANGE_UNIT = ChronoUnit.MINUTES;
    /** A running API backfill of the same length that ended at most this long before is the same request. */
    static final Duration SAME_REQUEST = Duration.ofMinutes(10);
    private static final int LISTED_GAPS = 100;

    private final Backfiller backfiller;
    private final BackfillJobs jobs;
    private final GapLedger ledger;
    private final ServiceHealth health;
    private final ApiKeyGuard guard;
    private final Clock clock;

    public GapControlController(Backfiller backfiller, BackfillJobs jobs, GapLedger ledger, ServiceHealth health,
                                ApiKeyGuard guard, Clock clock) {
        this.backfiller = backfiller;
        this.jobs = jobs;
        this.ledger = ledger;
        this.health = health;
        this.guard = guard;
        this.clock = clock;
    }

    @PostMapping("/gap-check")
    @Operation(summary = "Look for gaps now and backfill what the rules allow",
            description = "Splits connection-level gaps into per-stream gaps, evaluates every open gap with the "
                    + "backfill rules (types a venue serves, its history window, minimum and maximum gap length) "
                    + "and starts the allowed backfills without waiting for them. Answers with the health figures, "
                    + "the open gaps and the jobs started or joined (follow their links for progress). Needs "
                    + "X-API-Key when basis.api-key is set.")
    @ApiResponse(responseCode = "200", description = "Checked", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = GapControlResponses.GapCheck.class)))
    @ApiResponse(responseCode = "401", description = "API key missing or wrong", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public GapControlResponses.GapCheck gapCheck(HttpServletRequest request) {
        guard.require(request);
        Backfiller.GapCheck check = backfiller.gapCheck();
        ServiceHealth.Assessment a = health.assess();
        List<GapsResponse.Gap> gaps = ledger.list(new GapLedger.Filter(null, null, null,
                        EnumSet.of(GapState.OPEN, GapState.BACKFILLING), null, null, LISTED_GAPS)).stream()
                .map(GapsResponse.Gap::of).toList();
        List<GapControlResponses.JobRef> started = check.started().stream().map(GapControlResponses.JobRef::of)
                .toList();
        return new GapControlResponses.GapCheck("completed", a.gapHours(), a.score(), !started.isEmpty(),
                check.at().truncatedTo(ChronoUnit.MILLIS).toString(), check.expanded(), check.open(), gaps,
                started);
    }

    @PostMapping("/backfill/{hours}")
    @Operation(summary = "Backfill the last hours",
            description = "Queues one backfill job per venue with a running history source for [now - hours, now) "
                    + "(now at the whole minute), every type the venue serves history of, every tracked symbol; "
                    + "answers at once. A request while the same backfill is queued or running (same length, "
                    + "ending within the last 10 minutes) starts nothing and answers with that backfill's jobs "
                    + "(already_running). Needs X-API-Key when basis.api-key is set.")
    @ApiResponse(responseCode = "200", description = "Started (or already running)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = GapControlResponses.BackfillStarted.class)))
    @ApiResponse(responseCode = "400", description = "hours is not a whole number from 1 to 168", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "API key missing or wrong", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "No venue with a history source is running", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<?> backfill(
            @PathVariable("hours") @Parameter(description = "Hours back from now, 1..168", schema = @Schema(
                    type = "integer", minimum = "1", maximum = "168")) String hours,
            HttpServletRequest request) {
        guard.require(request);
        int h = GapParams.hours(hours);
        Instant now = clock.instant();
        Instant to = now.truncatedTo(RANGE_UNIT);
        Instant from = to.minus(Duration.ofHours(h));
        List<BackfillJobs.Job> running = sameRequest(Duration.ofHours(h), to);
        boolean already = !running.isEmpty();
        List<BackfillJobs.Job> started = running;
        if (!already) {
            try {
                started = backfiller.start(new Backfiller.Request(null, from, to, null, null, BackfillJobs.API));
            } catch (IllegalArgumentException noSource) {
                started = List.of();
            }
        }
        if (started.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "No venue with a history source is running; backfill starts once a venue connector is up.");
            problem.setTitle("No history source");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
        Instant shownFrom = already ? started.getFirst().from() : from;
        Instant shownTo = already ? started.getFirst().to() : to;
        List<Long> ids = new ArrayList<>();
        started.forEach(j -> ids.add(j.id()));
        return ResponseEntity.ok(new GapControlResponses.BackfillStarted("started",
                // the seed API's exact text ("1 hours" too): clients match it
                "Intensive collection initiated for " + h + " hours of coverage",
                (long) h * 60 * started.size(), now.truncatedTo(ChronoUnit.MILLIS).toString(), already,
                shownFrom.toString(), shownTo.toString(), ids,
                started.stream().map(GapControlResponses.JobRef::of).toList()));
    }

    /** Queued or running API jobs of all types and symbols, of this length, ending within {@link #SAME_REQUEST}. */
    private List<BackfillJobs.Job> sameRequest(Duration length, Instant to) {
        return jobs.active().stream().filter(j -> BackfillJobs.API.equals(j.origin()) && j.eventTypes().isEmpty()
                && j.symbols().isEmpty() && Duration.between(j.from(), j.to()).equals(length)
                && !j.to().isBefore(to.minus(SAME_REQUEST))).toList();
    }
}
