package io.basis.venue.binanceusdm;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binance USD-M wire frames and REST bodies built from a few values, plus venue entries, for session tests. */
final class BinanceUsdmTestFrames {

    private BinanceUsdmTestFrames() {
    }

    static String combined(String stream, String data) {
        return "{\"stream\":\"" + stream + "\",\"data\":" + data + "}";
    }

    static String aggTrade(String symbol, long id, String price, String qty, long time, boolean buyerMaker) {
        return "{\"e\":\"aggTrade\",\"E\":" + (time + 5) + ",\"s\":\"" + symbol + "\",\"a\":" + id + ",\"p\":\""
                + price + "\",\"q\":\"" + qty + "\",\"f\":1,\"l\":2,\"T\":" + time + ",\"m\":" + buyerMaker + "}";
    }

    static String forceOrder(String symbol, String side, String price, String qty, long time) {
        return "{\"e\":\"forceOrder\",\"E\":" + (time + 5) + ",\"o\":{\"s\":\"" + symbol + "\",\"S\":\"" + side
                + "\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"" + qty + "\",\"p\":\"" + price + "\",\"ap\":\"" + price
                + "\",\"X\":\"FILLED\",\"l\":\"" + qty + "\",\"z\":\"" + qty + "\",\"T\":" + time + "}}";
    }

    static String markPrice(String symbol, String mark, String index, String rate, long time) {
        return "{\"e\":\"markPriceUpdate\",\"E\":" + time + ",\"s\":\"" + symbol + "\",\"p\":\"" + mark
                + "\",\"P\":\"" + mark + "\",\"i\":\"" + index + "\",\"r\":\"" + rate + "\",\"T\":1780012800000}";
    }

    static String kline(String symbol, long open, String close, boolean closed) {
        return "{\"e\":\"kline\",\"E\":" + (open + 100) + ",\"s\":\"" + symbol + "\",\"k\":{\"t\":" + open
                + ",\"T\":" + (open + 59_999) + ",\"s\":\"" + symbol + "\",\"i\":\"1m\",\"f\":1,\"L\":2,\"o\":\"100\","
                + "\"c\":\"" + close + "\",\"h\":\"110\",\"l\":\"90\",\"v\":\"5\",\"n\":7,\"x\":" + closed
                + ",\"q\":\"500\",\"V\":\"1\",\"Q\":\"100\",\"B\":\"0\"}}";
    }

    /** {@code levels} like {@code "100:1", "|", "101:2"}: bids before the bar, asks after. */
    static String depth(String symbol, long first, long last, long previous, long time, String... levels) {
        return "{\"e\":\"depthUpdate\",\"E\":" + (time + 7) + ",\"T\":" + time + ",\"s\":\"" + symbol + "\",\"U\":"
                + first + ",\"u\":" + last + ",\"pu\":" + previous + "," + sides(levels) + "}";
    }

    static String depthSnapshot(long lastUpdateId, long time, String... levels) {
        return "{\"lastUpdateId\":" + lastUpdateId + ",\"E\":" + (time + 3) + ",\"T\":" + time + ","
                + sides(levels).replace("\"b\":", "\"bids\":").replace("\"a\":", "\"asks\":") + "}";
    }

    static String openInterest(String symbol, String amount, long time) {
        return "{\"openInterest\":\"" + amount + "\",\"symbol\":\"" + symbol + "\",\"time\":" + time + "}";
    }

    static String exchangeInfo(List<String> perpetuals) {
        StringBuilder s = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":1780000000500,\"rateLimits\":"
                + "[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400}],"
                + "\"symbols\":[");
        for (int i = 0; i < perpetuals.size(); i++) {
            String sym = perpetuals.get(i);
            String base = sym.substring(0, sym.length() - 4);
            s.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(sym).append("\",\"pair\":\"").append(sym)
                    .append("\",\"contractType\":\"PERPETUAL\",\"deliveryDate\":4133404800000,\"status\":\"TRADING\","
                            + "\"baseAsset\":\"").append(base).append("\",\"quoteAsset\":\"USDT\",\"marginAsset\":"
                            + "\"USDT\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"0.10\"},"
                            + "{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"0.001\"}]}");
        }
        return s.append("]}").toString();
    }

    static String ticker24hr(Map<String, String> quoteVolumes) {
        StringBuilder s = new StringBuilder("[");
        quoteVolumes.forEach((sym, vol) -> s.append(s.length() == 1 ? "" : ",").append("{\"symbol\":\"").append(sym)
                .append("\",\"lastPrice\":\"1\",\"volume\":\"1\",\"quoteVolume\":\"").append(vol).append("\"}"));
        return s.append("]").toString();
    }

    /** Every channel the connector serves, all stored, book depth 5 and snapshots every 1 s. */
    static VenueConfig venue(URI rest, URI ws, List<String> symbols) {
        return venue(rest, ws, symbols, Map.of());
    }

    static VenueConfig venue(URI rest, URI ws, List<String> symbols, Map<Channel, StoragePolicy> overrides) {
        return venue(rest, ws, symbols, overrides, "1s");
    }

    static VenueConfig venue(URI rest, URI ws, List<String> symbols, Map<Channel, StoragePolicy> overrides,
                             String snapshotInterval) {
        Map<Channel, ChannelConfig> channels = new LinkedHashMap<>();
        channels.put(Channel.INSTRUMENTS, cfg(Channel.INSTRUMENTS, overrides, Map.of()));
        channels.put(Channel.TRADES, cfg(Channel.TRADES, overrides, Map.of()));
        channels.put(Channel.LIQUIDATIONS, cfg(Channel.LIQUIDATIONS, overrides, Map.of()));
        channels.put(Channel.FUNDING, cfg(Channel.FUNDING, overrides, Map.of()));
        channels.put(Channel.MARK_PRICE, cfg(Channel.MARK_PRICE, overrides, Map.of("interval", "1s")));
        channels.put(Channel.INDEX_PRICE, cfg(Channel.INDEX_PRICE, overrides, Map.of()));
        channels.put(Channel.OPEN_INTEREST, cfg(Channel.OPEN_INTEREST, overrides, Map.of("poll-interval", "1h")));
        channels.put(Channel.CANDLES, cfg(Channel.CANDLES, overrides, Map.of("interval", "1m")));
        channels.put(Channel.BOOK, cfg(Channel.BOOK, overrides, Map.of("depth", "5", "snapshot-interval", snapshotInterval)));
        return new VenueConfig("binance-usdm", true, rest, ws, symbols, null, List.of(),
                Map.of("BTC", new BigDecimal("100000"), "ETH", new BigDecimal("50000"),
                        "default", new BigDecimal("20000")), null, channels);
    }

    private static ChannelConfig cfg(Channel c, Map<Channel, StoragePolicy> overrides, Map<String, String> options) {
        StoragePolicy p = overrides.getOrDefault(c, StoragePolicy.ALL);
        return new ChannelConfig(c, p, options);
    }

    private static String sides(String... levels) {
        StringBuilder bids = new StringBuilder();
        StringBuilder asks = new StringBuilder();
        boolean ask = false;
        for (String l : levels) {
            if (l.equals("|")) {
                ask = true;
                continue;
            }
            String[] pq = l.split(":");
            StringBuilder side = ask ? asks : bids;
            side.append(side.isEmpty() ? "" : ",").append("[\"").append(pq[0]).append("\",\"").append(pq[1])
                    .append("\"]");
        }
        return "\"b\":[" + bids + "],\"a\":[" + asks + "]";
    }
}
