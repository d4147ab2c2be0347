package io.basis.bench;

import io.basis.bench.BenchInstruments.Category;
import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.MarketEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The history {@code bench query} loads: {@code rows} events over {@code days} before {@code end}, in time order
 * (as the writer appends them), built by the same {@link EventFactory} as the storage benchmark's events.
 *
 * <ul>
 *   <li>Every funding period of every perpetual (8 h; Hyperliquid 1 h), observed a second before it settles.
 *   <li>Closed 1m candles of the busiest instruments, as many as make about 7% of the rows, every minute.
 *   <li>The rest spread evenly over time: mark prices (14% of the rows, uniform over the perpetuals and
 *       futures) and trades (92% on perpetuals and futures weighted by liquidity, 8% on options).
 * </ul>
 * Deterministic for a seed. Not thread-safe.
 */
final class QueryDataset implements Iterator<MarketEvent> {
    static final double MARK_SHARE = 0.14;
    static final double CANDLE_SHARE = 0.07;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final SplittableRandom rnd;
    private final EventFactory factory;
    private final long startMillis;
    private final long endMillis;
    private final Inst[] derivatives;
    private final Inst[] perpetuals;
    private final Inst[] options;
    private final Inst[] candleInstruments;
    private final double[] tradeCdf;
    private final long slots;
    private final double markProbability;
    private final long candles;
    private final long fundings;
    private final ArrayDeque<MarketEvent> burst = new ArrayDeque<>();
    private long slot;
    private long nextCandleClose;
    private long nextFundingHour;

    QueryDataset(long seed, long rows, int days, BenchInstruments universe, Instant end) {
        this.rnd = new SplittableRandom(seed);
        this.factory = new EventFactory(rnd, universe);
        this.endMillis = end.toEpochMilli();
        this.startMillis = endMillis - Duration.ofDays(days).toMillis();
        if (startMillis % HOUR != 0) {
            throw new IllegalArgumentException("the history must end on a full hour");
        }
        this.derivatives = universe.of(Category.PERPETUAL, Category.FUTURE);
        this.perpetuals = universe.of(Category.PERPETUAL);
        this.options = universe.of(Category.OPTION);
        this.tradeCdf = EventMix.cdf(derivatives);
        long minutes = (endMillis - startMillis) / MINUTE;
        int k = (int) Math.max(1, Math.min(derivatives.length, Math.round(rows * CANDLE_SHARE / minutes)));
        this.candleInstruments = Arrays.stream(derivatives)
                .sorted(Comparator.comparingDouble(Inst::popularity).reversed()).limit(k).toArray(Inst[]::new);
        this.candles = k * minutes;
        long f = 0;
        for (long h = startMillis + HOUR; h <= endMillis; h += HOUR) {
            for (Inst p : perpetuals) {
                f += settles(p, h) ? 1 : 0;
            }
        }
        this.fundings = f;
        this.slots = rows - candles - fundings;
        if (slots < rows / 2) {
            throw new IllegalArgumentException(String.format("%,d rows are too few for %d days of candles and "
                    + "funding rates (%,d rows); load more rows or fewer days", rows, days, candles + fundings));
        }
        this.markProbability = rows * MARK_SHARE / slots;
        this.nextCandleClose = startMillis + MINUTE;
        this.nextFundingHour = startMillis + HOUR;
    }

    /** The instruments that have 1m candles, busiest first. */
    Inst[] candleInstruments() {
        return candleInstruments.clone();
    }

    long candleRows() {
        return candles;
    }

    long fundingRows() {
        return fundings;
    }

    /** Funding interval of a perpetual: Hyperliquid settles hourly, the others every 8 hours. */
    static long fundingInterval(Inst perpetual) {
        return perpetual.venue().equals("hyperliquid") ? HOUR : 8 * HOUR;
    }

    private static boolean settles(Inst perpetual, long hour) {
        return hour % fundingInterval(perpetual) == 0;
    }

    @Override
    public boolean hasNext() {
        return !burst.isEmpty() || slot < slots || nextCandleClose <= endMillis || nextFundingHour <= endMillis;
    }

    @Override
    public MarketEvent next() {
        if (!burst.isEmpty()) {
            return burst.poll();
        }
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long t = slot < slots ? startMillis + (long) (slot * (double) (endMillis - startMillis) / slots)
                : Long.MAX_VALUE;
        if (nextCandleClose <= endMillis && nextCandleClose <= t) {
            for (Inst inst : candleInstruments) {
                burst.add(factory.candle(inst, nextCandleClose));
            }
            nextCandleClose += MINUTE;
            return burst.poll();
        }
        if (nextFundingHour <= endMillis && nextFundingHour - 1_000 <= t) {
            for (Inst p : perpetuals) {
                if (settles(p, nextFundingHour)) {
                    burst.add(factory.funding(p, nextFundingHour - 1_000 - rnd.nextInt(500), fundingInterval(p)));
                }
            }
            nextFundingHour += HOUR;
            if (!burst.isEmpty()) {
                return burst.poll();
            }
            return next();
        }
        slot++;
        t += rnd.nextInt(250);
        if (rnd.nextDouble() < markProbability) {
            return factory.markPrice(derivatives[rnd.nextInt(derivatives.length)], t);
        }
        return rnd.nextInt(100) < 92 ? factory.trade(EventMix.pick(derivatives, tradeCdf, rnd), t)
                : factory.optionTrade(options[rnd.nextInt(options.length)], t);
    }
}
