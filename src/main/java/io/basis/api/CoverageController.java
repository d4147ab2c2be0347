package io.basis.api;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.model.EventType;
import io.basis.store.CoverageQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/coverage}: for every tracked symbol, the stored data types and the share of their expected
 * intervals present over the last 24 hours and 7 days ({@link CoverageRules}), and how many symbols are complete.
 * Tracked symbols of a venue are its connector's resolved symbols, else the venues file's explicit symbols, else
 * (a symbol rule or currencies not resolved by a running connector) the symbols it stored data of in the last 7 days.
 */
@RestController
@Tag(name = "Data quality", description = "Coverage, gaps and backfills")
public class CoverageController {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration DAY = Duration.ofDays(1);

    private final CoverageQueries queries;
    private final VenuesConfig venues;
    private final TrackedScope scope;
    private final MarketScopes scopes;
    private final CoverageCache cache;

    public CoverageController(CoverageQueries queries, VenuesConfig venues, TrackedScope scope, MarketScopes scopes,
                              Clock clock) {
        this.queries = queries;
        this.venues = venues;
        this.scope = scope;
        this.scopes = scopes;
        this.cache = new CoverageCache(clock, CoverageCache.TTL);
    }

    @GetMapping("/api/v1/coverage")
    @Operation(summary = "Data coverage per tracked symbol",
            description = "Per tracked symbol (connector-resolved symbols, else the venues file's symbols, else "
                    + "the symbols stored in the last 7 days) and data type stored in the last 7 days: expected "
                    + "and present intervals over the last 24 h and 7 d, counted in whole intervals aligned to UTC "
                    + "that ended before now. Expected intervals: candles one per candle interval (1m: 1,440 a "
                    + "day); funding one per funding interval (8h: 3 a day); open interest one per poll-interval "
                    + "(default 1m); long/short ratios one per period (default 5m); option quotes hours with at "
                    + "least one quote (stored only on change); mark and index prices, books and the volatility "
                    + "index minutes with at least one event; a thinned channel (snapshot-interval) one per "
                    + "snapshot interval when that is longer. Trades and liquidations are listed, not measured "
                    + "(expected_interval null): a minute without a trade is not missing data; /api/v1/gaps has "
                    + "their outages. A symbol is complete when every measured type reaches 99% over the last 24 h "
                    + "(with unmeasured types only: when something was stored in the last 24 h); a tracked symbol "
                    + "without data is incomplete. summary reads e.g. \"104/127 symbols (81.9%)\". Measuring "
                    + "probes every expected interval, so an answer is reused for a minute, then given once more "
                    + "while the next is measured in the background; only the first request waits (timestamp: "
                    + "when it was measured).")
    @ApiResponse(responseCode = "200", description = "Coverage", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CoverageResponse.class)))
    @ApiResponse(responseCode = "404", description = "Unknown venue, named in \"parameter\"", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public CoverageResponse coverage(
            @RequestParam(name = "venue", required = false)
            @Parameter(description = "Only this venue, e.g. binance-usdm") String venue) {
        String only = scopes.venue(venue);
        return cache.get(only == null ? "" : only, now -> measure(only, now));
    }

    /** Coverage of one venue ({@code only}) or of all, at {@code now}. */
    private CoverageResponse measure(String only, Instant now) {
        Map<String, Map<String, List<CoverageQueries.Collected>>> stored = new LinkedHashMap<>();
        for (CoverageQueries.Collected c : queries.collected(now.minus(WEEK))) {
            stored.computeIfAbsent(c.venue(), v -> new LinkedHashMap<>())
                    .computeIfAbsent(c.symbol(), s -> new ArrayList<>()).add(c);
        }
        Map<String, List<String>> tracked = new LinkedHashMap<>();
        for (String v : only != null ? List.of(only) : scope.exchangeIds()) {
            tracked.put(v, trackedSymbols(v, stored.getOrDefault(v, Map.of())));
        }
        List<CoverageQueries.Probe> probes = new ArrayList<>();
        Map<CoverageQueries.Collected, CoverageQueries.Probe> probeOf = new LinkedHashMap<>();
        tracked.forEach((v, symbols) -> {
            VenueConfig config = venues.venue(v).orElse(null);
            for (String s : symbols) {
                for (CoverageQueries.Collected c : stored.getOrDefault(v, Map.of()).getOrDefault(s, List.of())) {
                    CoverageRules.bucket(c.type(), config, c.fundingIntervalSeconds()).ifPresent(b -> {
                        CoverageQueries.Probe p = new CoverageQueries.Probe(c.instrumentId(), c.type(), b,
                                c.type() == EventType.CANDLE ? (int) b.toSeconds() : null);
                        probes.add(p);
                        probeOf.put(c, p);
                    });
                }
            }
        });
        Map<CoverageQueries.Probe, CoverageQueries.Counts> counts = queries.measure(probes, now);
        List<CoverageResponse.Symbol> rows = new ArrayList<>();
        int complete = 0;
        for (Map.Entry<String, List<String>> e : tracked.entrySet()) {
            for (String s : e.getValue()) {
                List<CoverageResponse.TypeCoverage> types = new ArrayList<>();
                boolean storedLast24h = false;
                for (CoverageQueries.Collected c : stored.getOrDefault(e.getKey(), Map.of()).getOrDefault(s,
                        List.of())) {
                    types.add(type(c, Optional.ofNullable(probeOf.get(c)), counts));
                    storedLast24h |= !c.newest().isBefore(now.minus(DAY));
                }
                boolean ok = CoverageRules.complete(types, storedLast24h);
                complete += ok ? 1 : 0;
                rows.add(new CoverageResponse.Symbol(e.getKey(), s, ok, types));
            }
        }
        return new CoverageResponse(now.truncatedTo(ChronoUnit.MILLIS).toString(),
                CoverageRules.headline(complete, rows.size()), rows.size(), complete,
                CoverageRules.percent(complete, rows.size()), CoverageRules.COMPLETE_PERCENT, rows);
    }

    private List<String> trackedSymbols(String venue, Map<String, List<CoverageQueries.Collected>> stored) {
        List<String> live = scope.liveSymbols(venue);
        if (!live.isEmpty()) {
            return live;
        }
        List<String> configured = venues.venue(venue).map(VenueConfig::symbols).orElse(List.of());
        return !configured.isEmpty() ? configured : List.copyOf(stored.keySet());
    }

    private static CoverageResponse.TypeCoverage type(CoverageQueries.Collected c,
                                                      Optional<CoverageQueries.Probe> probe,
                                                      Map<CoverageQueries.Probe, CoverageQueries.Counts> counts) {
        CoverageQueries.Counts n = probe.map(counts::get).orElse(null);
        if (probe.isEmpty()) {
            return new CoverageResponse.TypeCoverage(c.type().id(), null, c.newest().toString(), null, null, null,
                    null, null, null);
        }
        if (n == null) {
            n = new CoverageQueries.Counts(0, 0, 0, 0);
        }
        return new CoverageResponse.TypeCoverage(c.type().id(), probe.get().bucket().toString(), c.newest().toString(),
                n.expected24h(), n.present24h(), CoverageRules.percent(n.present24h(), n.expected24h()),
                n.expected7d(), n.present7d(), CoverageRules.percent(n.present7d(), n.expected7d()));
    }
}
