package io.basis.venue.deribit;

import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import io.basis.model.BookSnapshot;
import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.Liquidation;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.PriceLevel;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Deribit JSON-RPC REST replies of the {@code public/*} history methods → wire records and normalized events
 * (reference {@code /work/shared/venues/deribit.md} §1, §4.3–§4.7, §5). Pure: body bytes (the whole reply
 * {@code {"jsonrpc":"2.0","result":..,"usIn":..,"usOut":..,"usDiff":..,"testnet":false}}) and receive time in,
 * records out; no I/O, no clock, safe on any thread. Decimals are exact from the token text.
 *
 * <p>A reply with {@code error:{code,message}} throws {@link DeribitApiException}; an unparsable body, a missing
 * {@code result} or a missing/mistyped field throws {@link MalformedFrameException}.
 *
 * <ul>
 * <li>{@code get_book_summary_by_currency} → {@link DeribitBookSummary} per element (top-N selection:
 *     {@link DeribitBookSummary#topByOpenInterest}).</li>
 * <li>{@code get_funding_rate_history} → one settled {@link FundingRate} per hourly row: rate = {@code interest_8h}
 *     (the trailing 8-hour rate, the same figure as the live ticker's {@code funding_8h} the WebSocket parser maps, so
 *     live and history rows share key and meaning); fundingTime = venueTime = {@code timestamp} (ms, the hour the row
 *     settles); interval = 8 h; predictedRate = null. {@code interest_1h} (the rate realised in that hour) and the
 *     index prices are not mapped.</li>
 * <li>{@code get_tradingview_chart_data} → {@link Candle} per column index: venueTime = {@code ticks[i]} (bar open),
 *     open/high/low/close, volume = {@code volume} (coin), quoteVolume = {@code cost} (USD for inverse),
 *     tradeCount = null, interval from the requested resolution; closed when open + interval ≤ the server time
 *     ({@code usOut}, else receivedAt), so the still-forming last bar is not closed. {@code status: no_data} → empty.
 *     </li>
 * <li>{@code get_last_trades_by_instrument_and_time} ({@code {trades:[..], has_more}}) → {@link Trade}s and
 *     {@link Liquidation}s with exactly the WebSocket mapping ({@link DeribitParser#trades}).</li>
 * <li>{@code get_order_book} → one stand-alone {@link BookSnapshot}: sequence = {@code change_id}, venueTime =
 *     {@code timestamp}, levels {@code [price, amount]} best first (amounts as in the book channel: USD for inverse,
 *     coin for options), at most the requested depth per side.</li>
 * <li>{@code ticker} → the events of the WebSocket ticker mapping ({@link DeribitParser#ticker}): an
 *     {@link io.basis.model.OptionTicker} for an option, mark/index/open interest (and funding for perpetuals)
 *     otherwise.</li>
 * <li>book summary → {@link OpenInterest} per instrument ({@link #openInterest}).</li>
 * <li>{@code get_volatility_index_data} ({@code {data:[[ts, open, high, low, close]..], continuation}}) →
 *     {@link VolatilityIndex} per row: value = close (the DVOL level at the end of the row's bar), venueTime = the
 *     row's timestamp as sent, symbol = {@code <currency>_usd} lower-case ({@code btc_usd}, the index name of the
 *     {@code deribit_volatility_index} channel).</li>
 * </ul>
 */
public final class DeribitRest {

    private static final DeribitParser PARSER = new DeribitParser();

    /**
     * Trades of one page in the reply's order, each {@link Trade} directly followed by the {@link Liquidation}s its
     * flag gives; {@code hasMore} = {@code has_more} (more trades in the window: page on).
     */
    public record TradesPage(List<MarketEvent> events, boolean hasMore) {
        public TradesPage {
            events = List.copyOf(events);
        }

        public List<Trade> trades() {
            return events.stream().filter(Trade.class::isInstance).map(Trade.class::cast).toList();
        }

        public List<Liquidation> liquidations() {
            return events.stream().filter(Liquidation.class::isInstance).map(Liquidation.class::cast).toList();
        }
    }

    /** DVOL values of one page; {@code continuation} = the reply's token (ms) to page on, null when done. */
    public record VolatilityPage(List<VolatilityIndex> values, Long continuation) {
        public VolatilityPage {
            values = List.copyOf(values);
        }
    }

    private DeribitRest() {
    }

    /** {@code public/get_book_summary_by_currency}. */
    public static List<DeribitBookSummary> bookSummary(byte[] body) {
        String what = "get_book_summary_by_currency";
        JsonNode result = DeribitJson.array(result(body, what).get("result"), what);
        List<DeribitBookSummary> out = new ArrayList<>(result.size());
        for (JsonNode s : result) {
            DeribitJson.object(s, what);
            Long created = DeribitJson.optionalInteger(s, "creation_timestamp", what);
            out.add(new DeribitBookSummary(DeribitJson.text(s, "instrument_name", what),
                    created == null ? null : Instant.ofEpochMilli(created),
                    dec(s, "open_interest"), dec(s, "volume"), dec(s, "volume_usd"), dec(s, "mark_price"),
                    dec(s, "mark_iv"), dec(s, "underlying_price"), dec(s, "bid_price"), dec(s, "ask_price")));
        }
        return out;
    }

    /** {@code public/get_order_book}: the best {@code depth} levels per side. */
    public static BookSnapshot orderBook(byte[] body, int depth, Instant receivedAt) {
        String what = "get_order_book";
        Objects.requireNonNull(receivedAt, "receivedAt");
        JsonNode r = DeribitJson.object(result(body, what).get("result"), what);
        return new BookSnapshot(DeribitParser.VENUE, DeribitJson.text(r, "instrument_name", what),
                Instant.ofEpochMilli(DeribitJson.integer(r, "timestamp", what)), receivedAt,
                DeribitJson.integer(r, "change_id", what), levels(r.get("bids"), depth, what + " bids"),
                levels(r.get("asks"), depth, what + " asks"));
    }

    /** {@code public/ticker}: the same events as a {@code ticker.*} notification. */
    public static List<MarketEvent> ticker(byte[] body, Instant receivedAt) {
        String what = "ticker";
        Objects.requireNonNull(receivedAt, "receivedAt");
        return PARSER.ticker(DeribitJson.object(result(body, what).get("result"), what), receivedAt);
    }

    /**
     * Open interest of one book-summary element at its {@code creation_timestamp} (else receivedAt), in the ticker
     * mapping's units: options in coin (baseAmount = amount, notional = amount × {@code underlying_price}), inverse
     * futures in USD (notional = amount, baseAmount = amount / mark), linear in base coin (notional = amount ×
     * mark). Null when the summary has no open interest.
     */
    public static OpenInterest openInterest(DeribitBookSummary s, Instant receivedAt) {
        BigDecimal oi = s.openInterest();
        if (oi == null) {
            return null;
        }
        Instant at = s.creationTime() == null ? receivedAt : s.creationTime();
        String name = s.instrumentName();
        BigDecimal mark = s.markPrice();
        if (DeribitParser.isOption(name)) {
            return new OpenInterest(DeribitParser.VENUE, name, at, receivedAt, oi, oi,
                    s.underlyingPrice() == null ? null : oi.multiply(s.underlyingPrice()));
        }
        if (DeribitParser.isLinear(name)) {
            return new OpenInterest(DeribitParser.VENUE, name, at, receivedAt, oi, oi,
                    mark == null ? null : oi.multiply(mark));
        }
        return new OpenInterest(DeribitParser.VENUE, name, at, receivedAt, oi,
                mark == null || mark.signum() == 0 ? null : oi.divide(mark, MathContext.DECIMAL128), oi);
    }

    /** Throws {@link DeribitApiException} when the body is a JSON-RPC error reply; checks nothing else. */
    public static void checkError(byte[] body, String what) {
        result(body, what);
    }

    /** As {@link DeribitBookSummary#topByOpenInterest}. */
    public static List<DeribitBookSummary> topByOpenInterest(List<DeribitBookSummary> summaries, int n) {
        return DeribitBookSummary.topByOpenInterest(summaries, n);
    }

    /** {@code public/get_funding_rate_history} of {@code instrument} (the result rows do not name it). */
    public static List<FundingRate> fundingRateHistory(byte[] body, String instrument, Instant receivedAt) {
        String what = "get_funding_rate_history";
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(receivedAt, "receivedAt");
        JsonNode result = DeribitJson.array(result(body, what).get("result"), what);
        List<FundingRate> out = new ArrayList<>(result.size());
        for (JsonNode r : result) {
            DeribitJson.object(r, what);
            Instant t = Instant.ofEpochMilli(DeribitJson.integer(r, "timestamp", what));
            out.add(new FundingRate(DeribitParser.VENUE, instrument, t, receivedAt, t,
                    DeribitJson.decimal(r, "interest_8h", what), null, Duration.ofHours(8)));
        }
        return out;
    }

    /** {@code public/get_tradingview_chart_data} of {@code instrument} at {@code resolution} (as requested). */
    public static List<Candle> chartData(byte[] body, String instrument, String resolution, Instant receivedAt) {
        String what = "get_tradingview_chart_data";
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Duration interval = candleInterval(resolution);
        JsonNode root = result(body, what);
        JsonNode r = DeribitJson.object(root.get("result"), what);
        String status = DeribitJson.text(r, "status", what);
        if (status.equals("no_data")) {
            return List.of();
        }
        if (!status.equals("ok")) {
            throw new MalformedFrameException(what + ": unknown status");
        }
        Instant now = serverTime(root, receivedAt, what);
        JsonNode ticks = DeribitJson.array(r.get("ticks"), what + " ticks");
        String[] columns = {"open", "high", "low", "close", "volume", "cost"};
        for (String c : columns) {
            if (DeribitJson.array(r.get(c), what + " " + c).size() != ticks.size()) {
                throw new MalformedFrameException(what + ": column '" + c + "' length differs from ticks");
            }
        }
        List<Candle> out = new ArrayList<>(ticks.size());
        for (int i = 0; i < ticks.size(); i++) {
            JsonNode tick = ticks.get(i);
            if (!tick.isIntegralNumber() || !tick.canConvertToLong()) {
                throw VenueJson.missing(what, "ticks");
            }
            Instant open = Instant.ofEpochMilli(tick.longValue());
            out.add(new Candle(DeribitParser.VENUE, instrument, open, receivedAt, interval,
                    at(r, "open", i, what), at(r, "high", i, what), at(r, "low", i, what), at(r, "close", i, what),
                    at(r, "volume", i, what), at(r, "cost", i, what), null, !open.plus(interval).isAfter(now)));
        }
        return out;
    }

    /** As {@link #lastTrades(byte[], Instant, DeribitParser)} with the default large-trade thresholds. */
    public static TradesPage lastTrades(byte[] body, Instant receivedAt) {
        return lastTrades(body, receivedAt, PARSER);
    }

    /**
     * {@code public/get_last_trades_by_instrument_and_time} (also fits the other {@code get_last_trades_*}), each
     * trade as {@code parser} reads the WebSocket's (its thresholds flag large trades).
     */
    public static TradesPage lastTrades(byte[] body, Instant receivedAt, DeribitParser parser) {
        String what = "get_last_trades_by_instrument_and_time";
        Objects.requireNonNull(receivedAt, "receivedAt");
        JsonNode r = DeribitJson.object(result(body, what).get("result"), what);
        JsonNode hasMore = r.get("has_more");
        if (hasMore != null && !hasMore.isNull() && !hasMore.isBoolean()) {
            throw VenueJson.missing(what, "has_more");
        }
        return new TradesPage(parser.trades(DeribitJson.array(r.get("trades"), what + " trades"), receivedAt),
                hasMore != null && hasMore.asBoolean());
    }

    /** {@code public/get_volatility_index_data} of {@code currency} ({@code BTC}, {@code ETH}). */
    public static VolatilityPage volatilityIndex(byte[] body, String currency, Instant receivedAt) {
        String what = "get_volatility_index_data";
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(receivedAt, "receivedAt");
        String symbol = currency.toLowerCase(Locale.ROOT) + "_usd";
        JsonNode r = DeribitJson.object(result(body, what).get("result"), what);
        JsonNode data = DeribitJson.array(r.get("data"), what + " data");
        List<VolatilityIndex> out = new ArrayList<>(data.size());
        for (JsonNode row : data) {
            if (!row.isArray() || row.size() != 5 || !row.get(0).isIntegralNumber() || !row.get(0).canConvertToLong()
                    || !row.get(4).isNumber()) {
                throw new MalformedFrameException(what + ": row is not [timestamp, open, high, low, close]");
            }
            out.add(new VolatilityIndex(DeribitParser.VENUE, symbol, Instant.ofEpochMilli(row.get(0).longValue()),
                    receivedAt, row.get(4).decimalValue()));
        }
        return new VolatilityPage(out, DeribitJson.optionalInteger(r, "continuation", what));
    }

    /**
     * The bar length of a chart resolution: minutes ({@code 1 3 5 10 15 30 60 120 180 360 720}) or {@code 1D}
     * (reference §4.6).
     */
    public static Duration candleInterval(String resolution) {
        Objects.requireNonNull(resolution, "resolution");
        return switch (resolution) {
            case "1", "3", "5", "10", "15", "30", "60", "120", "180", "360", "720" ->
                    Duration.ofMinutes(Long.parseLong(resolution));
            case "1D" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("unknown Deribit chart resolution: " + resolution);
        };
    }

    /** The reply object, checked for an error; {@link DeribitApiException} on {@code error}. */
    static JsonNode result(byte[] body, String what) {
        Objects.requireNonNull(body, "body");
        JsonNode root = DeribitJson.object(VenueJson.tree(body, what), what);
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            DeribitJson.object(error, what + " error");
            JsonNode message = error.get("message");
            JsonNode data = error.get("data");
            String reason = data != null && data.isObject() ? DeribitJson.optionalText(data, "reason") : null;
            throw new DeribitApiException(what, (int) DeribitJson.integer(error, "code", what + " error"),
                    message != null && message.isString() ? message.stringValue() : "", reason);
        }
        if (!root.has("result")) {
            throw VenueJson.missing(what, "result");
        }
        return root;
    }

    private static Instant serverTime(JsonNode root, Instant receivedAt, String what) {
        Long usOut = DeribitJson.optionalInteger(root, "usOut", what);
        return usOut == null ? receivedAt : Instant.EPOCH.plusNanos(usOut * 1_000L);
    }

    private static List<PriceLevel> levels(JsonNode side, int depth, String what) {
        DeribitJson.array(side, what);
        List<PriceLevel> out = new ArrayList<>(Math.min(depth, side.size()));
        for (JsonNode l : side) {
            if (out.size() == depth) {
                break;
            }
            if (!l.isArray() || l.size() != 2 || !l.get(0).isNumber() || !l.get(1).isNumber()) {
                throw new MalformedFrameException(what + ": level is not [price, amount]");
            }
            out.add(new PriceLevel(l.get(0).decimalValue(), l.get(1).decimalValue()));
        }
        return out;
    }

    private static BigDecimal at(JsonNode columns, String column, int i, String what) {
        JsonNode v = columns.get(column).get(i);
        if (v == null || !v.isNumber()) {
            throw VenueJson.missing(what, column);
        }
        return v.decimalValue();
    }

    private static BigDecimal dec(JsonNode obj, String field) {
        return DeribitJson.optionalDecimal(obj, field);
    }
}
