package io.basis.api;

import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.store.EventQueries;
import io.basis.store.InstrumentIds;
import io.basis.store.MarketQueries;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared read of the per-instrument series endpoints (funding rates, open interest): either the newest event of
 * every instrument in scope ({@code latest}), or — when {@code from} or {@code to} is given — one symbol's history.
 * Validates every input first (unknown venue, symbol or currency: 404; malformed ones: 400), then reads the events
 * and the listing of each instrument they belong to.
 */
@Component
public class InstrumentSeries {
    static final int MAX_LIMIT = 10_000;
    static final Duration DEFAULT_HISTORY = Duration.ofHours(24);

    /** What was read; {@code instruments} holds the listing of every instrument that has one. */
    public record Result(String mode, Instant asOf, List<MarketEvent> events, boolean truncated,
                         Map<InstrumentIds.Key, Instrument> instruments) {
        public Instrument instrument(String venue, String symbol) {
            return instruments.get(new InstrumentIds.Key(venue, symbol));
        }
    }

    /** The request's parameters as received (null when absent). */
    public record Request(String venue, String symbol, String currency, String kind, Instant from, Instant to,
                          int limit) {
    }

    private final MarketScopes scopes;
    private final MarketQueries market;
    private final EventQueries events;
    private final Clock clock;

    public InstrumentSeries(MarketScopes scopes, MarketQueries market, EventQueries events, Clock clock) {
        this.scopes = scopes;
        this.market = market;
        this.events = events;
        this.clock = clock;
    }

    public Result read(EventType type, Request r) {
        if (r.limit() < 1 || r.limit() > MAX_LIMIT) {
            throw ParameterException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ".", List.of());
        }
        InstrumentKind kind = MarketScopes.kind(r.kind());
        String venue = scopes.venue(r.venue());
        String currency = scopes.currency(r.currency());
        String symbol = scopes.symbol(venue, r.symbol());
        Instant now = clock.instant();
        boolean history = r.from() != null || r.to() != null;
        List<MarketEvent> found;
        if (history) {
            if (symbol == null) {
                throw ParameterException.invalid("symbol", "A history (from/to) is of one symbol; give symbol.",
                        List.of());
            }
            if (currency != null || kind != null) {
                throw ParameterException.invalid(currency != null ? "currency" : "kind", (currency != null
                        ? "currency" : "kind") + " filters the latest values; a history is selected by symbol.",
                        List.of());
            }
            TimeWindow w = TimeWindow.resolve(r.from(), r.to(), now, DEFAULT_HISTORY, null);
            found = events.range(type, new EventQueries.Filter(venue, symbol, w.from(), w.to(), r.limit() + 1));
        } else {
            found = market.latest(type, new MarketQueries.Scope(venue, symbol, currency, kind), r.limit() + 1);
        }
        boolean truncated = found.size() > r.limit();
        List<MarketEvent> kept = truncated ? found.subList(0, r.limit()) : found;
        Set<InstrumentIds.Key> keys = new LinkedHashSet<>();
        for (MarketEvent e : kept) {
            keys.add(key(e));
        }
        return new Result(history ? "history" : "latest", now, List.copyOf(kept), truncated,
                market.instruments(keys));
    }

    private static InstrumentIds.Key key(MarketEvent e) {
        return switch (e) {
            case FundingRate f -> new InstrumentIds.Key(f.venue(), f.symbol());
            case OpenInterest o -> new InstrumentIds.Key(o.venue(), o.symbol());
            default -> throw new IllegalArgumentException("not a per-instrument series: " + e.type());
        };
    }
}
