package io.basis.api;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.model.VolatilityIndex;
import io.basis.store.EventQueries;
import io.basis.store.MarketQueries;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/volatility-index/{currency}}: the Deribit volatility index (DVOL) of a currency over a window,
 * every stored value or OHLC buckets computed in the database.
 */
@RestController
@Tag(name = "Options", description = "Option chains, implied-volatility surfaces and volatility indices")
public class VolatilityIndexController {
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final int MAX_POINTS = 10_000;
    static final List<String> INTERVALS = List.of("1m", "5m", "15m", "1h", "4h", "1d");

    private final MarketScopes scopes;
    private final EventQueries events;
    private final MarketQueries market;
    private final Clock clock;

    public VolatilityIndexController(MarketScopes scopes, EventQueries events, MarketQueries market, Clock clock) {
        this.scopes = scopes;
        this.events = events;
        this.market = market;
        this.clock = clock;
    }

    /** The venue's index name of a currency's DVOL: {@code btc_usd}. */
    static String indexName(String currency) {
        return currency.toLowerCase(Locale.ROOT) + "_usd";
    }

    @GetMapping("/api/v1/volatility-index/{currency}")
    @Operation(summary = "Volatility index (DVOL) of a currency",
            description = "Deribit's DVOL (30-day implied volatility index, percent points) of the currency in "
                    + "from <= time < to; defaults: to = now, from = to - 24h; at most 31 days. Without interval: "
                    + "every stored value, oldest first, at most limit (truncated=true when more remain). With "
                    + "interval (1m, 5m, 15m, 1h, 4h, 1d): OHLC buckets aligned on UTC epoch multiples of the "
                    + "interval (first/highest/lowest/last value by venue time, and the number of values), at most "
                    + "10000 buckets; buckets without values are absent. A known currency without stored values "
                    + "answers 200 with no points.")
    @ApiResponse(responseCode = "200", description = "The values",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = VolatilityIndexResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid from, to, interval or limit, named in \"parameter\"",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown currency; \"allowed\" lists the configured ones",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public VolatilityIndexResponse volatilityIndex(
            @PathVariable("currency") @Parameter(description = "Currency, e.g. BTC or ETH (case-insensitive)")
            String currency,
            @RequestParam(name = "from", required = false)
            @Parameter(description = "Inclusive start, ISO-8601 instant; default to - 24h",
                    example = "2026-11-20T00:00:00Z") Instant from,
            @RequestParam(name = "to", required = false)
            @Parameter(description = "Exclusive end, ISO-8601 instant; default now") Instant to,
            @RequestParam(name = "interval", required = false)
            @Parameter(description = "Bucket length for OHLC downsampling",
                    schema = @Schema(allowableValues = {"1m", "5m", "15m", "1h", "4h", "1d"})) String interval,
            @RequestParam(name = "limit", defaultValue = "10000")
            @Parameter(description = "Maximum number of raw values, 1..10000 (without interval)",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "10000", defaultValue = "10000"))
            int limit) {
        String c = scopes.optionCurrency(currency, VolatilityIndexController::indexName);
        if (limit < 1 || limit > MAX_POINTS) {
            throw ParameterException.invalid("limit", "limit must be between 1 and " + MAX_POINTS + ".", List.of());
        }
        Duration bucket = MarketScopes.blankToNull(interval) == null ? null
                : Durations.parse("interval", interval, INTERVALS);
        TimeWindow w = TimeWindow.resolve(from, to, clock.instant(), DEFAULT_SPAN, MAX_SPAN);
        String index = indexName(c);
        List<VolatilityIndexResponse.Point> points = new ArrayList<>();
        boolean truncated = false;
        if (bucket != null) {
            long buckets = (w.span().toSeconds() + bucket.toSeconds() - 1) / bucket.toSeconds();
            if (buckets > MAX_POINTS) {
                throw ParameterException.invalid("interval", "interval " + interval.strip() + " gives " + buckets
                        + " buckets over this window; at most " + MAX_POINTS + " are allowed.", INTERVALS);
            }
            for (MarketQueries.Bucket b : market.volatilityBuckets(MarketScopes.OPTIONS_VENUE, index, w.from(),
                    w.to(), bucket)) {
                points.add(new VolatilityIndexResponse.Point(b.start().toString(), null, b.open().toPlainString(),
                        b.high().toPlainString(), b.low().toPlainString(), b.close().toPlainString(), b.samples()));
            }
        } else {
            List<MarketEvent> values = events.range(EventType.VOLATILITY_INDEX, new EventQueries.Filter(
                    MarketScopes.OPTIONS_VENUE, index, w.from(), w.to(), limit + 1));
            truncated = values.size() > limit;
            for (MarketEvent e : truncated ? values.subList(0, limit) : values) {
                VolatilityIndex v = (VolatilityIndex) e;
                points.add(new VolatilityIndexResponse.Point(v.venueTime().toString(), v.value().toPlainString(),
                        null, null, null, null, null));
            }
        }
        return new VolatilityIndexResponse(MarketScopes.OPTIONS_VENUE, c, index, w.from().toString(),
                w.to().toString(), bucket == null ? null : interval.strip(), points.size(), truncated, points);
    }
}
