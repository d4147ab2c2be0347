package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.model.MarketEvent;
import io.basis.model.PriceLevel;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.AggTrade;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.ForceOrder;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.Kline;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.MarkPriceUpdate;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.StreamEvent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.basis.venue.binanceusdm.BinanceUsdmTokens.MISSING;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.bool;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.decimal;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.integer;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.need;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.optional;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.requirePresent;
import static io.basis.venue.binanceusdm.BinanceUsdmTokens.string;

/**
 * Reads one WebSocket frame in a single streaming pass, whatever the order of its fields: a raw event, a
 * combined-stream wrapper {@code {"stream":..,"data":..}} (data read in place, the stream name may come before or
 * after it), an array of events ({@code !markPrice@arr}), a subscription reply or an error reply.
 *
 * <p>Every top-level field name Binance uses in the consumed events is collected into one scratch {@link Fields}:
 * a name keeps one JSON type across those events ({@code T} is a time in all of them, {@code p} a decimal), except
 * {@code a}, read as an id or as ask levels by its JSON type. The event type, known only once the object is read,
 * then decides which fields are required. Stateless; each call allocates its own scratch, so it is safe on any
 * thread.
 */
final class BinanceUsdmFrameReader {

    /** Turns a decoded wire event into model events; supplied by the parser, which owns receive time and lookups. */
    @FunctionalInterface
    interface Normalizer {
        List<MarketEvent> normalize(StreamEvent event);
    }

    private static final String[] EVENT_TYPES = {"aggTrade", "markPriceUpdate", "depthUpdate", "kline", "forceOrder"};

    private BinanceUsdmFrameReader() {
    }

    static Parsed read(JsonParser p, Normalizer normalizer) {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new MalformedFrameException("empty frame");
        }
        Parsed parsed = value(p, first, normalizer, null);
        if (p.nextToken() != null) {
            throw new MalformedFrameException("trailing content after the frame");
        }
        return parsed;
    }

    private static Parsed value(JsonParser p, JsonToken t, Normalizer n, String stream) {
        if (t == JsonToken.START_OBJECT) {
            return object(p, n, stream);
        }
        if (t == JsonToken.START_ARRAY) {
            return array(p, n, stream);
        }
        throw new MalformedFrameException("frame is not a JSON object or array");
    }

    private static Parsed object(JsonParser p, Normalizer n, String stream) {
        Fields f = new Fields();
        f.stream = stream;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            f.read(name, p, p.nextToken(), n);
        }
        requirePresent(t, "frame");
        return f.result(n);
    }

    /** Elements of one array are of one type; unsupported elements only matter when nothing else was usable. */
    private static Parsed array(JsonParser p, Normalizer n, String stream) {
        List<MarketEvent> events = new ArrayList<>();
        Parsed.Unsupported unsupported = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            requirePresent(t, "array frame");
            if (t != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("array frame: element is not an object");
            }
            switch (object(p, n, stream)) {
                case Parsed.Events e -> events.addAll(e.events());
                case Parsed.Unsupported u -> unsupported = u;
                default -> throw new MalformedFrameException("array frame: element is not a market event");
            }
        }
        return events.isEmpty() && unsupported != null ? unsupported : new Parsed.Events(stream, events);
    }

    /** Scratch for one object's fields; see the class comment. */
    private static final class Fields {
        String stream;
        Parsed data;
        String eventType;
        long eventTime = MISSING;
        String symbol;
        long aggregateId = MISSING;
        BigDecimal price;
        BigDecimal quantity;
        BigDecimal nonRpiQuantity;
        BigDecimal averagePrice;
        BigDecimal indexPrice;
        BigDecimal settlePrice;
        BigDecimal fundingRate;
        long firstId = MISSING;
        long lastId = MISSING;
        long time = MISSING;
        long firstUpdateId = MISSING;
        long finalUpdateId = MISSING;
        long previousUpdateId = MISSING;
        Boolean buyerMaker;
        List<PriceLevel> bids;
        List<PriceLevel> asks;
        BinanceUsdmNestedReaders.Order order;
        BinanceUsdmNestedReaders.Candle kline;
        boolean hasResult;
        List<String> result = List.of();
        long id = MISSING;
        long code = MISSING;
        String message;

        void read(String name, JsonParser p, JsonToken t, Normalizer n) {
            switch (name) {
                case "e" -> eventType = BinanceUsdmTokens.known(p, t, EVENT_TYPES);
                case "E" -> eventTime = integer(p, t);
                case "s" -> symbol = string(p, t);
                case "a" -> {
                    if (t == JsonToken.START_ARRAY) {
                        asks = BinanceUsdmTokens.levels(p, "depthUpdate");
                    } else {
                        aggregateId = integer(p, t);
                    }
                }
                case "b" -> bids = t == JsonToken.START_ARRAY ? BinanceUsdmTokens.levels(p, "depthUpdate") : skip(p);
                case "p" -> price = decimal(p, t);
                case "q" -> quantity = decimal(p, t);
                case "nq" -> nonRpiQuantity = decimal(p, t);
                case "ap" -> averagePrice = decimal(p, t);
                case "i" -> indexPrice = decimal(p, t);
                case "P" -> settlePrice = decimal(p, t);
                case "r" -> fundingRate = decimal(p, t);
                case "f" -> firstId = integer(p, t);
                case "l" -> lastId = integer(p, t);
                case "T" -> time = integer(p, t);
                case "U" -> firstUpdateId = integer(p, t);
                case "u" -> finalUpdateId = integer(p, t);
                case "pu" -> previousUpdateId = integer(p, t);
                case "m" -> buyerMaker = bool(p, t);
                case "o" -> order = t == JsonToken.START_OBJECT ? BinanceUsdmNestedReaders.order(p) : skip(p);
                case "k" -> kline = t == JsonToken.START_OBJECT ? BinanceUsdmNestedReaders.candle(p) : skip(p);
                case "stream" -> stream = string(p, t);
                case "data" -> data = value(p, t, n, stream);
                case "result" -> {
                    hasResult = true;
                    if (t == JsonToken.START_ARRAY) {
                        result = BinanceUsdmNestedReaders.strings(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "id" -> id = integer(p, t);
                case "code" -> code = integer(p, t);
                case "msg" -> message = string(p, t);
                case "error" -> readError(p, t);
                default -> p.skipChildren();
            }
        }

        private void readError(JsonParser p, JsonToken t) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            JsonToken inner;
            while ((inner = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "code" -> code = integer(p, v);
                    case "msg" -> message = string(p, v);
                    default -> p.skipChildren();
                }
            }
            requirePresent(inner, "error reply");
        }

        Parsed result(Normalizer n) {
            if (data != null) {
                return withStream(data, stream);
            }
            if (eventType != null) {
                return event(n);
            }
            if (code != MISSING) {
                return new Parsed.ErrorReply(optional(id), (int) code, message);
            }
            if (hasResult && id != MISSING) {
                return new Parsed.Ack(id, result);
            }
            throw new MalformedFrameException("unrecognised frame: no event type, data, result or error code");
        }

        private Parsed event(Normalizer n) {
            return switch (eventType) {
                case "aggTrade" -> events(n, aggTrade());
                case "forceOrder" -> events(n, forceOrder());
                case "markPriceUpdate" -> events(n, markPrice());
                case "kline" -> events(n, kline());
                case "depthUpdate" -> new Parsed.Depth(stream, depth());
                default -> new Parsed.Unsupported(stream, eventType);
            };
        }

        private Parsed events(Normalizer n, StreamEvent event) {
            return new Parsed.Events(stream, n.normalize(event));
        }

        private AggTrade aggTrade() {
            String t = "aggTrade";
            return new AggTrade(need(eventTime, t, "E"), need(symbol, t, "s"), need(aggregateId, t, "a"),
                    need(price, t, "p"), need(quantity, t, "q"), nonRpiQuantity, optional(firstId),
                    optional(lastId), need(time, t, "T"), need(buyerMaker, t, "m"));
        }

        private ForceOrder forceOrder() {
            String t = "forceOrder";
            BinanceUsdmNestedReaders.Order o = need(order, t, "o");
            return new ForceOrder(need(eventTime, t, "E"), need(o.symbol, t, "o.s"), need(o.side, t, "o.S"),
                    o.type, o.timeInForce, need(o.quantity, t, "o.q"), need(o.price, t, "o.p"), o.averagePrice,
                    o.status, o.lastFilled, o.filled, need(o.time, t, "o.T"));
        }

        private MarkPriceUpdate markPrice() {
            String t = "markPriceUpdate";
            long next = time == MISSING ? 0 : time;
            return new MarkPriceUpdate(need(eventTime, t, "E"), need(symbol, t, "s"), need(price, t, "p"),
                    averagePrice, indexPrice, settlePrice, fundingRate, next);
        }

        private Kline kline() {
            String t = "kline";
            BinanceUsdmNestedReaders.Candle k = need(kline, t, "k");
            String sym = symbol != null ? symbol : k.symbol;
            return new Kline(need(eventTime, t, "E"), need(sym, t, "s"), need(k.openTime, t, "k.t"),
                    need(k.closeTime, t, "k.T"), need(k.interval, t, "k.i"), optional(k.firstId),
                    optional(k.lastId), need(k.open, t, "k.o"), need(k.high, t, "k.h"), need(k.low, t, "k.l"),
                    need(k.close, t, "k.c"), need(k.volume, t, "k.v"), optional(k.trades),
                    need(k.closed, t, "k.x"), k.quoteVolume, k.takerBuyVolume, k.takerBuyQuoteVolume);
        }

        private DepthDiff depth() {
            String t = "depthUpdate";
            return new DepthDiff(need(eventTime, t, "E"), need(time, t, "T"), need(symbol, t, "s"),
                    need(firstUpdateId, t, "U"), need(finalUpdateId, t, "u"), need(previousUpdateId, t, "pu"),
                    need(bids, t, "b"), need(asks, t, "a"));
        }

        private static <T> T skip(JsonParser p) {
            p.skipChildren();
            return null;
        }
    }

    /** The wrapper's stream name may follow its data; results are immutable, so re-create them with the name. */
    private static Parsed withStream(Parsed parsed, String stream) {
        if (stream == null) {
            return parsed;
        }
        return switch (parsed) {
            case Parsed.Events e when e.stream() == null -> new Parsed.Events(stream, e.events());
            case Parsed.Depth d when d.stream() == null -> new Parsed.Depth(stream, d.diff());
            case Parsed.Unsupported u when u.stream() == null -> new Parsed.Unsupported(stream, u.eventType());
            default -> parsed;
        };
    }
}
