package io.basis.venue.deribit;

import io.basis.venue.VenueJson;

import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Builders for the Deribit {@code public/*} history requests Basis backfills with (reference §5), each usable as a
 * JSON-RPC 2.0 body (WebSocket, or HTTP POST) or as a REST GET path {@code /api/v2/public/<method>?<params>}
 * (reference §1). Pure string building.
 *
 * <p>Rate-limit cost: every one of these is a non-matching-engine request. Deribit's credit pool is a leaky bucket;
 * the third-party defaults quoted by the reference (§2, unconfirmed) are {@value #NON_MATCHING_ENGINE_COST} credits per
 * request, a {@value #CREDIT_POOL} credit pool and {@value #CREDIT_REFILL_PER_SECOND} credits/s refill (≈ 20 req/s
 * sustained). No method-specific cost is documented for these methods, so each constant below equals the default;
 * they exist so a caller's budget is per request and can be corrected in one place. Running out gives error
 * {@code 10028} ({@link DeribitApiException#isRateLimited()}) and the session is closed.
 */
public final class DeribitRequests {

    /** REST base path of API v2. */
    public static final String BASE_PATH = "/api/v2/";

    /** Default credits of a non-matching-engine request (reference §2, unconfirmed third-party default). */
    public static final int NON_MATCHING_ENGINE_COST = 500;
    /** Default credit pool (reference §2, unconfirmed). */
    public static final int CREDIT_POOL = 50_000;
    /** Default refill in credits per second (reference §2, unconfirmed). */
    public static final int CREDIT_REFILL_PER_SECOND = 10_000;

    public static final int BOOK_SUMMARY_COST = NON_MATCHING_ENGINE_COST;
    public static final int FUNDING_RATE_HISTORY_COST = NON_MATCHING_ENGINE_COST;
    public static final int CHART_DATA_COST = NON_MATCHING_ENGINE_COST;
    public static final int LAST_TRADES_COST = NON_MATCHING_ENGINE_COST;
    public static final int VOLATILITY_INDEX_COST = NON_MATCHING_ENGINE_COST;

    public static final int INSTRUMENTS_COST = NON_MATCHING_ENGINE_COST;
    public static final int ORDER_BOOK_COST = NON_MATCHING_ENGINE_COST;
    public static final int TICKER_COST = NON_MATCHING_ENGINE_COST;

    /** Largest {@code count} of {@code get_last_trades_by_instrument_and_time} (reference §5, unconfirmed). */
    public static final int MAX_TRADES_COUNT = 1000;

    public static final String BOOK_SUMMARY = "public/get_book_summary_by_currency";
    public static final String FUNDING_RATE_HISTORY = "public/get_funding_rate_history";
    public static final String CHART_DATA = "public/get_tradingview_chart_data";
    public static final String LAST_TRADES = "public/get_last_trades_by_instrument_and_time";
    public static final String VOLATILITY_INDEX = "public/get_volatility_index_data";
    /** Listed instruments; Deribit allows it 1 request per second (reference §2). */
    public static final String INSTRUMENTS = "public/get_instruments";
    public static final String ORDER_BOOK = "public/get_order_book";
    public static final String TICKER = "public/ticker";

    /**
     * One request: method, parameters in insertion order (values are {@link String}, {@link Long}, {@link Integer}
     * or {@link Boolean}) and its rate-limit cost in credits.
     */
    public record Request(String method, Map<String, Object> params, int cost) {
        public Request {
            Objects.requireNonNull(method, "method");
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** {@code {"jsonrpc":"2.0","id":<id>,"method":"public/..","params":{..}}}; numbers stay JSON numbers. */
        public String jsonRpc(long id) {
            ObjectNode root = VenueJson.mapper().createObjectNode();
            root.put("jsonrpc", "2.0");
            root.put("id", id);
            root.put("method", method);
            ObjectNode p = root.putObject("params");
            params.forEach((k, v) -> {
                switch (v) {
                    case Long l -> p.put(k, l);
                    case Integer i -> p.put(k, i);
                    case Boolean b -> p.put(k, b);
                    default -> p.put(k, v.toString());
                }
            });
            return VenueJson.mapper().writeValueAsString(root);
        }

        /** {@code /api/v2/public/<method>?k=v&...}, values URL-encoded (UTF-8). */
        public String path() {
            StringJoiner query = new StringJoiner("&");
            params.forEach((k, v) -> query.add(encode(k) + "=" + encode(v.toString())));
            return BASE_PATH + method + (params.isEmpty() ? "" : "?" + query);
        }
    }

    private DeribitRequests() {
    }

    /** {@code currency} ({@code BTC}, {@code ETH}, ...) and {@code kind} ({@code option}, {@code future}, ...). */
    public static Request bookSummaryByCurrency(String currency, String kind) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("currency", require(currency, "currency"));
        p.put("kind", require(kind, "kind"));
        return new Request(BOOK_SUMMARY, p, BOOK_SUMMARY_COST);
    }

    /** Listed instruments of {@code currency} and {@code kind}; {@code expired=true} gives recently expired ones. */
    public static Request instruments(String currency, String kind, boolean expired) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("currency", require(currency, "currency"));
        p.put("kind", require(kind, "kind"));
        p.put("expired", expired);
        return new Request(INSTRUMENTS, p, INSTRUMENTS_COST);
    }

    /** The order book of {@code instrument}, {@code depth} levels per side. */
    public static Request orderBook(String instrument, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instrument_name", require(instrument, "instrument_name"));
        p.put("depth", depth);
        return new Request(ORDER_BOOK, p, ORDER_BOOK_COST);
    }

    /** The ticker of {@code instrument} (greeks and IVs for options). */
    public static Request ticker(String instrument) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instrument_name", require(instrument, "instrument_name"));
        return new Request(TICKER, p, TICKER_COST);
    }

    /** Hourly funding rows of a perpetual in [start, end] (ms). */
    public static Request fundingRateHistory(String instrument, Instant start, Instant end) {
        Map<String, Object> p = window(instrument, start, end);
        return new Request(FUNDING_RATE_HISTORY, p, FUNDING_RATE_HISTORY_COST);
    }

    /** Candles in [start, end]; {@code resolution} in minutes ({@code "1"}) or {@code "1D"}. */
    public static Request chartData(String instrument, Instant start, Instant end, String resolution) {
        DeribitRest.candleInterval(resolution);
        Map<String, Object> p = window(instrument, start, end);
        p.put("resolution", resolution);
        return new Request(CHART_DATA, p, CHART_DATA_COST);
    }

    /** Up to {@code count} (1..{@value #MAX_TRADES_COUNT}) trades in [start, end], oldest first when ascending. */
    public static Request lastTradesByInstrumentAndTime(String instrument, Instant start, Instant end, int count,
                                                        boolean ascending) {
        if (count < 1 || count > MAX_TRADES_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_TRADES_COUNT + ": " + count);
        }
        Map<String, Object> p = window(instrument, start, end);
        p.put("count", count);
        p.put("sorting", ascending ? "asc" : "desc");
        return new Request(LAST_TRADES, p, LAST_TRADES_COST);
    }

    /** DVOL rows of {@code currency} in [start, end]; {@code resolution} in seconds ({@code "60"}) or {@code "1D"}. */
    public static Request volatilityIndexData(String currency, Instant start, Instant end, String resolution) {
        checkWindow(start, end);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("currency", require(currency, "currency"));
        p.put("start_timestamp", start.toEpochMilli());
        p.put("end_timestamp", end.toEpochMilli());
        p.put("resolution", require(resolution, "resolution"));
        return new Request(VOLATILITY_INDEX, p, VOLATILITY_INDEX_COST);
    }

    private static Map<String, Object> window(String instrument, Instant start, Instant end) {
        checkWindow(start, end);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instrument_name", require(instrument, "instrument_name"));
        p.put("start_timestamp", start.toEpochMilli());
        p.put("end_timestamp", end.toEpochMilli());
        return p;
    }

    private static void checkWindow(Instant start, Instant end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end before start: " + start + " > " + end);
        }
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
