package io.basis.api;

import io.basis.store.BackfillJobs;
import io.basis.store.GapLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code GET /api/v1/gaps} (the gap ledger) and {@code GET /api/v1/backfills/{id}} (one job's progress). */
@RestController
@Tag(name = "Data quality")
public class GapsController {
    private final GapLedger ledger;
    private final BackfillJobs jobs;
    private final MarketScopes scopes;
    private final Clock clock;

    public GapsController(GapLedger ledger, BackfillJobs jobs, MarketScopes scopes, Clock clock) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.scopes = scopes;
        this.clock = clock;
    }

    @GetMapping("/api/v1/gaps")
    @Operation(summary = "Gaps in the stored data",
            description = "Rows of the gap ledger, newest start first: one missing range of one stream (a symbol's "
                    + "data type, or a whole connection before it is split into streams), its cause and state "
                    + "(open → backfilling → filled | unfillable; ignored: data no venue serves history of; "
                    + "expanded: a connection row split into per-stream rows), the rows a backfill recovered and "
                    + "the backfill job. from/to select rows overlapping [from, to).")
    @ApiResponse(responseCode = "200", description = "The gaps", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = GapsResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid type, state, from, to or limit, named in "
            + "\"parameter\"", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown venue", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public GapsResponse gaps(
            @RequestParam(name = "venue", required = false)
            @Parameter(description = "Venue id, e.g. binance-usdm") String venue,
            @RequestParam(name = "symbol", required = false)
            @Parameter(description = "Venue symbol, e.g. BTCUSDT") String symbol,
            @RequestParam(name = "instrument", required = false)
            @Parameter(description = "Same as symbol") String instrument,
            @RequestParam(name = "type", required = false)
            @Parameter(description = "Data type, e.g. trade or candle") String type,
            @RequestParam(name = "state", required = false)
            @Parameter(description = "One state or a comma-separated list, e.g. open,backfilling") String state,
            @RequestParam(name = "from", required = false)
            @Parameter(description = "Rows ending after this instant, ISO-8601") Instant from,
            @RequestParam(name = "to", required = false)
            @Parameter(description = "Rows starting before this instant, ISO-8601") Instant to,
            @RequestParam(name = "limit", defaultValue = "100")
            @Parameter(description = "Maximum number of rows, 1..1000",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
            int limit) {
        GapParams.limit(limit);
        GapParams.window(from, to);
        String sym = MarketScopes.blankToNull(symbol) != null ? MarketScopes.blankToNull(symbol)
                : MarketScopes.blankToNull(instrument);
        GapLedger.Filter filter = new GapLedger.Filter(scopes.venue(venue), sym, GapParams.type(type),
                GapParams.states(state), from, to, limit + 1);
        List<GapLedger.Gap> rows = ledger.list(filter);
        List<GapsResponse.Gap> gaps = rows.stream().limit(limit).map(GapsResponse.Gap::of).toList();
        return new GapsResponse(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), gaps.size(),
                rows.size() > limit, gaps);
    }

    @GetMapping("/api/v1/backfills/{id}")
    @Operation(summary = "A backfill job's progress",
            description = "Requests done of the total planned, rows written, progress and the estimated time left "
                    + "(at the request rate so far), state and error.")
    @ApiResponse(responseCode = "200", description = "The job", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = BackfillJobResponse.class)))
    @ApiResponse(responseCode = "400", description = "id is not a positive integer", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such job", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public BackfillJobResponse backfill(
            @PathVariable("id") @Parameter(description = "Job id", schema = @Schema(type = "integer",
                    minimum = "1")) String id) {
        long jobId = GapParams.jobId(id);
        return jobs.get(jobId).map(j -> BackfillJobResponse.of(j, clock.instant()))
                .orElseThrow(() -> GapParams.unknownJob(jobId));
    }
}
