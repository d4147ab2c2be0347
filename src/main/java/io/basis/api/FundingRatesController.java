package io.basis.api;

import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.Instrument;
import io.basis.model.MarketEvent;
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

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/v1/funding-rates}: the newest funding rate of every perpetual, or one symbol's history. */
@RestController
@Tag(name = "Derivatives", description = "Funding rates and open interest across venues")
public class FundingRatesController {
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);
    private static final Duration YEAR = Duration.ofDays(365);

    private final InstrumentSeries series;

    public FundingRatesController(InstrumentSeries series) {
        this.series = series;
    }

    @GetMapping("/api/v1/funding-rates")
    @Operation(summary = "Funding rates across venues",
            description = "Without from/to: the newest funding period of every perpetual in scope (all venues, "
                    + "e.g. Binance and Deribit), by venue and symbol — the current estimate until it settles. With "
                    + "from and/or to: the funding periods of one symbol with from <= funding_time < to, oldest "
                    + "first (to defaults to now, from to to - 24h). rate_8h = rate × 8h / interval and "
                    + "rate_annualized = rate × 365d / interval (simple). Deribit accrues funding continuously; its "
                    + "rate is the trailing 8-hour rate (interval PT8H), one row per hour. A known venue, symbol or "
                    + "currency without funding data answers 200 with no rates.")
    @ApiResponse(responseCode = "200", description = "The funding rates",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = FundingRatesResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid from, to, limit or kind, or a history without "
            + "symbol; named in \"parameter\"", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown venue, symbol or currency, named in \"parameter\"",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public FundingRatesResponse fundingRates(
            @RequestParam(name = "venue", required = false)
            @Parameter(description = "Venue id, e.g. binance-usdm or deribit") String venue,
            @RequestParam(name = "symbol", required = false)
            @Parameter(description = "Venue symbol (BTC-PERPETUAL) or normalized symbol (BTC-USD-PERP)")
            String symbol,
            @RequestParam(name = "currency", required = false)
            @Parameter(description = "Base asset, e.g. BTC (latest only)") String currency,
            @RequestParam(name = "kind", required = false)
            @Parameter(description = "Instrument kind (latest only)", schema = @Schema(allowableValues = {
                    "perpetual", "future"})) String kind,
            @RequestParam(name = "from", required = false)
            @Parameter(description = "History: inclusive lower bound of funding_time, ISO-8601") Instant from,
            @RequestParam(name = "to", required = false)
            @Parameter(description = "History: exclusive upper bound of funding_time, ISO-8601") Instant to,
            @RequestParam(name = "limit", defaultValue = "1000")
            @Parameter(description = "Maximum number of rows, 1..10000",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "10000", defaultValue = "1000"))
            int limit) {
        InstrumentSeries.Result r = series.read(EventType.FUNDING_RATE,
                new InstrumentSeries.Request(venue, symbol, currency, kind, from, to, limit));
        List<FundingRatesResponse.Rate> rates = new ArrayList<>(r.events().size());
        for (MarketEvent e : r.events()) {
            FundingRate f = (FundingRate) e;
            rates.add(row(f, r.instrument(f.venue(), f.symbol()), r.asOf()));
        }
        return new FundingRatesResponse(r.mode(), r.asOf().toString(), rates.size(), r.truncated(), rates);
    }

    static FundingRatesResponse.Rate row(FundingRate f, Instrument i, Instant asOf) {
        Duration interval = f.interval();
        boolean usable = interval != null && !interval.isZero() && !interval.isNegative();
        return new FundingRatesResponse.Rate(f.venue(), f.symbol(), i == null ? null : i.normalizedSymbol(),
                i == null ? null : i.kind().name().toLowerCase(Locale.ROOT), i == null ? null : i.base(),
                i == null ? null : i.quote(), f.fundingTime().toString(), f.settled(),
                f.fundingTime().isAfter(asOf) ? f.fundingTime().toString() : null, f.rate().toPlainString(),
                interval == null ? null : interval.toString(),
                usable ? scaled(f.rate(), EIGHT_HOURS, interval) : null,
                usable ? scaled(f.rate(), YEAR, interval) : null,
                f.predictedRate() == null ? null : f.predictedRate().toPlainString(), f.venueTime().toString(),
                Ages.seconds(f.venueTime(), asOf));
    }

    /** rate × target / interval, divided last so that whole results stay exact; else 16 significant digits. */
    static String scaled(BigDecimal rate, Duration target, Duration interval) {
        BigDecimal v = rate.multiply(BigDecimal.valueOf(target.toSeconds()))
                .divide(BigDecimal.valueOf(interval.toSeconds()), MathContext.DECIMAL64);
        return v.stripTrailingZeros().toPlainString();
    }
}
