package io.basis.venue.deribit;

import io.basis.config.LargeTradeThresholds;
import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;
import io.basis.venue.deribit.DeribitChannels.Channel;
import io.basis.venue.deribit.DeribitMessages.BookAction;
import io.basis.venue.deribit.DeribitMessages.BookChange;
import io.basis.venue.deribit.DeribitMessages.BookChangeType;
import io.basis.venue.deribit.DeribitMessages.BookEntry;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Deribit JSON-RPC WebSocket frames → normalized events (reference {@code /work/shared/venues/deribit.md} §1, §2,
 * §4). Pure: frame and receive time in, a {@link Parsed} out; no I/O, no clock, no mutable state, safe on any
 * thread. Configured with the venue's large-trade thresholds.
 *
 * <p>Normalization rules:
 * <ul>
 * <li>{@code ticker} of an option → {@link OptionTicker} (best bid/ask price and amount, mark, {@code bid_iv},
 *     {@code ask_iv}, {@code mark_iv} in percent, greeks, {@code open_interest} in coin, underlying price/index).</li>
 * <li>{@code ticker} of a perpetual or future → {@link MarkPrice} (mark, index, {@code estimated_delivery_price}),
 *     {@link IndexPrice} named after the price index ({@code btc_usd}; {@code btc_usdc} for {@code BTC_USDC-*}),
 *     {@link OpenInterest} and, for perpetuals only, {@link FundingRate}. Open interest of inverse instruments is
 *     USD: amount = notional = {@code open_interest}, baseAmount = amount / mark; linear: baseAmount = amount,
 *     notional = amount × mark.</li>
 * <li>Funding: Deribit accrues funding continuously and has no discrete funding instant. {@code rate} =
 *     {@code funding_8h} (the trailing 8-hour rate, the figure comparable to other venues' 8-h funding and to the
 *     hourly {@code interest_8h} rows of {@code public/get_funding_rate_history}); {@code fundingTime} = the venue
 *     time rounded up to the next whole UTC hour (unchanged when already on the hour), the timestamp of the hourly
 *     history row the observation converges to; {@code interval} = 8 h; {@code predictedRate} = null.
 *     {@code current_funding} (the instantaneous rate) has no field in the model and is not mapped.</li>
 * <li>{@code trades} → one {@link Trade} per element: id {@code trade_id}, side = {@code direction} (the taker's).
 *     Inverse perpetuals/futures ({@code BTC-PERPETUAL}, {@code ETH-27DEC24}): amount is USD, so
 *     baseAmount = amount / price (34 significant digits) and notional = amount. Linear {@code *_USDC-*}:
 *     baseAmount = amount, notional = amount × price. Options: amount in coin, baseAmount = amount, notional =
 *     amount × {@code index_price} (underlying USD notional; null without index price). {@code large} = that USD
 *     notional reached the {@code large-trade-usd} threshold of the base asset ({@link #baseAsset}); false without
 *     a notional.</li>
 * <li>A trade with {@code liquidation} also gives a {@link Liquidation} per liquidated side: {@code T} → the taker's
 *     side ({@code direction}), {@code M} → the maker's (opposite), {@code MT} → both; same price and amounts.</li>
 * <li>{@code deribit_volatility_index} → {@link VolatilityIndex} ({@code volatility}, percent points);
 *     {@code deribit_price_index} → {@link IndexPrice} ({@code price}).</li>
 * <li>{@code book} → {@link Parsed.Book} with the wire {@link BookChange}.</li>
 * </ul>
 */
public final class DeribitParser {

    /** The venue id stamped on every event. */
    public static final String VENUE = "deribit";

    private static final Duration EIGHT_HOURS = Duration.ofHours(8);

    private final LargeTradeThresholds thresholds;

    /** With {@link LargeTradeThresholds#defaults()}. */
    public DeribitParser() {
        this(LargeTradeThresholds.defaults());
    }

    public DeribitParser(LargeTradeThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Parses one WebSocket text frame (UTF-8 bytes). */
    public Parsed parse(byte[] frame, Instant receivedAt) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return dispatch(VenueJson.tree(frame, "frame"), receivedAt);
    }

    /** As {@link #parse(byte[], Instant)}, for a frame already decoded to text. */
    public Parsed parse(String frame, Instant receivedAt) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return dispatch(VenueJson.tree(frame, "frame"), receivedAt);
    }

    private Parsed dispatch(JsonNode root, Instant receivedAt) {
        DeribitJson.object(root, "frame");
        String method = DeribitJson.optionalText(root, "method");
        if (method != null) {
            return switch (method) {
                case "subscription" -> notification(DeribitJson.object(root.get("params"), "subscription"),
                        receivedAt);
                case "heartbeat" -> heartbeat(DeribitJson.object(root.get("params"), "heartbeat"));
                default -> new Parsed.Unsupported(method);
            };
        }
        if (root.has("error")) {
            JsonNode error = DeribitJson.object(root.get("error"), "error");
            Long id = root.has("id") && !root.get("id").isNull() ? DeribitJson.integer(root, "id", "reply") : null;
            JsonNode message = error.get("message");
            return new Parsed.ErrorReply(id, (int) DeribitJson.integer(error, "code", "error"),
                    message != null && message.isString() ? message.stringValue() : "");
        }
        if (root.has("id") && root.has("result")) {
            List<String> channels = new ArrayList<>();
            JsonNode result = root.get("result");
            if (result.isArray()) {
                for (JsonNode c : result) {
                    if (c.isString()) {
                        channels.add(c.stringValue());
                    }
                }
            }
            return new Parsed.Reply(DeribitJson.integer(root, "id", "reply"), channels);
        }
        throw new MalformedFrameException("frame: neither notification nor reply");
    }

    private static Parsed heartbeat(JsonNode params) {
        String type = DeribitJson.text(params, "type", "heartbeat");
        return switch (type) {
            case "heartbeat" -> new Parsed.Heartbeat(false);
            case "test_request" -> new Parsed.Heartbeat(true);
            default -> throw new MalformedFrameException("heartbeat: unknown type");
        };
    }

    private Parsed notification(JsonNode params, Instant receivedAt) {
        String name = DeribitJson.text(params, "channel", "subscription");
        JsonNode data = params.get("data");
        if (data == null || data.isNull()) {
            throw VenueJson.missing("subscription", "data");
        }
        Optional<Channel> channel = DeribitChannels.parse(name);
        if (channel.isEmpty()) {
            return new Parsed.Unsupported(name);
        }
        return switch (channel.get().kind()) {
            case TICKER -> new Parsed.Events(name, ticker(DeribitJson.object(data, "ticker"), receivedAt));
            case TRADES -> new Parsed.Events(name, trades(DeribitJson.array(data, "trades"), receivedAt));
            case BOOK -> new Parsed.Book(name, book(name, DeribitJson.object(data, "book")));
            case VOLATILITY_INDEX -> new Parsed.Events(name, List.of(volatilityIndex(data, receivedAt)));
            case PRICE_INDEX -> new Parsed.Events(name, List.of(priceIndex(data, receivedAt)));
        };
    }

    /** The events of one ticker data object. */
    public List<MarketEvent> ticker(JsonNode d, Instant receivedAt) {
        String symbol = DeribitJson.text(d, "instrument_name", "ticker");
        Instant venueTime = Instant.ofEpochMilli(DeribitJson.integer(d, "timestamp", "ticker"));
        BigDecimal mark = DeribitJson.decimal(d, "mark_price", "ticker");
        if (isOption(symbol)) {
            JsonNode greeks = d.get("greeks");
            boolean hasGreeks = greeks != null && greeks.isObject();
            return List.of(new OptionTicker(VENUE, symbol, venueTime, receivedAt,
                    dec(d, "best_bid_price"), dec(d, "best_bid_amount"),
                    dec(d, "best_ask_price"), dec(d, "best_ask_amount"), mark,
                    dec(d, "bid_iv"), dec(d, "ask_iv"), dec(d, "mark_iv"),
                    hasGreeks ? dec(greeks, "delta") : null, hasGreeks ? dec(greeks, "gamma") : null,
                    hasGreeks ? dec(greeks, "vega") : null, hasGreeks ? dec(greeks, "theta") : null,
                    hasGreeks ? dec(greeks, "rho") : null,
                    dec(d, "open_interest"), dec(d, "underlying_price"),
                    DeribitJson.optionalText(d, "underlying_index")));
        }
        BigDecimal index = dec(d, "index_price");
        List<MarketEvent> out = new ArrayList<>(4);
        out.add(new MarkPrice(VENUE, symbol, venueTime, receivedAt, mark, index, dec(d, "estimated_delivery_price")));
        if (index != null) {
            out.add(new IndexPrice(VENUE, indexName(symbol), venueTime, receivedAt, index));
        }
        BigDecimal oi = dec(d, "open_interest");
        if (oi != null) {
            out.add(isLinear(symbol)
                    ? new OpenInterest(VENUE, symbol, venueTime, receivedAt, oi, oi, oi.multiply(mark))
                    : new OpenInterest(VENUE, symbol, venueTime, receivedAt, oi, divide(oi, mark), oi));
        }
        BigDecimal funding8h = dec(d, "funding_8h");
        if (isPerpetual(symbol) && funding8h != null) {
            out.add(new FundingRate(VENUE, symbol, venueTime, receivedAt, nextHour(venueTime), funding8h, null,
                    EIGHT_HOURS));
        }
        return out;
    }

    /** The events of one {@code trades} data array: a trade each, plus liquidations where flagged. */
    public List<MarketEvent> trades(JsonNode array, Instant receivedAt) {
        List<MarketEvent> out = new ArrayList<>(array.size());
        for (JsonNode t : array) {
            DeribitJson.object(t, "trades");
            String symbol = DeribitJson.text(t, "instrument_name", "trades");
            Instant venueTime = Instant.ofEpochMilli(DeribitJson.integer(t, "timestamp", "trades"));
            BigDecimal price = DeribitJson.decimal(t, "price", "trades");
            BigDecimal amount = DeribitJson.decimal(t, "amount", "trades");
            Side side = side(DeribitJson.text(t, "direction", "trades"));
            BigDecimal base;
            BigDecimal notional;
            if (isOption(symbol)) {
                BigDecimal index = dec(t, "index_price");
                base = amount;
                notional = index == null ? null : amount.multiply(index);
            } else if (isLinear(symbol)) {
                base = amount;
                notional = amount.multiply(price);
            } else {
                base = divide(amount, price);
                notional = amount;
            }
            boolean large = notional != null && thresholds.isLarge(baseAsset(symbol), notional);
            out.add(new Trade(VENUE, symbol, venueTime, receivedAt, DeribitJson.text(t, "trade_id", "trades"),
                    price, amount, base, notional, side, large));
            String liquidation = DeribitJson.optionalText(t, "liquidation");
            if (liquidation != null) {
                if (liquidation.contains("T")) {
                    out.add(new Liquidation(VENUE, symbol, venueTime, receivedAt, side, price, amount, base, notional));
                }
                if (liquidation.contains("M")) {
                    out.add(new Liquidation(VENUE, symbol, venueTime, receivedAt, opposite(side), price, amount,
                            base, notional));
                }
            }
        }
        return out;
    }

    public VolatilityIndex volatilityIndex(JsonNode data, Instant receivedAt) {
        DeribitJson.object(data, "deribit_volatility_index");
        return new VolatilityIndex(VENUE, DeribitJson.text(data, "index_name", "deribit_volatility_index"),
                Instant.ofEpochMilli(DeribitJson.integer(data, "timestamp", "deribit_volatility_index")), receivedAt,
                DeribitJson.decimal(data, "volatility", "deribit_volatility_index"));
    }

    public IndexPrice priceIndex(JsonNode data, Instant receivedAt) {
        DeribitJson.object(data, "deribit_price_index");
        return new IndexPrice(VENUE, DeribitJson.text(data, "index_name", "deribit_price_index"),
                Instant.ofEpochMilli(DeribitJson.integer(data, "timestamp", "deribit_price_index")), receivedAt,
                DeribitJson.decimal(data, "price", "deribit_price_index"));
    }

    public BookChange book(String channel, JsonNode d) {
        BookChangeType type = switch (DeribitJson.text(d, "type", "book")) {
            case "snapshot" -> BookChangeType.SNAPSHOT;
            case "change" -> BookChangeType.CHANGE;
            default -> throw VenueJson.missing("book", "type");
        };
        Long prev = DeribitJson.optionalInteger(d, "prev_change_id", "book");
        if (type == BookChangeType.CHANGE && prev == null) {
            throw VenueJson.missing("book", "prev_change_id");
        }
        return new BookChange(channel, DeribitJson.text(d, "instrument_name", "book"), type,
                DeribitJson.integer(d, "timestamp", "book"), DeribitJson.integer(d, "change_id", "book"), prev,
                entries(d.get("bids"), "bids"), entries(d.get("asks"), "asks"));
    }

    private static List<BookEntry> entries(JsonNode side, String field) {
        DeribitJson.array(side, "book " + field);
        List<BookEntry> out = new ArrayList<>(side.size());
        for (JsonNode e : side) {
            if (!e.isArray() || e.size() != 3 || !e.get(0).isString() || !e.get(1).isNumber()
                    || !e.get(2).isNumber()) {
                throw new MalformedFrameException("book: entry is not [action, price, amount]");
            }
            BookAction action = switch (e.get(0).stringValue()) {
                case "new" -> BookAction.NEW;
                case "change" -> BookAction.CHANGE;
                case "delete" -> BookAction.DELETE;
                default -> throw new MalformedFrameException("book: unknown entry action");
            };
            out.add(new BookEntry(action, e.get(1).decimalValue(), e.get(2).decimalValue()));
        }
        return out;
    }

    /** {@code BTC-27DEC24-100000-C} / {@code BTC_USDC-27DEC24-100000-P}: four dash parts ending in C or P. */
    static boolean isOption(String symbol) {
        String[] parts = symbol.split("-");
        return parts.length == 4 && (parts[3].equals("C") || parts[3].equals("P"));
    }

    static boolean isPerpetual(String symbol) {
        return symbol.endsWith("-PERPETUAL");
    }

    /** USDC/USDT-margined instruments carry the settlement currency in the name ({@code BTC_USDC-PERPETUAL}). */
    static boolean isLinear(String symbol) {
        int dash = symbol.indexOf('-');
        return symbol.substring(0, dash < 0 ? symbol.length() : dash).contains("_");
    }

    /** The base asset, upper case: {@code BTC} for {@code BTC-PERPETUAL}, {@code BTC_USDC-*} and BTC options. */
    static String baseAsset(String symbol) {
        int end = 0;
        while (end < symbol.length() && symbol.charAt(end) != '-' && symbol.charAt(end) != '_') {
            end++;
        }
        return symbol.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /** The price index of a future: {@code btc_usd} for {@code BTC-*}, {@code btc_usdc} for {@code BTC_USDC-*}. */
    static String indexName(String symbol) {
        int dash = symbol.indexOf('-');
        String prefix = (dash < 0 ? symbol : symbol.substring(0, dash)).toLowerCase(Locale.ROOT);
        return prefix.contains("_") ? prefix : prefix + "_usd";
    }

    static Instant nextHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }

    private static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? null : a.divide(b, MathContext.DECIMAL128);
    }

    private static BigDecimal dec(JsonNode obj, String field) {
        return DeribitJson.optionalDecimal(obj, field);
    }

    private static Side side(String direction) {
        return switch (direction) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> Side.UNKNOWN;
        };
    }

    private static Side opposite(Side side) {
        return switch (side) {
            case BUY -> Side.SELL;
            case SELL -> Side.BUY;
            case UNKNOWN -> Side.UNKNOWN;
        };
    }
}
