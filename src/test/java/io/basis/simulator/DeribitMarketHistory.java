package io.basis.simulator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * What the simulated Deribit's history methods serve (reference §5): hourly funding rows, chart bars, DVOL rows and
 * the trades of each instrument (every trade a {@link DeribitTradeScript} files). Rows are kept by timestamp;
 * windows are inclusive at both ends. Thread-safe.
 */
public final class DeribitMarketHistory {
    private final Map<String, TreeMap<Long, ObjectNode>> funding = new HashMap<>();
    private final Map<String, TreeMap<Long, ArrayNode>> candles = new HashMap<>();
    private final Map<String, TreeMap<Long, ArrayNode>> volatility = new HashMap<>();
    private final Map<String, List<ObjectNode>> trades = new HashMap<>();

    /** One hourly {@code get_funding_rate_history} row of a perpetual. */
    public synchronized void fundingRow(String instrument, long timestamp, String interest8h, String interest1h,
                                        String indexPrice, String prevIndexPrice) {
        ObjectNode row = JSON.createObjectNode().put("timestamp", timestamp)
                .put("prev_index_price", new BigDecimal(prevIndexPrice))
                .put("interest_8h", new BigDecimal(interest8h)).put("interest_1h", new BigDecimal(interest1h))
                .put("index_price", new BigDecimal(indexPrice));
        funding.computeIfAbsent(instrument, k -> new TreeMap<>()).put(timestamp, row);
    }

    /** One {@code get_tradingview_chart_data} bar (served for whatever resolution is asked). */
    public synchronized void candle(String instrument, long tick, String open, String high, String low,
                                    String close, String volume, String cost) {
        ArrayNode bar = JSON.createArrayNode().add(tick);
        for (String v : List.of(open, high, low, close, volume, cost)) {
            bar.add(new BigDecimal(v));
        }
        candles.computeIfAbsent(instrument, k -> new TreeMap<>()).put(tick, bar);
    }

    /** One {@code get_volatility_index_data} row {@code [ts, open, high, low, close]} of {@code currency}. */
    public synchronized void volatilityRow(String currency, long timestamp, String open, String high, String low,
                                           String close) {
        ArrayNode row = JSON.createArrayNode().add(timestamp).add(new BigDecimal(open)).add(new BigDecimal(high))
                .add(new BigDecimal(low)).add(new BigDecimal(close));
        volatility.computeIfAbsent(currency, k -> new TreeMap<>()).put(timestamp, row);
    }

    synchronized void trade(String instrument, ObjectNode trade) {
        trades.computeIfAbsent(instrument, k -> new ArrayList<>()).add(trade);
    }

    synchronized int tradeCount(String instrument) {
        return trades.getOrDefault(instrument, List.of()).size();
    }

    synchronized List<ObjectNode> fundingRows(String instrument, long from, long to) {
        return rows(funding.get(instrument), from, to);
    }

    synchronized List<ArrayNode> candles(String instrument, long from, long to) {
        return rows(candles.get(instrument), from, to);
    }

    synchronized List<ArrayNode> volatilityRows(String currency, long from, long to) {
        return rows(volatility.get(currency), from, to);
    }

    synchronized List<ObjectNode> trades(String instrument, long from, long to) {
        return trades.getOrDefault(instrument, List.of()).stream().filter(t -> {
            long ts = t.get("timestamp").longValue();
            return ts >= from && ts <= to;
        }).toList();
    }

    private static <T> List<T> rows(TreeMap<Long, T> rows, long from, long to) {
        return rows == null || from > to ? List.of() : new ArrayList<>(rows.subMap(from, true, to, true).values());
    }
}
