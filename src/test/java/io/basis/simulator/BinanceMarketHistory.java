package io.basis.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binance USD-M history endpoints for the {@link RestSimulator} ({@code shared/venues/binance-usdm.md} §6): klines,
 * fundingRate, openInterestHist and the four {@code /futures/data} ratio endpoints answer from rows a test adds,
 * as Binance does: rows of the {@code symbol} with {@code startTime <= time <= endTime}, ascending, at most
 * {@code limit} (the endpoint's default when absent, {@code -1130} above its maximum: 1500, 1000, 500) - the oldest
 * of a larger range for klines and fundingRate, the newest for {@code /futures/data}. Ratio endpoints without rows
 * answer {@code []}. A scripted
 * {@link #failNext failure} is answered instead of the next request(s) of a path. {@code aggTrades} answers from
 * {@link #aggTrade aggregate trades} by {@code fromId} or a time window under one hour ({@code -1127} otherwise).
 * Thread-safe.
 */
public final class BinanceMarketHistory {
    public static final String KLINES = "/fapi/v1/klines";
    public static final String FUNDING_RATE = "/fapi/v1/fundingRate";
    public static final String OPEN_INTEREST_HIST = "/futures/data/openInterestHist";
    public static final String AGG_TRADES = "/fapi/v1/aggTrades";
    private static final List<String> RATIOS = List.of("/futures/data/globalLongShortAccountRatio",
            "/futures/data/topLongShortAccountRatio", "/futures/data/topLongShortPositionRatio",
            "/futures/data/takerlongshortRatio");

    private record Row(String symbol, long time, String json) {
    }

    private record AggRow(String symbol, long id, long time, String json) {
    }

    private final List<AggRow> aggTrades = new CopyOnWriteArrayList<>();

    private final Map<String, List<Row>> rows = new ConcurrentHashMap<>();
    private final Map<String, List<RestResponse>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    private BinanceMarketHistory() {
    }

    /** Routes the history endpoints of {@code rest} to a new, empty history. */
    public static BinanceMarketHistory install(RestSimulator rest) {
        BinanceMarketHistory h = new BinanceMarketHistory();
        h.route(rest, KLINES, 500, 1500, false);
        h.route(rest, FUNDING_RATE, 100, 1000, false);
        h.route(rest, OPEN_INTEREST_HIST, 30, 500, true);
        RATIOS.forEach(p -> h.route(rest, p, 30, 500, true));
        h.routeAggTrades(rest);
        return h;
    }

    /**
     * An aggregate trade {@code id} at {@code millis}, the fields Binance's {@code aggTrades} rows carry ({@code m}:
     * buyer is maker). Served by {@code fromId} (ids from it on) or a {@code startTime}..{@code endTime} window
     * (inclusive) that must be under one hour, else 400 {@code -1127}; without either, the latest rows; ascending
     * by id, at most {@code limit} (default 500, max 1000).
     */
    public BinanceMarketHistory aggTrade(String symbol, long id, long millis, String price, String quantity,
                                         boolean buyerMaker) {
        aggTrades.add(new AggRow(symbol, id, millis, "{\"a\":" + id + ",\"p\":\"" + price + "\",\"q\":\"" + quantity
                + "\",\"f\":" + (id * 10) + ",\"l\":" + (id * 10 + 1) + ",\"T\":" + millis + ",\"m\":" + buyerMaker
                + "}"));
        return this;
    }

    private void routeAggTrades(RestSimulator rest) {
        rest.on(AGG_TRADES).respondWith(request -> {
            List<RestResponse> failing = failures.get(AGG_TRADES);
            if (failing != null && !failing.isEmpty()) {
                return failing.removeFirst();
            }
            String symbol = request.param("symbol");
            String fromId = request.param("fromId");
            String startParam = request.param("startTime");
            String endParam = request.param("endTime");
            int limit = (int) longParam(request, "limit", 500);
            if (limit < 1 || limit > 1000) {
                return BinanceResponses.error(400, -1130, "Data sent for paramter 'limit' is not valid.");
            }
            long start = startParam == null ? Long.MIN_VALUE : Long.parseLong(startParam);
            long end = endParam == null ? Long.MAX_VALUE : Long.parseLong(endParam);
            if (startParam != null && endParam != null && end - start >= 3_600_000L) {
                return BinanceResponses.error(400, -1127, "More than 1 hours between startTime and endTime.");
            }
            long from = fromId == null ? Long.MIN_VALUE : Long.parseLong(fromId);
            List<AggRow> matching = aggTrades.stream()
                    .filter(r -> r.symbol.equals(symbol) && r.id >= from && r.time >= start && r.time <= end)
                    .sorted(Comparator.comparingLong(AggRow::id)).toList();
            List<AggRow> page = fromId == null && startParam == null && endParam == null
                    ? matching.subList(Math.max(0, matching.size() - limit), matching.size())
                    : matching.subList(0, Math.min(limit, matching.size()));
            served.computeIfAbsent(AGG_TRADES, p -> new AtomicInteger()).incrementAndGet();
            return BinanceResponses.ok("[" + String.join(",", page.stream().map(AggRow::json).toList()) + "]", 20);
        });
    }

    /** A closed 1-minute kline opening at {@code openMillis}. */
    public BinanceMarketHistory kline(String symbol, long openMillis, String close) {
        return add(KLINES, symbol, openMillis, "[" + openMillis + ",\"100\",\"110\",\"90\",\"" + close + "\",\"5\","
                + (openMillis + 59_999) + ",\"500\",7,\"1\",\"100\",\"0\"]");
    }

    /** A settled funding rate at {@code fundingMillis}. */
    public BinanceMarketHistory funding(String symbol, long fundingMillis, String rate) {
        return add(FUNDING_RATE, symbol, fundingMillis, "{\"symbol\":\"" + symbol + "\",\"fundingRate\":\"" + rate
                + "\",\"fundingTime\":" + fundingMillis + ",\"markPrice\":\"100000\"}");
    }

    /** A 5-minute open-interest statistic at {@code millis}. */
    public BinanceMarketHistory openInterest(String symbol, long millis, String amount) {
        return add(OPEN_INTEREST_HIST, symbol, millis, "{\"symbol\":\"" + symbol + "\",\"sumOpenInterest\":\"" + amount
                + "\",\"sumOpenInterestValue\":\"" + amount + "00\",\"timestamp\":" + millis + "}");
    }

    /** Answers the next requests of {@code path} with {@code responses}, one each, before serving rows again. */
    public void failNext(String path, RestResponse... responses) {
        failures.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).addAll(List.of(responses));
    }

    /** Requests of {@code path} answered with rows so far. */
    public int served(String path) {
        AtomicInteger n = served.get(path);
        return n == null ? 0 : n.get();
    }

    private BinanceMarketHistory add(String path, String symbol, long time, String json) {
        rows.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Row(symbol, time, json));
        return this;
    }

    /**
     * @param endAnchored a range holding more than {@code limit} rows answers its newest ones (the
     *                    {@code /futures/data} endpoints), else its oldest (klines, fundingRate: "startTime + limit")
     */
    private void route(RestSimulator rest, String path, int defaultLimit, int maxLimit, boolean endAnchored) {
        rest.on(path).respondWith(request -> {
            List<RestResponse> failing = failures.get(path);
            if (failing != null && !failing.isEmpty()) {
                return failing.removeFirst();
            }
            String symbol = request.param("symbol");
            long start = longParam(request, "startTime", Long.MIN_VALUE);
            long end = longParam(request, "endTime", Long.MAX_VALUE);
            int limit = (int) longParam(request, "limit", defaultLimit);
            if (limit < 1 || limit > maxLimit) {
                return BinanceResponses.error(400, -1130, "Data sent for parameter 'limit' is not valid.");
            }
            List<Row> matching = rows.getOrDefault(path, List.of()).stream()
                    .filter(r -> r.symbol.equals(symbol) && r.time >= start && r.time <= end)
                    .sorted(Comparator.comparingLong(Row::time)).toList();
            List<Row> page = new ArrayList<>(endAnchored
                    ? matching.subList(Math.max(0, matching.size() - limit), matching.size())
                    : matching.subList(0, Math.min(limit, matching.size())));
            served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return BinanceResponses.ok("[" + String.join(",", page.stream().map(Row::json).toList()) + "]", 1);
        });
    }

    private static long longParam(RecordedRequest request, String name, long absent) {
        String v = request.param(name);
        return v == null ? absent : Long.parseLong(v);
    }
}
