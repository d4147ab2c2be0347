package io.basis.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * The {@code public/*} data methods of the simulated Deribit, answered from its {@link DeribitMarket}, shared by
 * REST ({@code GET /api/v2/public/<method>?..}, installed by {@link #install}) and WebSocket JSON-RPC (reference
 * §1, §3, §4.3–§4.7, §5): {@code get_instruments}, {@code get_book_summary_by_currency}, {@code get_order_book},
 * {@code ticker}, {@code get_funding_rate_history}, {@code get_tradingview_chart_data},
 * {@code get_last_trades_by_instrument_and_time}, {@code get_volatility_index_data}, {@code get_index_price},
 * {@code get_time}, {@code test}. {@code currency} selects by settlement currency, as on the venue: {@code BTC} gives
 * the inverse {@code BTC-*} instruments, {@code USDC} the linear {@code BTC_USDC-*}, {@code SOL_USDC-*}, ... A
 * missing parameter gives {@code -32602 Invalid params}; an unknown or expired
 * instrument {@code 10020}; a scripted rate limit {@code 10028}. Stateless apart from the market; thread-safe.
 */
final class DeribitMethods {
    /** Every method served over REST. */
    static final List<String> METHODS = List.of("public/get_instruments", "public/get_book_summary_by_currency",
            "public/get_order_book", "public/ticker", "public/get_funding_rate_history",
            "public/get_tradingview_chart_data", "public/get_last_trades_by_instrument_and_time",
            "public/get_volatility_index_data", "public/get_index_price", "public/get_time", "public/test");
    private static final Set<String> RESOLUTIONS = Set.of("1", "3", "5", "10", "15", "30", "60", "120", "180", "360",
            "720", "1D");
    private static final int VOLATILITY_PAGE = 1000;

    /** A result, or an error with the HTTP status a REST client would see. */
    record Outcome(Object result, int code, String message, JsonNode data, int httpStatus) {
        static Outcome of(Object result) {
            return new Outcome(result, 0, null, null, 200);
        }

        static Outcome error(int code, String message, JsonNode data, int httpStatus) {
            return new Outcome(null, code, message, data, httpStatus);
        }

        boolean isError() {
            return message != null;
        }

        String reply(JsonNode id, long usIn) {
            return isError() ? DeribitResponses.error(id, code, message, data, usIn)
                    : DeribitResponses.result(id, result, usIn);
        }
    }

    /** A request parameter that is missing or invalid. */
    private static final class BadParam extends RuntimeException {
        private final transient Outcome outcome;

        BadParam(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private final DeribitMarket market;

    DeribitMethods(DeribitMarket market) {
        this.market = market;
    }

    /** Serves every {@link #METHODS method} on {@code rest} under {@code /api/v2/}. */
    void install(RestSimulator rest) {
        for (String method : METHODS) {
            rest.on("/api/v2/" + method).respondWith(request -> {
                ObjectNode params = JSON.createObjectNode();
                for (Map.Entry<String, List<String>> p : request.params().entrySet()) {
                    params.put(p.getKey(), p.getValue().getFirst());
                }
                Outcome outcome = call(method, params);
                return RestResponse.status(outcome.httpStatus(), outcome.reply(null, market.micros()));
            });
        }
    }

    boolean serves(String method) {
        return METHODS.contains(method);
    }

    /** Answers {@code method}; params are JSON values (WebSocket) or strings (REST query). */
    Outcome call(String method, JsonNode params) {
        if (market.takeRateLimit(method)) {
            return Outcome.error(DeribitResponses.TOO_MANY_REQUESTS, "too_many_requests", null,
                    market.rateLimitStatus());
        }
        try {
            return switch (method) {
                case "public/get_instruments" -> Outcome.of(instruments(params));
                case "public/get_book_summary_by_currency" -> Outcome.of(summaries(params));
                case "public/get_order_book" -> Outcome.of(orderBook(params));
                case "public/ticker" -> Outcome.of(instrument(params).tickerJson(market.now()));
                case "public/get_funding_rate_history" -> Outcome.of(fundingHistory(params));
                case "public/get_tradingview_chart_data" -> Outcome.of(chart(params));
                case "public/get_last_trades_by_instrument_and_time" -> Outcome.of(lastTrades(params));
                case "public/get_volatility_index_data" -> Outcome.of(volatility(params));
                case "public/get_index_price" -> Outcome.of(indexPrice(params));
                case "public/get_time" -> Outcome.of(market.now());
                case "public/test" -> Outcome.of(JSON.createObjectNode().put("version", "1.2.26"));
                default -> Outcome.error(DeribitResponses.METHOD_NOT_FOUND, "Method not found", null, 400);
            };
        } catch (BadParam e) {
            return e.outcome;
        }
    }

    private ArrayNode instruments(JsonNode p) {
        String currency = text(p, "currency");
        String kind = optional(p, "kind");
        boolean expired = "true".equals(optional(p, "expired"));
        ArrayNode out = JSON.createArrayNode();
        for (DeribitListing l : expired ? market.expiredListings() : market.listings()) {
            if (matches(l, currency, kind)) {
                out.add(l.instrumentJson());
            }
        }
        return out;
    }

    private ArrayNode summaries(JsonNode p) {
        String currency = text(p, "currency");
        String kind = optional(p, "kind");
        ArrayNode out = JSON.createArrayNode();
        long now = market.now();
        for (DeribitListing l : market.listings()) {
            if (matches(l, currency, kind)) {
                out.add(l.summaryJson(now));
            }
        }
        return out;
    }

    private ObjectNode orderBook(JsonNode p) {
        DeribitListing l = instrument(p);
        String depthText = optional(p, "depth");
        int depth = depthText == null ? 20 : Integer.parseInt(depthText);
        synchronized (market.lock()) {
            DeribitBook book = market.book(l.name());
            ObjectNode r = l.tickerJson(market.now());
            r.put("change_id", book.changeId());
            r.set("bids", book.plain(true, depth));
            r.set("asks", book.plain(false, depth));
            for (boolean bid : new boolean[]{true, false}) {
                Map.Entry<BigDecimal, BigDecimal> best = book.best(bid);
                if (best != null) {
                    r.put(bid ? "best_bid_price" : "best_ask_price", best.getKey());
                    r.put(bid ? "best_bid_amount" : "best_ask_amount", best.getValue());
                }
            }
            return r;
        }
    }

    private ArrayNode fundingHistory(JsonNode p) {
        DeribitListing l = instrument(p);
        ArrayNode out = JSON.createArrayNode();
        market.history().fundingRows(l.name(), millis(p, "start_timestamp"), millis(p, "end_timestamp"))
                .forEach(out::add);
        return out;
    }

    private ObjectNode chart(JsonNode p) {
        DeribitListing l = instrument(p);
        String resolution = text(p, "resolution");
        if (!RESOLUTIONS.contains(resolution)) {
            throw invalid("must be one of the following: 1, 3, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1D",
                    "resolution");
        }
        List<ArrayNode> bars = market.history().candles(l.name(), millis(p, "start_timestamp"),
                millis(p, "end_timestamp"));
        ObjectNode r = JSON.createObjectNode();
        String[] columns = {"volume", "ticks", "status", "open", "low", "high", "cost", "close"};
        int[] index = {5, 0, -1, 1, 3, 2, 6, 4};
        for (int c = 0; c < columns.length; c++) {
            if (index[c] < 0) {
                r.put("status", bars.isEmpty() ? "no_data" : "ok");
                continue;
            }
            ArrayNode column = r.putArray(columns[c]);
            for (ArrayNode bar : bars) {
                column.add(bar.get(index[c]));
            }
        }
        return r;
    }

    private ObjectNode lastTrades(JsonNode p) {
        DeribitListing l = instrument(p);
        String countText = optional(p, "count");
        int count = countText == null ? 10 : Integer.parseInt(countText);
        boolean ascending = "asc".equals(optional(p, "sorting"));
        List<ObjectNode> all = new ArrayList<>(market.history().trades(l.name(), millis(p, "start_timestamp"),
                millis(p, "end_timestamp")));
        // trade order (time, then trade_seq); descending is its exact reverse, also within one millisecond
        Comparator<ObjectNode> byTime = Comparator.<ObjectNode>comparingLong(t -> t.get("timestamp").longValue())
                .thenComparingLong(t -> t.get("trade_seq").longValue());
        all.sort(ascending ? byTime : byTime.reversed());
        ObjectNode r = JSON.createObjectNode();
        ArrayNode trades = r.putArray("trades");
        all.stream().limit(count).forEach(trades::add);
        r.put("has_more", all.size() > count);
        return r;
    }

    private ObjectNode volatility(JsonNode p) {
        String currency = text(p, "currency").toUpperCase(Locale.ROOT);
        text(p, "resolution");
        List<ArrayNode> rows = market.history().volatilityRows(currency, millis(p, "start_timestamp"),
                millis(p, "end_timestamp"));
        ObjectNode r = JSON.createObjectNode();
        ArrayNode data = r.putArray("data");
        List<ArrayNode> page = rows.subList(Math.max(0, rows.size() - VOLATILITY_PAGE), rows.size());
        page.forEach(data::add);
        if (rows.size() > VOLATILITY_PAGE) {
            r.put("continuation", page.getFirst().get(0).longValue() - 1);
        } else {
            r.putNull("continuation");
        }
        return r;
    }

    private ObjectNode indexPrice(JsonNode p) {
        String index = text(p, "index_name");
        BigDecimal price = market.listings().stream().filter(l -> l.priceIndex().equals(index))
                .map(DeribitListing::indexPrice).findFirst()
                .orElseThrow(() -> invalid("invalid index name", "index_name"));
        return JSON.createObjectNode().put("index_price", price).put("estimated_delivery_price", price);
    }

    private DeribitListing instrument(JsonNode p) {
        String name = text(p, "instrument_name");
        return market.find(name).orElseThrow(() -> new BadParam(Outcome.error(
                DeribitResponses.UNSUPPORTED_INSTRUMENT, "invalid_or_unsupported_instrument", null, 400)));
    }

    private static boolean matches(DeribitListing l, String currency, String kind) {
        return (currency.equalsIgnoreCase("any") || currency.equalsIgnoreCase(l.settlementCurrency()))
                && (kind == null || kind.equals(l.kind()));
    }

    private static String text(JsonNode p, String name) {
        String value = optional(p, name);
        if (value == null) {
            throw invalid("required", name);
        }
        return value;
    }

    private static String optional(JsonNode p, String name) {
        JsonNode v = p == null ? null : p.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static long millis(JsonNode p, String name) {
        try {
            return Long.parseLong(text(p, name));
        } catch (NumberFormatException e) {
            throw invalid("must be an integer", name);
        }
    }

    private static BadParam invalid(String reason, String param) {
        ObjectNode data = JSON.createObjectNode().put("reason", reason).put("param", param);
        return new BadParam(Outcome.error(DeribitResponses.INVALID_PARAMS, "Invalid params", data, 400));
    }
}
