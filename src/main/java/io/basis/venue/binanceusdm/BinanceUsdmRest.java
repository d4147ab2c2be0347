package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.LongShortKind;
import io.basis.model.LongShortRatio;
import io.basis.model.OpenInterest;
import io.basis.model.PriceLevel;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.AggTrade;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.basis.venue.binanceusdm.BinanceUsdmJson.decimal;
import static io.basis.venue.binanceusdm.BinanceUsdmJson.decimalValue;
import static io.basis.venue.binanceusdm.BinanceUsdmJson.integer;
import static io.basis.venue.binanceusdm.BinanceUsdmJson.optionalDecimal;
import static io.basis.venue.binanceusdm.BinanceUsdmJson.optionalText;
import static io.basis.venue.binanceusdm.BinanceUsdmJson.text;

/**
 * Binance USD-M REST response bodies → events or wire records. Pure: no HTTP (requests are built by
 * {@link BinanceUsdmRequests}), no clock; bodies are UTF-8 bytes (a text body: {@code getBytes(UTF_8)}).
 * Every method throws {@link MalformedFrameException} for a body that is not JSON or lacks a required field; check
 * {@link #error(byte[])} first when the HTTP status is not 200. Doc pages: developers.binance.com, USD-M futures,
 * Market Data, REST API.
 */
public final class BinanceUsdmRest {

    private static final String VENUE = BinanceUsdmParser.VENUE;

    private BinanceUsdmRest() {
    }

    /** The venue error body {@code {"code":-1121,"msg":"Invalid symbol."}}, if that is what this body is. */
    public static Optional<Parsed.ErrorReply> error(byte[] body) {
        JsonNode root;
        try {
            root = VenueJson.tree(body, "error body");
        } catch (MalformedFrameException notJson) {
            return Optional.empty();
        }
        JsonNode code = root.get("code");
        if (!root.isObject() || code == null || !code.canConvertToInt() || !code.isIntegralNumber()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed.ErrorReply(null, code.intValue(), optionalText(root, "msg")));
    }

    /**
     * "Open Interest" {@code {"openInterest":"10659.509","symbol":"BTCUSDT","time":..}}: the amount is in base units.
     *
     * @param markPrice the mark price to value it at (e.g. the latest from the mark-price stream), or null to leave
     *                  the notional unset
     */
    public static OpenInterest openInterest(byte[] body, Instant receivedAt, BigDecimal markPrice) {
        String what = "openInterest";
        JsonNode o = BinanceUsdmJson.object(VenueJson.tree(body, what), what);
        BigDecimal amount = decimal(o, "openInterest", what);
        return new OpenInterest(VENUE, text(o, "symbol", what), Instant.ofEpochMilli(integer(o, "time", what)),
                receivedAt, amount, amount, markPrice == null ? null : amount.multiply(markPrice));
    }

    /** "Order Book" snapshot, the starting point of {@link BinanceUsdmBookSequencer#onSnapshot}. */
    public static DepthSnapshot depthSnapshot(byte[] body) {
        String what = "depth";
        JsonNode o = BinanceUsdmJson.object(VenueJson.tree(body, what), what);
        long eventTime = o.has("E") ? integer(o, "E", what) : 0;
        long transactionTime = o.has("T") ? integer(o, "T", what) : 0;
        return new DepthSnapshot(integer(o, "lastUpdateId", what), eventTime, transactionTime,
                levels(o.get("bids"), what + ".bids"), levels(o.get("asks"), what + ".asks"));
    }

    /**
     * "Kline/Candlestick Data" rows {@code [openTime, o, h, l, c, volume, closeTime, quoteVolume, trades, ...]}.
     * The response's last row is usually the candle still forming; with no server clock in the body, a candle
     * counts as closed when its close time is before {@code closedBefore} (pass the server time, e.g. the
     * response's {@code Date} header, or the receive time less a clock-skew margin).
     *
     * @param interval the interval requested, e.g. {@code 1m} (rows do not repeat it)
     */
    public static List<Candle> klines(byte[] body, String symbol, String interval, Instant receivedAt,
                                      Instant closedBefore) {
        String what = "klines";
        Duration length = BinanceUsdmIntervals.klineLength(interval);
        long closedBeforeMillis = closedBefore.toEpochMilli();
        List<Candle> out = new ArrayList<>();
        for (JsonNode row : BinanceUsdmJson.array(VenueJson.tree(body, what), what)) {
            if (!row.isArray() || row.size() < 9) {
                throw new MalformedFrameException(what + ": row is not a kline array");
            }
            long closeTime = longAt(row, 6, what);
            out.add(new Candle(VENUE, symbol, Instant.ofEpochMilli(longAt(row, 0, what)), receivedAt, length,
                    decimalAt(row, 1, what), decimalAt(row, 2, what), decimalAt(row, 3, what),
                    decimalAt(row, 4, what), decimalAt(row, 5, what), decimalAt(row, 7, what), longAt(row, 8, what),
                    closeTime < closedBeforeMillis));
        }
        return out;
    }

    /**
     * "Get Funding Rate History" rows: settled rates, so the venue time is the funding time itself. The interval
     * is the distance to the previous row of the same symbol in this response (null for the first), since Binance
     * intervals vary (8 h, 4 h, 1 h) and can change.
     */
    public static List<FundingRate> fundingRates(byte[] body, Instant receivedAt) {
        String what = "fundingRate";
        Map<String, Instant> previous = new HashMap<>();
        List<FundingRate> out = new ArrayList<>();
        for (JsonNode row : BinanceUsdmJson.array(VenueJson.tree(body, what), what)) {
            String symbol = text(row, "symbol", what);
            Instant fundingTime = Instant.ofEpochMilli(integer(row, "fundingTime", what));
            Instant before = previous.put(symbol, fundingTime);
            out.add(new FundingRate(VENUE, symbol, fundingTime, receivedAt, fundingTime,
                    decimal(row, "fundingRate", what), null, interval(before, fundingTime)));
        }
        return out;
    }

    /**
     * "Compressed/Aggregate Trades List" rows {@code {"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,
     * "l":27781,"T":1498793709153,"m":true}}: the fields of the {@code aggTrade} stream event without {@code e},
     * {@code E} and {@code s}, so they become the same {@link AggTrade} (event time = trade time, the symbol the one
     * requested) for {@link BinanceUsdmParser#trade} to map exactly as live trades are.
     */
    public static List<AggTrade> aggTrades(byte[] body, String symbol) {
        String what = "aggTrades";
        List<AggTrade> out = new ArrayList<>();
        for (JsonNode row : BinanceUsdmJson.array(VenueJson.tree(body, what), what)) {
            JsonNode m = row.get("m");
            if (m == null || !m.isBoolean()) {
                throw new MalformedFrameException(what + ": m missing or not a boolean");
            }
            long time = integer(row, "T", what);
            out.add(new AggTrade(time, symbol, integer(row, "a", what), decimal(row, "p", what),
                    decimal(row, "q", what), optionalDecimal(row, "nq"), optionalLong(row, "f"),
                    optionalLong(row, "l"), time, m.booleanValue()));
        }
        return out;
    }

    private static Long optionalLong(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
    }

    /** Whole minutes between two settlements: recorded funding times jitter by a few milliseconds. */
    private static Duration interval(Instant before, Instant fundingTime) {
        if (before == null) {
            return null;
        }
        long minutes = Math.round(Duration.between(before, fundingTime).toMillis() / 60_000.0);
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    /**
     * "Open Interest Statistics" ({@code /futures/data/openInterestHist}) rows: amount {@code sumOpenInterest} in
     * base units, notional {@code sumOpenInterestValue}.
     */
    public static List<OpenInterest> openInterestHistory(byte[] body, Instant receivedAt) {
        String what = "openInterestHist";
        List<OpenInterest> out = new ArrayList<>();
        for (JsonNode row : BinanceUsdmJson.array(VenueJson.tree(body, what), what)) {
            BigDecimal amount = decimal(row, "sumOpenInterest", what);
            out.add(new OpenInterest(VENUE, text(row, "symbol", what),
                    Instant.ofEpochMilli(integer(row, "timestamp", what)), receivedAt, amount, amount,
                    optionalDecimal(row, "sumOpenInterestValue")));
        }
        return out;
    }

    /**
     * The {@code /futures/data} ratio endpoints: "Long/Short Ratio" (ACCOUNTS), "Top Trader Long/Short Ratio
     * (Accounts)" and "(Positions)" ({@code longShortRatio}, long and short shares in {@code longAccount} /
     * {@code shortAccount}; {@code longPosition} / {@code shortPosition} also accepted), and "Taker Buy/Sell
     * Volume" (TAKER_BUY_SELL: {@code buySellRatio}, {@code buyVol}, {@code sellVol} in base units).
     *
     * @param symbol the symbol requested, used when rows omit it (taker rows always do)
     * @param period the period requested, e.g. {@code 5m}
     */
    public static List<LongShortRatio> longShortRatios(byte[] body, LongShortKind kind, String symbol, String period,
                                                       Instant receivedAt) {
        Objects.requireNonNull(kind, "kind");
        Duration length = BinanceUsdmIntervals.statisticsLength(period);
        boolean taker = kind == LongShortKind.TAKER_BUY_SELL;
        String what = taker ? "takerlongshortRatio" : "longShortRatio";
        List<LongShortRatio> out = new ArrayList<>();
        for (JsonNode row : BinanceUsdmJson.array(VenueJson.tree(body, what), what)) {
            String rowSymbol = optionalText(row, "symbol");
            Instant time = Instant.ofEpochMilli(integer(row, "timestamp", what));
            if (taker) {
                out.add(new LongShortRatio(VENUE, rowSymbol != null ? rowSymbol : symbol, time, receivedAt, kind,
                        length, decimal(row, "buySellRatio", what), decimal(row, "buyVol", what),
                        decimal(row, "sellVol", what)));
            } else {
                out.add(new LongShortRatio(VENUE, rowSymbol != null ? rowSymbol : symbol, time, receivedAt, kind,
                        length, decimal(row, "longShortRatio", what), share(row, "long", what),
                        share(row, "short", what)));
            }
        }
        return out;
    }

    private static BigDecimal share(JsonNode row, String side, String what) {
        BigDecimal account = optionalDecimal(row, side + "Account");
        return account != null ? account : decimal(row, side + "Position", what);
    }

    private static List<PriceLevel> levels(JsonNode side, String what) {
        List<PriceLevel> out = new ArrayList<>();
        for (JsonNode level : BinanceUsdmJson.array(side, what)) {
            BigDecimal price = level.isArray() ? decimalValue(level.get(0)) : null;
            BigDecimal amount = level.isArray() ? decimalValue(level.get(1)) : null;
            if (price == null || amount == null) {
                throw new MalformedFrameException(what + ": level is not [price, quantity]");
            }
            out.add(new PriceLevel(price, amount));
        }
        return out;
    }

    private static BigDecimal decimalAt(JsonNode row, int index, String what) {
        BigDecimal d = decimalValue(row.get(index));
        if (d == null) {
            throw new MalformedFrameException(what + ": column " + index + " missing or invalid");
        }
        return d;
    }

    private static long longAt(JsonNode row, int index, String what) {
        JsonNode v = row.get(index);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedFrameException(what + ": column " + index + " missing or invalid");
        }
        return v.longValue();
    }
}
