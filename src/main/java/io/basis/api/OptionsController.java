package io.basis.api;

import io.basis.model.Instrument;
import io.basis.model.OptionTicker;
import io.basis.model.OptionType;
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

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/options/{currency}/chain} and {@code /surface}: the tracked options of a currency
 * ({@link OptionBoard}) as a quote chain, or as an implied-volatility surface ({@link VolSmile} per expiry).
 */
@RestController
@Tag(name = "Options")
public class OptionsController {
    static final List<String> SOURCES = List.of("live", "hourly");

    private final MarketScopes scopes;
    private final OptionBoard board;
    private final Clock clock;

    public OptionsController(MarketScopes scopes, OptionBoard board, Clock clock) {
        this.scopes = scopes;
        this.board = board;
        this.clock = clock;
    }

    @GetMapping("/api/v1/options/{currency}/chain")
    @Operation(summary = "Option chain of a currency",
            description = "The newest quote at or before as_of (at, default now) of every tracked Deribit option "
                    + "on the currency: listed, not expired at as_of, and quoted in the 24 h before it. Grouped by "
                    + "expiry (nearest first), each by strike, calls before puts. Prices are in premium_currency "
                    + "(BTC/ETH for inverse options), IVs in percent. A known currency without quotes answers 200 "
                    + "with no expiries; listed says how many options are listed.")
    @ApiResponse(responseCode = "200", description = "The chain", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OptionChainResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid expiry, type or at, named in \"parameter\"",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown currency; \"allowed\" lists the configured ones",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public OptionChainResponse chain(
            @PathVariable("currency") @Parameter(description = "Base currency, e.g. BTC (case-insensitive)")
            String currency,
            @RequestParam(name = "expiry", required = false)
            @Parameter(description = "Only this expiry date (UTC): 2026-12-25 or 25DEC26") String expiry,
            @RequestParam(name = "type", required = false)
            @Parameter(description = "Only calls or only puts", schema = @Schema(allowableValues = {"call", "put"}))
            String type,
            @RequestParam(name = "at", required = false)
            @Parameter(description = "Quotes as of this ISO-8601 instant instead of now") Instant at) {
        String c = scopes.optionCurrency(currency, null);
        OptionBoard.Board b = board.read(c, OptionParams.at(at, clock.instant()), OptionParams.expiry(expiry),
                OptionParams.type(type));
        List<OptionChainResponse.Expiry> expiries = new ArrayList<>();
        for (OptionBoard.Expiry e : b.expiries()) {
            List<OptionChainResponse.Option> rows = new ArrayList<>();
            for (OptionBoard.Quoted q : e.options()) {
                rows.add(option(q.instrument(), q.quote(), b.asOf()));
            }
            OptionBoard.Quoted newest = e.newest();
            OptionTicker nq = newest == null ? null : newest.quote();
            expiries.add(new OptionChainResponse.Expiry(e.expiry().toString(), OptionParams.code(e.expiry()),
                    OptionParams.years(b.asOf(), e.expiry()), nq == null ? null : plain(nq.underlyingPrice()),
                    nq == null ? null : nq.underlyingIndex(), e.options().getFirst().instrument().settle(),
                    rows.size(), rows));
        }
        return new OptionChainResponse(b.venue(), c, b.asOf().toString(), b.listed(), b.quoted(), expiries);
    }

    @GetMapping("/api/v1/options/{currency}/surface")
    @Operation(summary = "Implied-volatility surface of a currency",
            description = "Per expiry of the tracked options (as in the chain), as of now (source=live) or of the "
                    + "latest completed hour (source=hourly: the quotes at the top of the hour); at= sets the "
                    + "instant instead of now (hourly: its hour). forward = the newest quote's underlying price; "
                    + "years_to_expiry ACT/365. Strikes: the smile IV is the out-of-the-money option's mark IV "
                    + "(the call at and above the forward, the put below; the other side if the OTM one has no "
                    + "mark IV), with bid/ask/mark IV and delta of both options. Call-equivalent delta: the call's "
                    + "delta, or 1 + the put's delta. Delta buckets 10P, 25P, 50, 25C, 10C = call-equivalent "
                    + "deltas 0.90, 0.75, 0.50, 0.25, 0.10: the smile IV linearly interpolated in delta between "
                    + "the neighbouring strikes, null outside the quoted deltas (never extrapolated). atm_iv: the "
                    + "smile linearly interpolated in strike at the forward. risk_reversal_25 = IV(25C) - IV(25P), "
                    + "butterfly_25 = (IV(25C) + IV(25P)) / 2 - IV(50); likewise for 10. IVs in percent points.")
    @ApiResponse(responseCode = "200", description = "The surface", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = VolSurfaceResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid source, expiry or at, named in \"parameter\"",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown currency; \"allowed\" lists the configured ones",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public VolSurfaceResponse surface(
            @PathVariable("currency") @Parameter(description = "Base currency, e.g. BTC (case-insensitive)")
            String currency,
            @RequestParam(name = "source", defaultValue = "live")
            @Parameter(description = "live: newest quotes; hourly: as of the latest completed hour",
                    schema = @Schema(allowableValues = {"live", "hourly"}, defaultValue = "live")) String source,
            @RequestParam(name = "expiry", required = false)
            @Parameter(description = "Only this expiry date (UTC): 2026-12-25 or 25DEC26") String expiry,
            @RequestParam(name = "at", required = false)
            @Parameter(description = "As of this ISO-8601 instant instead of now") Instant at) {
        String c = scopes.optionCurrency(currency, null);
        String s = source.strip().toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(s)) {
            throw ParameterException.invalid("source", "source must be live or hourly.", SOURCES);
        }
        Instant asOf = OptionParams.at(at, clock.instant());
        if (s.equals("hourly")) {
            asOf = asOf.truncatedTo(ChronoUnit.HOURS);
        }
        OptionBoard.Board b = board.read(c, asOf, OptionParams.expiry(expiry), null);
        List<VolSurfaceResponse.Expiry> expiries = new ArrayList<>();
        for (OptionBoard.Expiry e : b.expiries()) {
            expiries.add(SurfaceRows.expiry(e, b.asOf()));
        }
        return new VolSurfaceResponse(b.venue(), c, s, b.asOf().toString(), b.listed(), b.quoted(), expiries);
    }

    private static OptionChainResponse.Option option(Instrument i, OptionTicker q, Instant asOf) {
        BigDecimal usd = !i.inverse() ? q.markPrice()
                : q.underlyingPrice() == null ? null : q.markPrice().multiply(q.underlyingPrice());
        return new OptionChainResponse.Option(i.symbol(), plain(i.strike()),
                i.optionType().name().toLowerCase(Locale.ROOT), plain(q.bidPrice()), plain(q.bidAmount()),
                plain(q.askPrice()), plain(q.askAmount()), plain(q.markPrice()), plain(usd), plain(q.bidIv()),
                plain(q.askIv()), plain(q.markIv()), plain(q.delta()), plain(q.gamma()), plain(q.vega()),
                plain(q.theta()), plain(q.rho()), plain(q.openInterest()), plain(q.underlyingPrice()),
                q.underlyingIndex(), q.venueTime().toString(), Ages.seconds(q.venueTime(), asOf));
    }

    static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
