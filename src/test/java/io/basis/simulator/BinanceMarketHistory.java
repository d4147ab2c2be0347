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
 * {@code limit} (the endpoint's default when absent). Ratio endpoints without rows answer {@code []}. A scripted
 * {@link #failNext failure} is answered instead of the next request(s) of a path. Thread-safe.
 */
public final class BinanceMarketHistory {
    public static final String KLINES = "/fapi/v1/klines";
    public static final String FUNDING_RATE = "/fapi/v1/fundingRate";
    public static final String OPEN_INTEREST_HIST = "/futures/data/openInterestHist";
    private static final List<String> RATIOS = List.of("/futures/data/globalLongShortAccountRatio",
            "/futures/data/topLongShortAccountRatio", "/futures/data/topLongShortPositionRatio",
            "/futures/data/takerlongshortRatio");

    private record Row(String symbol, long time, String json) {
    }

    private final Map<String, List<Row>> rows = new ConcurrentHashMap<>();
    private final Map<String, List<RestResponse>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    private BinanceMarketHistory() {
    }

    /** Routes the history endpoints of {@code rest} to a new, empty history. */
    public static BinanceMarketHistory install(RestSimulator rest) {
        BinanceMarketHistory h = new BinanceMarketHistory();
        h.route(rest, KLINES, 500);
        h.route(rest, FUNDING_RATE, 100);
        h.route(rest, OPEN_INTEREST_HIST, 30);
        RATIOS.forEach(p -> h.route(rest, p, 30));
        return h;
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

    private void route(RestSimulator rest, String path, int defaultLimit) {
        rest.on(path).respondWith(request -> {
            List<RestResponse> failing = failures.get(path);
            if (failing != null && !failing.isEmpty()) {
                return failing.removeFirst();
            }
            String symbol = request.param("symbol");
            long start = longParam(request, "startTime", Long.MIN_VALUE);
            long end = longParam(request, "endTime", Long.MAX_VALUE);
            int limit = (int) longParam(request, "limit", defaultLimit);
            List<Row> page = new ArrayList<>(rows.getOrDefault(path, List.of()).stream()
                    .filter(r -> r.symbol.equals(symbol) && r.time >= start && r.time <= end)
                    .sorted(Comparator.comparingLong(Row::time)).limit(limit).toList());
            served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return BinanceResponses.ok("[" + String.join(",", page.stream().map(Row::json).toList()) + "]", 1);
        });
    }

    private static long longParam(RecordedRequest request, String name, long absent) {
        String v = request.param(name);
        return v == null ? absent : Long.parseLong(v);
    }
}
