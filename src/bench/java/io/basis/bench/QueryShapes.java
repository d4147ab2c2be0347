package io.basis.bench;

import io.basis.bench.BenchInstruments.Category;
import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.EventType;
import io.basis.store.EventQueries;
import io.basis.store.EventQueries.Filter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The query shapes {@code bench query} times, each a call of the API's query layer ({@link EventQueries}) with
 * parameters drawn at random for every run: an instrument (uniform over those that have the stream), a venue, a
 * window inside the loaded history. "One symbol" is one instrument, venue and venue symbol, as the API is asked
 * {@code ?venue=bybit&symbol=BTCUSDT}. Limits are the API's default (1,000) unless the shape needs a whole window.
 */
final class QueryShapes {
    /** One call with its parameters drawn; returns the number of rows the query layer returned. */
    interface Call {
        int run(EventQueries q);
    }

    /** A query shape: short id for the machine-readable line, a label, and how to draw one call. */
    record Shape(String id, String label, java.util.function.Function<SplittableRandom, Call> draw) {
    }

    private static final int LIMIT = 1_000;
    private static final int API_MAX_LIMIT = 10_000;

    private QueryShapes() {
    }

    static List<Shape> all(BenchInstruments universe, Inst[] candleInstruments, Instant end, int days) {
        Inst[] derivatives = universe.of(Category.PERPETUAL, Category.FUTURE);
        Inst[] perpetuals = universe.of(Category.PERPETUAL);
        String[] venues = universe.all().stream().map(Inst::venue).distinct().toArray(String[]::new);
        Inst busiest = Arrays.stream(derivatives).max(Comparator.comparingDouble(Inst::popularity)).orElseThrow();
        String busiestNormalized = BenchListings.listing(busiest, end).normalizedSymbol();
        Instant start = end.minus(Duration.ofDays(days));
        List<Shape> s = new ArrayList<>();
        s.add(new Shape("latest_trade_all", "latest(trade, all instruments)",
                r -> q -> q.latest(EventType.TRADE, Filter.all(LIMIT)).size()));
        s.add(new Shape("latest_trade_venue", "latest(trade, one venue)", r -> {
            String venue = venues[r.nextInt(venues.length)];
            return q -> q.latest(EventType.TRADE, new Filter(venue, null, null, null, LIMIT)).size();
        }));
        s.add(new Shape("latest_mark_symbol", "latest(mark-price, one symbol)", r -> {
            Inst i = derivatives[r.nextInt(derivatives.length)];
            return q -> q.latest(EventType.MARK_PRICE, new Filter(i.venue(), i.symbol(), null, null, LIMIT)).size();
        }));
        s.add(range("range_trade_symbol_1m", "range(trade, one symbol, 1 minute)", EventType.TRADE, derivatives,
                Duration.ofMinutes(1), start, end, LIMIT));
        s.add(range("range_trade_symbol_1h", "range(trade, one symbol, 1 hour)", EventType.TRADE, derivatives,
                Duration.ofHours(1), start, end, LIMIT));
        s.add(range("range_trade_symbol_all", "range(trade, one symbol, no time bounds)", EventType.TRADE,
                derivatives, null, start, end, LIMIT));
        s.add(new Shape("range_trade_all_1s", "range(trade, all symbols, 1 second)", r -> {
            Instant from = randomTime(r, start, end, Duration.ofSeconds(1));
            return q -> q.range(EventType.TRADE, new Filter(null, null, from, from.plusSeconds(1), LIMIT)).size();
        }));
        s.add(new Shape("range_funding_symbol_30d", "range(funding-rate, one symbol, 30 days)", r -> {
            Inst i = perpetuals[r.nextInt(perpetuals.length)];
            Instant from = end.minus(Duration.ofDays(30));
            return q -> q.range(EventType.FUNDING_RATE, new Filter(i.venue(), i.symbol(), from, end, LIMIT)).size();
        }));
        s.add(range("range_candle_symbol_1d", "range(candle, one symbol, 1 day, limit 10000)", EventType.CANDLE,
                candleInstruments, Duration.ofDays(1), start, end, API_MAX_LIMIT));
        s.add(new Shape("instruments_venue", "instruments(venue)", r -> {
            String venue = venues[r.nextInt(venues.length)];
            return q -> q.instruments(venue, null).size();
        }));
        s.add(new Shape("newest_venue_time", "newestVenueTime()",
                r -> q -> q.newestVenueTime().isPresent() ? 1 : 0));
        // Beyond the list: the busiest instrument over a long window and unbounded, all instruments unbounded (the
        // API's plainest call, GET /api/v1/events/trade), and a normalized symbol across venues.
        s.add(range("range_trade_busiest_all", "range(trade, busiest symbol, no time bounds)", EventType.TRADE,
                new Inst[]{busiest}, null, start, end, LIMIT));
        s.add(range("range_trade_busiest_1d", "range(trade, busiest symbol, 1 day)", EventType.TRADE,
                new Inst[]{busiest}, Duration.ofDays(1), start, end, LIMIT));
        s.add(new Shape("range_trade_all_unbounded", "range(trade, all symbols, no time bounds)",
                r -> q -> q.range(EventType.TRADE, Filter.all(LIMIT)).size()));
        s.add(new Shape("range_trade_normalized_1h", "range(trade, " + busiestNormalized + " all venues, 1 hour)",
                r -> {
                    Instant from = randomTime(r, start, end, Duration.ofHours(1));
                    Filter f = new Filter(null, busiestNormalized, from, from.plus(Duration.ofHours(1)), LIMIT);
                    return q -> q.range(EventType.TRADE, f).size();
                }));
        return s;
    }

    /** A range of one instrument of {@code from}; {@code window} null for no time bounds. */
    private static Shape range(String id, String label, EventType type, Inst[] from, Duration window,
                               Instant start, Instant end, int limit) {
        return new Shape(id, label, r -> {
            Inst i = from[r.nextInt(from.length)];
            Instant t0 = window == null ? null : randomTime(r, start, end, window);
            Filter f = new Filter(i.venue(), i.symbol(), t0, t0 == null ? null : t0.plus(window), limit);
            return q -> q.range(type, f).size();
        });
    }

    /** A window start, millisecond resolution, so that the whole window lies inside [start, end). */
    private static Instant randomTime(SplittableRandom r, Instant start, Instant end, Duration window) {
        long span = Duration.between(start, end).minus(window).toMillis();
        return start.plusMillis(r.nextLong(Math.max(1, span)));
    }
}
