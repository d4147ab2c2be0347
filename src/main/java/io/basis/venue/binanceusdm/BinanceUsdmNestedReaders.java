package io.basis.venue.binanceusdm;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.basis.venue.binanceusdm.BinanceUsdmTokens.MISSING;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.bool;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.decimal;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.integer;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.requirePresent;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.string;

/**
 * Readers for the objects nested in events: the liquidation order {@code o} of {@code forceOrder} and the candle
 * {@code k} of {@code kline}. Their single-letter names mean other things than at the top level (inside {@code o},
 * {@code o} is the order type; inside {@code k}, {@code i} is the interval), hence their own scratch types.
 */
final class BinanceUsdmNestedReaders {

    private static final String[] INTERVALS = BinanceUsdmIntervals.klineIntervals().toArray(String[]::new);

    private BinanceUsdmNestedReaders() {
    }

    /** Fields of a {@code forceOrder}'s {@code o}. */
    static final class Order {
        String symbol;
        String side;
        String type;
        String timeInForce;
        String status;
        BigDecimal quantity;
        BigDecimal price;
        BigDecimal averagePrice;
        BigDecimal lastFilled;
        BigDecimal filled;
        long time = MISSING;
    }

    /** Fields of a {@code kline}'s {@code k}. */
    static final class Candle {
        String symbol;
        String interval;
        long openTime = MISSING;
        long closeTime = MISSING;
        long firstId = MISSING;
        long lastId = MISSING;
        long trades = MISSING;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume;
        BigDecimal quoteVolume;
        BigDecimal takerBuyVolume;
        BigDecimal takerBuyQuoteVolume;
        Boolean closed;
    }

    /** Reads from the object's START_OBJECT through its END_OBJECT. */
    static Order order(JsonParser p) {
        Order o = new Order();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "s" -> o.symbol = string(p, v);
                case "S" -> o.side = string(p, v);
                case "o" -> o.type = string(p, v);
                case "f" -> o.timeInForce = string(p, v);
                case "q" -> o.quantity = decimal(p, v);
                case "p" -> o.price = decimal(p, v);
                case "ap" -> o.averagePrice = decimal(p, v);
                case "X" -> o.status = string(p, v);
                case "l" -> o.lastFilled = decimal(p, v);
                case "z" -> o.filled = decimal(p, v);
                case "T" -> o.time = integer(p, v);
                default -> p.skipChildren();
            }
        }
        requirePresent(t, "forceOrder");
        return o;
    }

    /** Reads from the object's START_OBJECT through its END_OBJECT. */
    static Candle candle(JsonParser p) {
        Candle k = new Candle();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "s" -> k.symbol = string(p, v);
                case "i" -> k.interval = BinanceUsdmTokens.known(p, v, INTERVALS);
                case "t" -> k.openTime = integer(p, v);
                case "T" -> k.closeTime = integer(p, v);
                case "f" -> k.firstId = integer(p, v);
                case "L" -> k.lastId = integer(p, v);
                case "n" -> k.trades = integer(p, v);
                case "o" -> k.open = decimal(p, v);
                case "h" -> k.high = decimal(p, v);
                case "l" -> k.low = decimal(p, v);
                case "c" -> k.close = decimal(p, v);
                case "v" -> k.volume = decimal(p, v);
                case "q" -> k.quoteVolume = decimal(p, v);
                case "V" -> k.takerBuyVolume = decimal(p, v);
                case "Q" -> k.takerBuyQuoteVolume = decimal(p, v);
                case "x" -> k.closed = bool(p, v);
                default -> p.skipChildren();
            }
        }
        requirePresent(t, "kline");
        return k;
    }

    /** An array of strings (LIST_SUBSCRIPTIONS' result), from START_ARRAY through END_ARRAY; non-strings skipped. */
    static List<String> strings(JsonParser p) {
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            requirePresent(t, "reply");
            String s = string(p, t);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
