package io.basis.bench;

import io.basis.model.EventType;
import io.basis.model.PriceLevel;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The frames of {@code bench ingest}: {@code n} Binance USD-M WebSocket frames, generated deterministically from a
 * seed as the UTF-8 bytes the venue sends on a combined stream ({@code {"stream":"btcusdt@aggTrade","data":{..}}};
 * field order and decimal formatting as in the fixtures under {@code src/test/resources/venues/binance-usdm/ws}).
 *
 * <p>The mix: 60% {@code aggTrade}, 20% {@code depthUpdate} ({@code @100ms}, one unbroken U/u/pu chain per symbol
 * that starts by spanning the symbol's REST snapshot), 10% {@code markPriceUpdate} ({@code @1s}, round robin, so each
 * symbol gets one a second), 8% {@code kline_1m} (updates of the open candle), 2% {@code forceOrder}
 * ({@code !forceOrder@arr}), over 50 symbols (48 perpetuals, 2 quarterlies whose mark price carries no funding).
 * Trades and liquidations favour the large symbols (Zipf weights), books update evenly. Event times rise 2 ms per
 * frame (500 frames/s of venue time, so 1,000,000 frames span about 33 minutes ending near now); prices follow a
 * random walk per symbol on its tick. Alongside the bytes it works out the rows the store must end with per
 * event type (distinct natural keys: kline updates of one candle are one row; one top-20 book snapshot per symbol
 * per second of event time, the rule of {@link IngestPipeline}).
 */
final class IngestFrames {
    static final int BOOK_DEPTH = 20;
    static final long SNAPSHOT_EVERY_MS = 1_000;
    private static final long STEP_MICROS = 2_000;
    private static final int SNAPSHOT_LEVELS = 100;

    enum Kind { AGG_TRADE, DEPTH_UPDATE, MARK_PRICE, KLINE, FORCE_ORDER }

    /** name, price, price decimals (tick = 10^-decimals), quantity decimals. */
    private record Spec(String symbol, double price, int priceDecimals, int qtyDecimals) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("BTCUSDT", 104_250.1, 1, 3), new Spec("ETHUSDT", 2_711.42, 2, 3),
            new Spec("SOLUSDT", 171.23, 2, 2), new Spec("BNBUSDT", 652.31, 2, 2),
            new Spec("XRPUSDT", 2.3412, 4, 1), new Spec("DOGEUSDT", 0.21734, 5, 0),
            new Spec("ADAUSDT", 0.7321, 4, 0), new Spec("1000PEPEUSDT", 0.0131204, 7, 0),
            new Spec("SUIUSDT", 3.7211, 4, 1), new Spec("LINKUSDT", 16.123, 3, 2),
            new Spec("AVAXUSDT", 23.411, 3, 0), new Spec("LTCUSDT", 98.34, 2, 3),
            new Spec("TRXUSDT", 0.27112, 5, 0), new Spec("DOTUSDT", 4.512, 3, 1),
            new Spec("BCHUSDT", 402.11, 2, 3), new Spec("WIFUSDT", 0.9821, 4, 1),
            new Spec("ENAUSDT", 0.3921, 4, 0), new Spec("NEARUSDT", 2.712, 3, 0),
            new Spec("APTUSDT", 5.2311, 4, 1), new Spec("ARBUSDT", 0.4012, 4, 1),
            new Spec("OPUSDT", 0.7123, 4, 1), new Spec("FILUSDT", 2.711, 3, 1),
            new Spec("ATOMUSDT", 4.611, 3, 2), new Spec("UNIUSDT", 7.312, 3, 0),
            new Spec("AAVEUSDT", 271.23, 2, 1), new Spec("INJUSDT", 12.411, 3, 1),
            new Spec("TIAUSDT", 2.4312, 4, 0), new Spec("SEIUSDT", 0.2312, 4, 0),
            new Spec("ORDIUSDT", 9.312, 3, 1), new Spec("ETCUSDT", 17.231, 3, 2),
            new Spec("HBARUSDT", 0.17231, 5, 0), new Spec("XLMUSDT", 0.28312, 5, 0),
            new Spec("TONUSDT", 3.1231, 4, 1), new Spec("SHIB1000USDT", 0.013121, 6, 0), // listed as 1000SHIBUSDT
            new Spec("WLDUSDT", 1.0312, 4, 0), new Spec("ONDOUSDT", 0.8812, 4, 1),
            new Spec("JUPUSDT", 0.5123, 4, 0), new Spec("FETUSDT", 0.7231, 4, 0),
            new Spec("RENDERUSDT", 3.812, 3, 1), new Spec("TAOUSDT", 412.31, 2, 3),
            new Spec("CRVUSDT", 0.7312, 4, 1), new Spec("MKRUSDT", 1_612.3, 1, 3),
            new Spec("LDOUSDT", 0.9123, 4, 1), new Spec("GALAUSDT", 0.017231, 6, 0),
            new Spec("SANDUSDT", 0.2912, 4, 0), new Spec("EIGENUSDT", 1.3121, 4, 1),
            new Spec("PENGUUSDT", 0.011231, 6, 0), new Spec("HYPEUSDT", 38.123, 3, 2),
            new Spec("BTCUSDT_260925", 106_012.3, 1, 3), new Spec("ETHUSDT_260925", 2_760.15, 2, 3));

    /** Frames, what they are, the book each symbol's sequencer starts from, the rows the store must end with. */
    record Frames(byte[][] frames, Kind[] kinds, long startMillis, long endMillis, Map<String, DepthSnapshot> books,
                  Map<Kind, Long> kindCounts, Map<EventType, Long> expectedRows, long expectedEvents, long bytes) {
        int size() {
            return frames.length;
        }

        List<String> symbols() {
            return List.copyOf(books.keySet());
        }
    }

    /** Mutable per-symbol market state of the generator. */
    private static final class Sym {
        final Spec spec;
        final String symbol;
        final String lower;
        final long tickScale;
        long midTicks;
        long aggId;
        long tradeId;
        long lastU;
        boolean firstDiff = true;
        long snapshotId;
        long nextSnapshotAt = Long.MIN_VALUE;
        long candleOpen = -1;
        long candleO;
        long candleH;
        long candleL;
        long candleVolume;
        long candleTrades;

        Sym(Spec spec, int index, SplittableRandom r) {
            this.spec = spec;
            this.symbol = spec.symbol();
            this.lower = spec.symbol().toLowerCase(java.util.Locale.ROOT);
            this.tickScale = pow10(spec.priceDecimals());
            this.midTicks = Math.round(spec.price() * tickScale);
            this.aggId = 2_874_551_233L + index * 97_000_000L;
            this.tradeId = 6_591_187_001L + index * 310_000_000L;
            this.snapshotId = 9_182_736_450_000L + index * 1_000_000_000L + r.nextInt(1_000);
            this.lastU = snapshotId - 3;
        }
    }

    private IngestFrames() {
    }

    static Frames generate(long seed, int n, long endMillis) {
        SplittableRandom r = new SplittableRandom(seed);
        long startMillis = endMillis - (n * STEP_MICROS) / 1000 - 1;
        List<Sym> syms = new ArrayList<>();
        Map<String, DepthSnapshot> books = new java.util.LinkedHashMap<>();
        for (int i = 0; i < SPECS.size(); i++) {
            Sym s = new Sym(SPECS.get(i), i, r);
            syms.add(s);
            books.put(s.symbol, snapshot(s, r, startMillis));
        }
        double[] zipf = cumulative(syms.size(), 1.0);
        byte[][] frames = new byte[n][];
        Kind[] kinds = new Kind[n];
        Map<Kind, Long> kindCounts = new EnumMap<>(Kind.class);
        Map<EventType, Long> rows = new EnumMap<>(EventType.class);
        Set<Long> candles = new HashSet<>();
        Set<String> liquidations = new HashSet<>();
        Set<String> fundings = new HashSet<>();
        StringBuilder sb = new StringBuilder(1024);
        int markRobin = 0;
        long bytes = 0;
        long events = 0;
        for (int i = 0; i < n; i++) {
            long e = startMillis + (i * STEP_MICROS) / 1000;
            int roll = r.nextInt(100);
            Kind kind = roll < 60 ? Kind.AGG_TRADE : roll < 80 ? Kind.DEPTH_UPDATE : roll < 90 ? Kind.MARK_PRICE
                    : roll < 98 ? Kind.KLINE : Kind.FORCE_ORDER;
            sb.setLength(0);
            Sym s;
            switch (kind) {
                case AGG_TRADE -> {
                    s = syms.get(pick(zipf, r));
                    aggTrade(sb, s, r, e);
                    add(rows, EventType.TRADE, 1);
                    events++;
                }
                case DEPTH_UPDATE -> {
                    s = syms.get(r.nextInt(syms.size()));
                    depthUpdate(sb, s, r, e);
                    if (e >= s.nextSnapshotAt) {
                        s.nextSnapshotAt = e + SNAPSHOT_EVERY_MS;
                        add(rows, EventType.BOOK_SNAPSHOT, 1);
                        events++;
                    }
                }
                case MARK_PRICE -> {
                    s = syms.get(markRobin++ % syms.size());
                    long fundingTime = markPrice(sb, s, r, e);
                    add(rows, EventType.MARK_PRICE, 1);
                    add(rows, EventType.INDEX_PRICE, 1);
                    events += 2;
                    if (fundingTime > 0) {
                        // one row per symbol and funding period: later estimates update it
                        fundings.add(s.symbol + '|' + fundingTime);
                        events++;
                    }
                }
                case KLINE -> {
                    int k = r.nextInt(syms.size());
                    s = syms.get(k);
                    long open = kline(sb, s, r, e);
                    candles.add(open / 60_000 * 64 + k);
                    events++;
                }
                case FORCE_ORDER -> {
                    s = syms.get(pick(zipf, r));
                    liquidations.add(forceOrder(sb, s, r, e));
                    events++;
                }
                default -> throw new IllegalStateException();
            }
            walk(s, r);
            byte[] frame = sb.toString().getBytes(StandardCharsets.UTF_8);
            frames[i] = frame;
            kinds[i] = kind;
            bytes += frame.length;
            kindCounts.merge(kind, 1L, Long::sum);
        }
        add(rows, EventType.CANDLE, candles.size());
        add(rows, EventType.LIQUIDATION, liquidations.size());
        add(rows, EventType.FUNDING_RATE, fundings.size());
        return new Frames(frames, kinds, startMillis, endMillis, books, kindCounts, rows, events, bytes);
    }

    // --- the five frame types -------------------------------------------------------------------------------------

    private static void aggTrade(StringBuilder sb, Sym s, SplittableRandom r, long e) {
        long price = s.midTicks + r.nextInt(-2, 3);
        long qty = quantity(s, r);
        int fills = 1 + (r.nextInt(4) == 0 ? r.nextInt(12) : 0);
        sb.append("{\"stream\":\"").append(s.lower).append("@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":").append(e)
                .append(",\"s\":\"").append(s.symbol).append("\",\"a\":").append(s.aggId++).append(",\"p\":\"");
        fixed(sb, price, s.spec.priceDecimals());
        sb.append("\",\"q\":\"");
        fixed(sb, qty, s.spec.qtyDecimals());
        sb.append("\",\"nq\":\"");
        fixed(sb, r.nextInt(10) == 0 ? qty - qty / 3 : qty, s.spec.qtyDecimals());
        sb.append("\",\"f\":").append(s.tradeId).append(",\"l\":").append(s.tradeId + fills - 1)
                .append(",\"T\":").append(e - r.nextInt(3, 60)).append(",\"m\":").append(r.nextBoolean()).append("}}");
        s.tradeId += fills;
    }

    private static void depthUpdate(StringBuilder sb, Sym s, SplittableRandom r, long e) {
        long first;
        long pu;
        if (s.firstDiff) {
            // spans the REST snapshot: U <= lastUpdateId <= u
            first = s.lastU;
            pu = s.lastU - r.nextInt(1, 40);
            s.firstDiff = false;
        } else {
            first = s.lastU + 1;
            pu = s.lastU;
        }
        long last = Math.max(first + 3, first + r.nextInt(4, 400));
        s.lastU = last;
        sb.append("{\"stream\":\"").append(s.lower).append("@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":")
                .append(e).append(",\"T\":").append(e - r.nextInt(1, 9)).append(",\"s\":\"").append(s.symbol)
                .append("\",\"U\":").append(first).append(",\"u\":").append(last).append(",\"pu\":").append(pu)
                .append(",\"b\":[");
        levels(sb, s, r, -1);
        sb.append("],\"a\":[");
        levels(sb, s, r, +1);
        sb.append("]}}");
    }

    private static void levels(StringBuilder sb, Sym s, SplittableRandom r, int side) {
        int count = r.nextInt(10) < 7 ? 1 + r.nextInt(5) : 5 + r.nextInt(16);
        long offset = 0;
        for (int j = 0; j < count; j++) {
            offset += 1 + (r.nextInt(3) == 0 ? r.nextInt(8) : 0);
            long price = side < 0 ? s.midTicks - offset : s.midTicks + offset;
            if (j > 0) {
                sb.append(',');
            }
            sb.append("[\"");
            fixed(sb, price, s.spec.priceDecimals());
            sb.append("\",\"");
            fixed(sb, r.nextInt(100) < 18 ? 0 : quantity(s, r) * (1 + r.nextInt(20)), s.spec.qtyDecimals());
            sb.append("\"]");
        }
    }

    /** @return the next funding time, 0 for a quarterly (no funding) */
    private static long markPrice(StringBuilder sb, Sym s, SplittableRandom r, long e) {
        boolean perpetual = s.symbol.indexOf('_') < 0;
        long base = s.midTicks * (100_000_000L / s.tickScale);
        long mark = base + r.nextLong(-(base / 5_000) - 1, base / 5_000 + 1);
        long index = mark + r.nextLong(-(mark / 20_000) - 1, mark / 20_000 + 1);
        sb.append("{\"stream\":\"").append(s.lower).append("@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":")
                .append(e).append(",\"s\":\"").append(s.symbol).append("\",\"p\":\"");
        fixed(sb, mark, 8);
        sb.append("\",\"ap\":\"");
        fixed(sb, mark + r.nextLong(-(mark / 50_000) - 1, mark / 50_000 + 1), 8);
        sb.append("\",\"P\":\"");
        fixed(sb, index + r.nextLong(-(mark / 30_000) - 1, mark / 30_000 + 1), 8);
        sb.append("\",\"i\":\"");
        fixed(sb, index, 8);
        sb.append("\",\"r\":\"");
        if (perpetual) {
            fixed(sb, r.nextLong(-2_000, 12_000), 8);
        }
        long nextFunding = perpetual ? (e / 28_800_000 + 1) * 28_800_000 : 0;
        sb.append("\",\"T\":").append(nextFunding).append("}}");
        return nextFunding;
    }

    /** @return the candle's open time */
    private static long kline(StringBuilder sb, Sym s, SplittableRandom r, long e) {
        long open = e / 60_000 * 60_000;
        if (s.candleOpen != open) {
            s.candleOpen = open;
            s.candleO = s.midTicks;
            s.candleH = s.midTicks;
            s.candleL = s.midTicks;
            s.candleVolume = 0;
            s.candleTrades = 0;
        }
        s.candleH = Math.max(s.candleH, s.midTicks);
        s.candleL = Math.min(s.candleL, s.midTicks);
        s.candleVolume += quantity(s, r) * (1 + r.nextInt(30));
        s.candleTrades += 1 + r.nextInt(40);
        long quote = (long) (s.candleVolume / (double) pow10(s.spec.qtyDecimals())
                * (s.midTicks / (double) s.tickScale) * 100_000);
        int pd = s.spec.priceDecimals();
        int qd = s.spec.qtyDecimals();
        sb.append("{\"stream\":\"").append(s.lower).append("@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":").append(e)
                .append(",\"s\":\"").append(s.symbol).append("\",\"k\":{\"t\":").append(open).append(",\"T\":")
                .append(open + 59_999).append(",\"s\":\"").append(s.symbol).append("\",\"i\":\"1m\",\"f\":")
                .append(s.tradeId - s.candleTrades).append(",\"L\":").append(s.tradeId).append(",\"o\":\"");
        fixed(sb, s.candleO, pd);
        sb.append("\",\"c\":\"");
        fixed(sb, s.midTicks, pd);
        sb.append("\",\"h\":\"");
        fixed(sb, s.candleH, pd);
        sb.append("\",\"l\":\"");
        fixed(sb, s.candleL, pd);
        sb.append("\",\"v\":\"");
        fixed(sb, s.candleVolume, qd);
        sb.append("\",\"n\":").append(s.candleTrades).append(",\"x\":false,\"q\":\"");
        fixed(sb, quote, 5);
        sb.append("\",\"V\":\"");
        fixed(sb, s.candleVolume / 2, qd);
        sb.append("\",\"Q\":\"");
        fixed(sb, quote / 2, 5);
        sb.append("\",\"B\":\"0\"}}}");
        return open;
    }

    /** @return the liquidation row's natural key */
    private static String forceOrder(StringBuilder sb, Sym s, SplittableRandom r, long e) {
        String side = r.nextBoolean() ? "SELL" : "BUY";
        long qty = quantity(s, r) * (1 + r.nextInt(50));
        long price = side.equals("SELL") ? s.midTicks - r.nextInt(1, 200) : s.midTicks + r.nextInt(1, 200);
        long avg = side.equals("SELL") ? price + r.nextInt(0, 50) : price - r.nextInt(0, 50);
        long t = e - r.nextInt(2, 12);
        int pd = s.spec.priceDecimals();
        int qd = s.spec.qtyDecimals();
        sb.append("{\"stream\":\"!forceOrder@arr\",\"data\":{\"e\":\"forceOrder\",\"E\":").append(e)
                .append(",\"o\":{\"s\":\"").append(s.symbol).append("\",\"S\":\"").append(side)
                .append("\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"");
        fixed(sb, qty, qd);
        sb.append("\",\"p\":\"");
        fixed(sb, price, pd);
        sb.append("\",\"ap\":\"");
        fixed(sb, avg, pd);
        sb.append("\",\"X\":\"FILLED\",\"l\":\"");
        fixed(sb, Math.max(1, qty / 3), qd);
        sb.append("\",\"z\":\"");
        fixed(sb, qty, qd);
        sb.append("\",\"T\":").append(t).append("}}}");
        // natural key (instrument, ts, side, price, amount): price = ap (non-zero), amount = z
        return s.symbol + '|' + t + '|' + side + '|' + avg + '|' + qty;
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** The REST snapshot a symbol's sequencer is seeded with: {@value #SNAPSHOT_LEVELS} levels a side. */
    private static DepthSnapshot snapshot(Sym s, SplittableRandom r, long at) {
        List<PriceLevel> bids = new ArrayList<>(SNAPSHOT_LEVELS);
        List<PriceLevel> asks = new ArrayList<>(SNAPSHOT_LEVELS);
        for (int j = 1; j <= SNAPSHOT_LEVELS; j++) {
            bids.add(level(s, s.midTicks - j, quantity(s, r) * (1 + r.nextInt(40))));
            asks.add(level(s, s.midTicks + j, quantity(s, r) * (1 + r.nextInt(40))));
        }
        return new DepthSnapshot(s.snapshotId, at, at, bids, asks);
    }

    private static PriceLevel level(Sym s, long priceTicks, long qty) {
        return new PriceLevel(BigDecimal.valueOf(priceTicks, s.spec.priceDecimals()),
                BigDecimal.valueOf(qty, s.spec.qtyDecimals()));
    }

    /** A trade-sized quantity in units of 10^-qtyDecimals: about $50 to $50,000 of notional, skewed small. */
    private static long quantity(Sym s, SplittableRandom r) {
        double price = s.midTicks / (double) s.tickScale;
        double notional = 50 * Math.pow(1000, r.nextDouble() * r.nextDouble());
        return Math.max(1, Math.round(notional / price * pow10(s.spec.qtyDecimals())));
    }

    private static void walk(Sym s, SplittableRandom r) {
        int step = r.nextInt(10);
        if (step == 0 && s.midTicks > 200) {
            s.midTicks--;
        } else if (step == 1) {
            s.midTicks++;
        }
    }

    /** Appends {@code units} × 10^-decimals with exactly {@code decimals} fraction digits (as the venue sends). */
    static void fixed(StringBuilder sb, long units, int decimals) {
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        if (decimals == 0) {
            sb.append(units);
            return;
        }
        long scale = pow10(decimals);
        sb.append(units / scale).append('.');
        String frac = Long.toString(units % scale);
        for (int k = frac.length(); k < decimals; k++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int k = 0; k < n; k++) {
            p *= 10;
        }
        return p;
    }

    private static double[] cumulative(int n, double exponent) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    private static int pick(double[] cumulative, SplittableRandom r) {
        double x = r.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void add(Map<EventType, Long> rows, EventType type, long n) {
        rows.merge(type, n, Long::sum);
    }
}
