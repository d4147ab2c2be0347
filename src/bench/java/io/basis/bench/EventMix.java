package io.basis.bench;

import io.basis.bench.BenchInstruments.Category;
import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.BookSnapshot;
import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.PriceLevel;
import io.basis.model.Side;
import io.basis.model.Trade;

import java.math.BigDecimal;
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
 * {@link #SPAN} before {@code end}, with millisecond venue times and microsecond receive times; decimals have the
 * scale venues send ("67123.40", "0.012", Binance's "67123.40000000"). Every natural key is unique: per-stream
 * times strictly increase, trade ids and book sequences count up, candles get distinct open minutes and funding
 * rates distinct funding periods. Trades and liquidations favour liquid instruments; the other streams have a
 * fixed cadence per instrument and are spread evenly. Not thread-safe.
 */
final class EventMix implements Iterator<MarketEvent> {
    static final Duration SPAN = Duration.ofDays(2);

    /** Event kinds with their share of the stream in percent (sums to 100). */
    private static final EventType[] KINDS = {EventType.TRADE, EventType.BOOK_SNAPSHOT, EventType.MARK_PRICE,
            EventType.OPTION_TICKER, EventType.CANDLE, EventType.OPEN_INTEREST, EventType.LIQUIDATION,
            EventType.FUNDING_RATE, EventType.INDEX_PRICE};
    private static final int[] PERCENT = {55, 15, 10, 8, 5, 3, 2, 1, 1};
    private static final EventType[] BY_PERCENTILE = new EventType[100];
    private static final int BOOK_DEPTH = 10;
    private static final long[] POW10 = new long[19];

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
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Mutable per-instrument market state. */
    private static final class State {
        double mid;
        double underlying;
        double openInterest;
        long tradeId;
        long bookSequence;
        long lastCandleOpen;
        long lastFundingTime;
        final long[] lastMillis = new long[EventType.values().length];
    }

    private final SplittableRandom rnd;
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
    private final State[] states;
    private long produced;

    EventMix(long seed, long total, BenchInstruments universe, Instant end) {
        this.rnd = new SplittableRandom(seed);
        this.total = total;
        this.spanMillis = SPAN.toMillis();
        this.startMillis = end.toEpochMilli() - spanMillis;
        List<Inst> all = universe.all();
        this.derivatives = all.stream().filter(i -> i.category() == Category.PERPETUAL
                || i.category() == Category.FUTURE).toArray(Inst[]::new);
        this.perpetuals = all.stream().filter(i -> i.category() == Category.PERPETUAL).toArray(Inst[]::new);
        this.options = all.stream().filter(i -> i.category() == Category.OPTION).toArray(Inst[]::new);
        this.indices = all.stream().filter(i -> i.category() == Category.INDEX).toArray(Inst[]::new);
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
        SplittableRandom init = new SplittableRandom(0x5EED_BA515L);
        this.states = new State[all.size()];
        for (Inst inst : all) {
            State s = new State();
            s.mid = inst.category() == Category.OPTION ? optionPrice(inst, inst.refPrice()) : inst.refPrice();
            s.underlying = inst.refPrice();
            s.tradeId = 1_000_000_000L + init.nextLong(3_000_000_000L);
            s.bookSequence = 10_000_000_000L + init.nextLong(90_000_000_000L);
            s.openInterest = 50_000_000 * Math.max(0.05, inst.popularity()) * (0.5 + init.nextDouble());
            states[inst.index()] = s;
        }
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
        return switch (BY_PERCENTILE[rnd.nextInt(100)]) {
            case TRADE -> rnd.nextInt(100) < 92 ? trade(pick(derivatives, tradeCdf), t) : optionTrade(t);
            case BOOK_SNAPSHOT -> book(derivatives[rnd.nextInt(derivatives.length)], t);
            case MARK_PRICE -> markPrice(derivatives[rnd.nextInt(derivatives.length)], t);
            case OPTION_TICKER -> optionTicker(options[rnd.nextInt(options.length)], t);
            case CANDLE -> candle(derivatives[rnd.nextInt(derivatives.length)], t);
            case OPEN_INTEREST -> openInterest(derivatives[rnd.nextInt(derivatives.length)], t);
            case LIQUIDATION -> liquidation(pick(perpetuals, liquidationCdf), t);
            case FUNDING_RATE -> funding(perpetuals[rnd.nextInt(perpetuals.length)], t);
            case INDEX_PRICE -> indexPrice(indices[rnd.nextInt(indices.length)], t);
            default -> throw new IllegalStateException();
        };
    }

    // ---- event builders -------------------------------------------------------------------------------------

    private Trade trade(Inst inst, long t) {
        State s = walk(inst, 0.0004);
        long ms = streamTime(s, EventType.TRADE, t);
        long price = priceUnits(inst, s.mid + (rnd.nextInt(5) - 2) * tick(inst));
        BigDecimal p = dec(price, inst.priceScale());
        double usd = usdSize(1_500, 1.7);
        long amount = inst.inverse() ? Math.max(1, Math.round(usd / inst.contractSizeUsd())) * inst.lotUnits()
                : lots(inst, usd / s.mid);
        BigDecimal a = dec(amount, inst.amountScale());
        BigDecimal base;
        BigDecimal notional;
        if (inst.inverse()) {
            notional = dec(amount * inst.contractSizeUsd(), 0);
            base = dec(Math.round(amount * inst.contractSizeUsd() / p.doubleValue() * 1e8), 8);
        } else {
            base = a;
            notional = p.multiply(a);
        }
        String id = inst.venue().equals("bybit") ? uuid(s.tradeId++) : Long.toString(s.tradeId++);
        return new Trade(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms), id, p, a, base,
                notional, rnd.nextBoolean() ? Side.BUY : Side.SELL, notional.doubleValue() >= 1_000_000);
    }

    private Trade optionTrade(long t) {
        Inst inst = options[rnd.nextInt(options.length)];
        State s = walkOption(inst);
        long ms = streamTime(s, EventType.TRADE, t);
        BigDecimal p = dec(priceUnits(inst, s.mid), inst.priceScale());
        BigDecimal a = dec(Math.max(1, Math.round(usdSize(20_000, 1.2) / s.underlying * 10)), 1);
        BigDecimal notional = dec(Math.round(p.doubleValue() * a.doubleValue() * s.underlying * 100), 2);
        return new Trade(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                inst.base() + "-" + s.tradeId++, p, a, a, notional, rnd.nextBoolean() ? Side.BUY : Side.SELL,
                false);
    }

    private BookSnapshot book(Inst inst, long t) {
        State s = walk(inst, 0.0004);
        long ms = streamTime(s, EventType.BOOK_SNAPSHOT, t);
        long tick = inst.tickUnits();
        long mid = priceUnits(inst, s.mid);
        PriceLevel[] bids = new PriceLevel[BOOK_DEPTH];
        PriceLevel[] asks = new PriceLevel[BOOK_DEPTH];
        long bid = mid - tick * (1 + rnd.nextInt(2));
        long ask = mid + tick * (1 + rnd.nextInt(2));
        for (int i = 0; i < BOOK_DEPTH; i++) {
            bids[i] = new PriceLevel(dec(Math.max(tick, bid), inst.priceScale()), dec(levelSize(inst, s), inst.amountScale()));
            asks[i] = new PriceLevel(dec(ask, inst.priceScale()), dec(levelSize(inst, s), inst.amountScale()));
            bid -= tick * (1 + rnd.nextInt(3));
            ask += tick * (1 + rnd.nextInt(3));
        }
        s.bookSequence += 1 + rnd.nextInt(40);
        return new BookSnapshot(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms), s.bookSequence,
                List.of(bids), List.of(asks));
    }

    private MarkPrice markPrice(Inst inst, long t) {
        State s = walk(inst, 0.0002);
        long ms = streamTime(s, EventType.MARK_PRICE, t);
        long mark = priceUnits(inst, s.mid);
        double index = s.mid * (1 - 0.0002 + rnd.nextDouble() * 0.0004);
        if (inst.venue().equals("binance-usdm")) {
            // Binance sends 8 decimals everywhere: "67123.40000000", index "67120.12127660".
            return new MarkPrice(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                    dec(mark * POW10[8 - inst.priceScale()], 8), dec(Math.round(index * 1e8), 8),
                    dec(Math.round(index * (1 + rnd.nextDouble() * 0.0001) * 1e8), 8));
        }
        BigDecimal idx = dec(priceUnits(inst, index), inst.priceScale());
        return new MarkPrice(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                dec(mark, inst.priceScale()), idx, inst.venue().equals("deribit") ? idx : null);
    }

    private OptionTicker optionTicker(Inst inst, long t) {
        State s = walkOption(inst);
        long ms = streamTime(s, EventType.OPTION_TICKER, t);
        long mark = priceUnits(inst, s.mid);
        long tick = inst.tickUnits();
        boolean emptyBid = mark <= tick || rnd.nextInt(20) == 0;
        long bid = Math.max(tick, mark - tick * (1 + rnd.nextInt(4)));
        long ask = mark + tick * (1 + rnd.nextInt(4));
        double iv = 45 + 30 * Math.abs(StrictMath.log(inst.strike() / s.underlying)) + rnd.nextDouble() * 2;
        double moneyness = StrictMath.log(s.underlying / inst.strike()) * 8;
        double callDelta = 1 / (1 + StrictMath.exp(-moneyness));
        double delta = inst.call() ? callDelta : callDelta - 1;
        return new OptionTicker(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                emptyBid ? null : dec(bid, 4), emptyBid ? null : dec(1 + rnd.nextInt(500), 1),
                dec(ask, 4), dec(1 + rnd.nextInt(500), 1), dec(mark, 4),
                emptyBid ? null : dec(Math.round((iv - 2) * 100), 2), dec(Math.round((iv + 2) * 100), 2),
                dec(Math.round(iv * 100), 2), dec(Math.round(delta * 1e5), 5),
                dec(Math.round(callDelta * (1 - callDelta) * 4e-5 * 1e5), 5),
                dec(Math.round(callDelta * (1 - callDelta) * 400 * 1e5), 5),
                dec(-Math.round((10 + rnd.nextDouble() * 90) * 1e5), 5), dec(Math.round(delta * 50 * 1e5), 5),
                dec(Math.round(s.openInterest / 20_000), 1), dec(Math.round(s.underlying * 1e4), 4),
                inst.underlyingIndex());
    }

    private Candle candle(Inst inst, long t) {
        State s = states[inst.index()];
        double open = s.mid;
        walk(inst, 0.002);
        long openTime = Math.floorDiv(t, 60_000L) * 60_000L - 60_000L;
        if (openTime <= s.lastCandleOpen) {
            openTime = s.lastCandleOpen + 60_000L;
        }
        s.lastCandleOpen = openTime;
        long o = priceUnits(inst, open);
        long c = priceUnits(inst, s.mid);
        long h = Math.max(o, c) + inst.tickUnits() * rnd.nextInt(20);
        long l = Math.max(inst.tickUnits(), Math.min(o, c) - inst.tickUnits() * rnd.nextInt(20));
        long volume = lots(inst, usdSize(200_000, 1.0) / s.mid);
        BigDecimal v = dec(volume, inst.amountScale());
        double quote = v.doubleValue() * (inst.inverse() ? inst.contractSizeUsd() : (o + c) / 2.0 / POW10[inst.priceScale()]);
        long closeMs = openTime + 60_000L;
        return new Candle(inst.venue(), inst.symbol(), Instant.ofEpochMilli(openTime), received(closeMs),
                Duration.ofMinutes(1), dec(o, inst.priceScale()), dec(h, inst.priceScale()), dec(l, inst.priceScale()),
                dec(c, inst.priceScale()), v, dec(Math.round(quote * 1e4), 4), 10L + rnd.nextInt(5_000), true);
    }

    private OpenInterest openInterest(Inst inst, long t) {
        State s = walk(inst, 0.0004);
        long ms = streamTime(s, EventType.OPEN_INTEREST, t);
        s.openInterest *= 1 + rnd.nextGaussian() * 0.002;
        double usd = s.openInterest;
        if (inst.inverse()) {
            long contracts = Math.max(1, Math.round(usd / inst.contractSizeUsd()));
            return new OpenInterest(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                    dec(contracts, 0), dec(Math.round(contracts * inst.contractSizeUsd() / s.mid * 1e8), 8),
                    dec(contracts * inst.contractSizeUsd(), 0));
        }
        BigDecimal amount = dec(lots(inst, usd / s.mid), inst.amountScale());
        return new OpenInterest(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms), amount,
                amount, dec(Math.round(amount.doubleValue() * s.mid * 100), 2));
    }

    private Liquidation liquidation(Inst inst, long t) {
        State s = walk(inst, 0.0008);
        long ms = streamTime(s, EventType.LIQUIDATION, t);
        boolean sell = rnd.nextBoolean();
        BigDecimal p = dec(priceUnits(inst, s.mid * (sell ? 0.999 : 1.001)), inst.priceScale());
        double usd = usdSize(8_000, 1.5);
        if (inst.inverse()) {
            long contracts = Math.max(1, Math.round(usd / inst.contractSizeUsd()));
            return new Liquidation(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                    sell ? Side.SELL : Side.BUY, p, dec(contracts, 0),
                    dec(Math.round(contracts * inst.contractSizeUsd() / p.doubleValue() * 1e8), 8),
                    dec(contracts * inst.contractSizeUsd(), 0));
        }
        BigDecimal a = dec(lots(inst, usd / s.mid), inst.amountScale());
        return new Liquidation(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                sell ? Side.SELL : Side.BUY, p, a, a, p.multiply(a));
    }

    private FundingRate funding(Inst inst, long t) {
        State s = states[inst.index()];
        long ms = streamTime(s, EventType.FUNDING_RATE, t);
        long fundingTime = Math.floorDiv(ms, fundingIntervalMillis) * fundingIntervalMillis + fundingIntervalMillis;
        if (fundingTime <= s.lastFundingTime) {
            fundingTime = s.lastFundingTime + fundingIntervalMillis;
        }
        s.lastFundingTime = fundingTime;
        double rate = 0.0001 + rnd.nextGaussian() * 0.00015;
        boolean binance = inst.venue().equals("binance-usdm");
        BigDecimal r = binance ? dec(Math.round(rate * 1e8), 8) : dec(Math.round(rate * 1e6), 6);
        BigDecimal predicted = binance ? null : dec(Math.round((rate + rnd.nextGaussian() * 0.00005) * 1e6), 6);
        return new FundingRate(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                Instant.ofEpochMilli(fundingTime), r, predicted, Duration.ofMillis(fundingIntervalMillis));
    }

    private IndexPrice indexPrice(Inst inst, long t) {
        State s = walk(inst, 0.0002);
        long ms = streamTime(s, EventType.INDEX_PRICE, t);
        return new IndexPrice(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), received(ms),
                dec(priceUnits(inst, s.mid), inst.priceScale()));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private State walk(Inst inst, double sigma) {
        State s = states[inst.index()];
        s.mid = Math.max(tick(inst) * 10, s.mid * (1 + rnd.nextGaussian() * sigma));
        return s;
    }

    private State walkOption(Inst inst) {
        State s = states[inst.index()];
        s.underlying *= 1 + rnd.nextGaussian() * 0.0005;
        s.mid = Math.max(0.0001, optionPrice(inst, s.underlying) * (1 + rnd.nextGaussian() * 0.01));
        return s;
    }

    /** A rough option premium in units of the underlying (Deribit quotes options in BTC/ETH). */
    private static double optionPrice(Inst inst, double underlying) {
        double intrinsic = Math.max(0, inst.call() ? underlying - inst.strike() : inst.strike() - underlying);
        double time = 0.02 * underlying * StrictMath.exp(-Math.abs(StrictMath.log(inst.strike() / underlying)) * 6);
        return (intrinsic + time) / underlying;
    }

    /** Per-stream venue times strictly increase, so (instrument, ts) keys never repeat. */
    private static long streamTime(State s, EventType type, long t) {
        long last = s.lastMillis[type.ordinal()];
        long v = t > last ? t : last + 1;
        s.lastMillis[type.ordinal()] = v;
        return v;
    }

    /** Local receive time: 1-60 ms after the venue time, microsecond resolution. */
    private Instant received(long venueMillis) {
        long micros = venueMillis * 1000 + 1000 + rnd.nextInt(59_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private Inst pick(Inst[] from, double[] cdf) {
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

    private static double[] cdf(Inst[] from) {
        double[] c = new double[Math.max(1, from.length)];
        double sum = 0;
        for (int i = 0; i < from.length; i++) {
            sum += from[i].popularity();
            c[i] = sum;
        }
        return c;
    }

    /** A log-normal USD size around {@code median}, clipped to [5, 20M]. */
    private double usdSize(double median, double sigma) {
        return Math.min(2e7, Math.max(5, median * StrictMath.exp(rnd.nextGaussian() * sigma)));
    }

    private long levelSize(Inst inst, State s) {
        if (inst.inverse()) {
            return Math.max(1, Math.round(usdSize(40_000, 1.2) / inst.contractSizeUsd())) * inst.lotUnits();
        }
        return lots(inst, usdSize(40_000, 1.2) / s.mid);
    }

    /** A size in base units as a whole number of lots (at least one), in units of 10^-amountScale. */
    private static long lots(Inst inst, double baseUnits) {
        double lot = inst.lotUnits() / (double) POW10[inst.amountScale()];
        return Math.max(1, Math.round(baseUnits / lot)) * inst.lotUnits();
    }

    private static double tick(Inst inst) {
        return inst.tickUnits() / (double) POW10[inst.priceScale()];
    }

    private static long priceUnits(Inst inst, double price) {
        long ticks = Math.max(1, Math.round(price / tick(inst)));
        return ticks * inst.tickUnits();
    }

    private static BigDecimal dec(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** A version-4 style UUID whose last group carries the per-instrument sequence (Bybit trade ids). */
    private String uuid(long seq) {
        long hi = rnd.nextLong();
        StringBuilder b = new StringBuilder(36);
        hex(b, hi >>> 32, 8).append('-');
        hex(b, (hi >>> 16) & 0xffff, 4).append('-');
        hex(b, 0x4000 | (hi & 0x0fff), 4).append('-');
        hex(b, 0x8000 | (seq >>> 48 & 0x3fff), 4).append('-');
        return hex(b, seq & 0xffff_ffff_ffffL, 12).toString();
    }

    private static StringBuilder hex(StringBuilder b, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            b.append(Character.forDigit((int) (v >>> (i * 4)) & 0xf, 16));
        }
        return b;
    }
}
