package io.basis.api;

import io.basis.model.EventType;
import io.basis.model.Instrument;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/v1/open-interest}: the newest open interest of every instrument, or one symbol's history. */
@RestController
@Tag(name = "Derivatives")
public class OpenInterestController {
    private final InstrumentSeries series;

    public OpenInterestController(InstrumentSeries series) {
        this.series = series;
    }

    @GetMapping("/api/v1/open-interest")
    @Operation(summary = "Open interest across venues",
            description = "Without from/to: the newest open interest of every perpetual and future in scope (all "
                    + "venues, e.g. Binance and Deribit), by venue and symbol. With from and/or to: one symbol's "
                    + "values with from <= time < to, oldest first (to defaults to now, from to to - 24h). amount is "
                    + "in the venue's unit (Deribit inverse contracts: USD), base_amount in the base currency, "
                    + "notional_usd in USD. A known venue, symbol or currency without data answers 200 with an "
                    + "empty list. Option open interest is in the option chain.")
    @ApiResponse(responseCode = "200", description = "The open interest",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = OpenInterestResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid from, to, limit or kind, or a history without "
            + "symbol; named in \"parameter\"", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown venue, symbol or currency, named in \"parameter\"",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public OpenInterestResponse openInterest(
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
            @Parameter(description = "History: inclusive lower bound of the venue time, ISO-8601") Instant from,
            @RequestParam(name = "to", required = false)
            @Parameter(description = "History: exclusive upper bound of the venue time, ISO-8601") Instant to,
            @RequestParam(name = "limit", defaultValue = "1000")
            @Parameter(description = "Maximum number of rows, 1..10000",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "10000", defaultValue = "1000"))
            int limit) {
        InstrumentSeries.Result r = series.read(EventType.OPEN_INTEREST,
                new InstrumentSeries.Request(venue, symbol, currency, kind, from, to, limit));
        List<OpenInterestResponse.Value> values = new ArrayList<>(r.events().size());
        for (MarketEvent e : r.events()) {
            OpenInterest o = (OpenInterest) e;
            Instrument i = r.instrument(o.venue(), o.symbol());
            values.add(new OpenInterestResponse.Value(o.venue(), o.symbol(), i == null ? null : i.normalizedSymbol(),
                    i == null ? null : lower(i.kind()), i == null ? null : i.base(), i == null ? null : i.quote(),
                    i == null || i.contractType() == null ? null : lower(i.contractType()),
                    o.venueTime().toString(), o.amount().toPlainString(), plain(o.baseAmount()),
                    plain(o.notional()), Ages.seconds(o.venueTime(), r.asOf())));
        }
        return new OpenInterestResponse(r.mode(), r.asOf().toString(), values.size(), r.truncated(), values);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
