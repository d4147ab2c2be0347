package io.basis.bench;

import io.basis.bench.BenchInstruments.Category;
import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A deterministic, realistic stream of market events, generated lazily so a million of them never sit in memory
 * at once. The same (seed, count, instruments, end) always yields the same events in the same order, so a second
 * pass regenerates exactly what the first one published.
 *
 * <p>Mix: 55% trades, 15% book snapshots (top 10 levels a side), 10% mark prices, 8% option tickers, 5% closed 1m
 * candles, 3% open interest, 2% liquidations, 1% funding rates, 1% index prices. Event times run in order over the
 * {@link #SPAN} before {@code end}, with millisecond venue times and microsecond receive times. Trades and
 * liquidations favour liquid instruments; the other streams have a fixed cadence per instrument and are spread
 * evenly. This class picks the kind, instrument and time of each event; {@link EventFactory} builds it. Not
 * thread-safe.
 */
final class EventMix implements Iterator<MarketEvent> {
    static final Duration SPAN = Duration.ofDays(2);

    /** Event kinds with their share of the stream in percent (sums to 100). */
    private static final EventType[] KINDS = {EventType.TRADE, EventType.BOOK_SNAPSHOT, EventType.MARK_PRICE,
            EventType.OPTION_TICKER, EventType.CANDLE, EventType.OPEN_INTEREST, EventType.LIQUIDATION,
            EventType.FUNDING_RATE, EventType.INDEX_PRICE};
    private static final int[] PERCENT = {55, 15, 10, 8, 5, 3, 2, 1, 1};
    private static final EventType[] BY_PERCENTILE = new EventType[100];

    static {
        int p = 0;
        for (int k = 0; k < KINDS.length; k++) {
            for (int i = 0; i < PERCENT[k]; i++) {
                BY_PERCENTILE[p++] = KINDS[k];
            }
        }
        if (p != 100) {
            throw new ExceptionInInitializerError("event mix must sum to 100%");
        }
    }

    private final SplittableRandom rnd;
    private final EventFactory factory;
    private final long total;
    private final long startMillis;
    private final long spanMillis;
    private final long fundingIntervalMillis;
    private final Inst[] derivatives;
    private final Inst[] perpetuals;
    private final Inst[] options;
    private final Inst[] indices;
    private final double[] tradeCdf;
    private final double[] liquidationCdf;
    private long produced;

    EventMix(long seed, long total, BenchInstruments universe, Instant end) {
        this.rnd = new SplittableRandom(seed);
        this.total = total;
        this.spanMillis = SPAN.toMillis();
        this.startMillis = end.toEpochMilli() - spanMillis;
        this.derivatives = universe.of(Category.PERPETUAL, Category.FUTURE);
        this.perpetuals = universe.of(Category.PERPETUAL);
        this.options = universe.of(Category.OPTION);
        this.indices = universe.of(Category.INDEX);
        this.tradeCdf = cdf(derivatives);
        this.liquidationCdf = cdf(perpetuals);
        // Funding periods must be distinct per instrument: the longest usual interval that fits the expected
        // number of funding events into the window (dense runs use hourly periods that may run ahead of "now").
        double perPerp = total * 0.01 / Math.max(1, perpetuals.length);
        long interval = Duration.ofHours(1).toMillis();
        for (long h : new long[]{8, 4, 2}) {
            if (perPerp * 1.5 <= (double) spanMillis / Duration.ofHours(h).toMillis()) {
                interval = Duration.ofHours(h).toMillis();
                break;
            }
        }
        this.fundingIntervalMillis = interval;
        this.factory = new EventFactory(rnd, universe);
    }

    /** The first {@code n} events of a fresh stream. */
    static List<MarketEvent> first(long seed, int n, BenchInstruments universe, Instant end) {
        EventMix mix = new EventMix(seed, n, universe, end);
        List<MarketEvent> out = new ArrayList<>(n);
        while (mix.hasNext()) {
            out.add(mix.next());
        }
        return out;
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public MarketEvent next() {
        if (produced >= total) {
            throw new NoSuchElementException();
        }
        long t = startMillis + (long) (produced * (double) spanMillis / total) + rnd.nextInt(250);
        produced++;
        EventFactory f = factory;
        return switch (BY_PERCENTILE[rnd.nextInt(100)]) {
            case TRADE -> rnd.nextInt(100) < 92 ? f.trade(pick(derivatives, tradeCdf, rnd), t)
                    : f.optionTrade(options[rnd.nextInt(options.length)], t);
            case BOOK_SNAPSHOT -> f.book(derivatives[rnd.nextInt(derivatives.length)], t);
            case MARK_PRICE -> f.markPrice(derivatives[rnd.nextInt(derivatives.length)], t);
            case OPTION_TICKER -> f.optionTicker(options[rnd.nextInt(options.length)], t);
            case CANDLE -> f.candle(derivatives[rnd.nextInt(derivatives.length)], t);
            case OPEN_INTEREST -> f.openInterest(derivatives[rnd.nextInt(derivatives.length)], t);
            case LIQUIDATION -> f.liquidation(pick(perpetuals, liquidationCdf, rnd), t);
            case FUNDING_RATE -> f.funding(perpetuals[rnd.nextInt(perpetuals.length)], t, fundingIntervalMillis);
            case INDEX_PRICE -> f.indexPrice(indices[rnd.nextInt(indices.length)], t);
            default -> throw new IllegalStateException();
        };
    }

    /** An instrument drawn with probability proportional to its weight in {@code cdf} (see {@link #cdf}). */
    static Inst pick(Inst[] from, double[] cdf, SplittableRandom rnd) {
        double r = rnd.nextDouble() * cdf[cdf.length - 1];
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (cdf[m] < r) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return from[lo];
    }

    /** Cumulative popularity of the instruments, for {@link #pick}. */
    static double[] cdf(Inst[] from) {
        double[] c = new double[Math.max(1, from.length)];
        double sum = 0;
        for (int i = 0; i < from.length; i++) {
            sum += from[i].popularity();
            c[i] = sum;
        }
        return c;
    }
}
