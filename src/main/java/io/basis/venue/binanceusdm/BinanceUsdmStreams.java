package io.basis.venue.binanceusdm;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binance USD-M market-stream names, their routes, and connection URLs, per the
 * <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Important-WebSocket-Change-Notice">base
 * URL split</a>: book streams live under {@code /public}, all other market streams under {@code /market}; the
 * retired unrouted {@code /ws} and {@code /stream} URLs carried both and still appear in old captures. Pure.
 */
public final class BinanceUsdmStreams {

    /** A WebSocket entry point. {@link #UNROUTED} is the pre-2026 root, recognised for replay only. */
    public enum Route {
        PUBLIC("/public"), MARKET("/market"), UNROUTED("");

        private final String path;

        Route(String path) {
            this.path = path;
        }

        /** The path segment appended to the WebSocket base URL ({@code ""} for the unrouted root). */
        public String path() {
            return path;
        }
    }

    /** Stream families Binance documents for USD-M, with the route each lives on. */
    public enum StreamType {
        AGG_TRADE(Route.MARKET), FORCE_ORDER(Route.MARKET), MARK_PRICE(Route.MARKET), KLINE(Route.MARKET),
        CONTINUOUS_KLINE(Route.MARKET), MINI_TICKER(Route.MARKET), TICKER(Route.MARKET),
        COMPOSITE_INDEX(Route.MARKET), CONTRACT_INFO(Route.MARKET), ASSET_INDEX(Route.MARKET),
        DIFF_DEPTH(Route.PUBLIC), PARTIAL_DEPTH(Route.PUBLIC), BOOK_TICKER(Route.PUBLIC);

        private final Route route;

        StreamType(Route route) {
            this.route = route;
        }

        public Route route() {
            return route;
        }
    }

    /**
     * One parsed stream name.
     *
     * @param symbol    upper-case symbol (pair + contract type for continuous klines, asset for asset index), or null
     *                  for an all-market ({@code !...}) stream
     * @param parameter kline interval, partial-depth levels, else null
     * @param speed     update-speed suffix ({@code 100ms}, {@code 500ms}, {@code 1s}), null for the stream's default
     */
    public record StreamName(String name, StreamType type, String symbol, String parameter, String speed) {
        public Route route() {
            return type.route();
        }
    }

    /** A connection URL taken apart, e.g. from a capture's {@code c} key. */
    public record Endpoint(Route route, boolean combined, List<String> streams) {
        public Endpoint {
            streams = List.copyOf(streams);
        }
    }

    private static final Set<String> DEPTH_SPEEDS = Set.of("100ms", "500ms");
    private static final Set<String> PARTIAL_LEVELS = Set.of("5", "10", "20");

    private BinanceUsdmStreams() {
    }

    public static String aggTrade(String symbol) {
        return lower(symbol) + "@aggTrade";
    }

    public static String forceOrder(String symbol) {
        return lower(symbol) + "@forceOrder";
    }

    /** {@code speed} is {@code 1s} or null for the 3 s default. */
    public static String markPrice(String symbol, String speed) {
        return lower(symbol) + "@markPrice" + (speed == null ? "" : "@" + speed);
    }

    public static String kline(String symbol, String interval) {
        return lower(symbol) + "@kline_" + interval;
    }

    /** Diff depth; {@code speed} is {@code 100ms}, {@code 500ms} or null for the 250 ms default. */
    public static String depth(String symbol, String speed) {
        return lower(symbol) + "@depth" + (speed == null ? "" : "@" + speed);
    }

    /** The route a stream must be subscribed on; IllegalArgumentException for names Binance does not document. */
    public static Route routeOf(String stream) {
        return require(stream).route();
    }

    public static StreamName require(String stream) {
        return parse(stream).orElseThrow(() -> new IllegalArgumentException(
                "not a Binance USD-M market stream: '" + stream + "'"));
    }

    /** Parses a stream name as subscribed or as echoed in a combined wrapper's {@code stream}. */
    public static Optional<StreamName> parse(String stream) {
        if (stream == null || stream.isEmpty()) {
            return Optional.empty();
        }
        if (stream.charAt(0) == '!') {
            return allMarket(stream);
        }
        int at = stream.indexOf('@');
        if (at <= 0 || !isLowerSymbol(stream.substring(0, at))) {
            return Optional.empty();
        }
        String symbol = stream.substring(0, at).toUpperCase(Locale.ROOT);
        String rest = stream.substring(at + 1);
        int speedAt = rest.indexOf('@');
        String kind = speedAt < 0 ? rest : rest.substring(0, speedAt);
        String speed = speedAt < 0 ? null : rest.substring(speedAt + 1);
        return Optional.ofNullable(perSymbol(stream, symbol, kind, speed));
    }

    private static StreamName perSymbol(String name, String symbol, String kind, String speed) {
        if (kind.startsWith("kline_") && speed == null) {
            return new StreamName(name, StreamType.KLINE, symbol, kind.substring(6), null);
        }
        if (kind.startsWith("continuousKline_") && speed == null) {
            return new StreamName(name, StreamType.CONTINUOUS_KLINE, symbol, kind.substring(16), null);
        }
        if (kind.startsWith("depth") && (speed == null || DEPTH_SPEEDS.contains(speed))) {
            String levels = kind.substring(5);
            if (levels.isEmpty()) {
                return new StreamName(name, StreamType.DIFF_DEPTH, symbol, null, speed);
            }
            return PARTIAL_LEVELS.contains(levels)
                    ? new StreamName(name, StreamType.PARTIAL_DEPTH, symbol, levels, speed) : null;
        }
        if (kind.equals("markPrice") && (speed == null || speed.equals("1s"))) {
            return new StreamName(name, StreamType.MARK_PRICE, symbol, null, speed);
        }
        if (speed != null) {
            return null;
        }
        StreamType type = switch (kind) {
            case "aggTrade" -> StreamType.AGG_TRADE;
            case "forceOrder" -> StreamType.FORCE_ORDER;
            case "miniTicker" -> StreamType.MINI_TICKER;
            case "ticker" -> StreamType.TICKER;
            case "bookTicker" -> StreamType.BOOK_TICKER;
            case "compositeIndex" -> StreamType.COMPOSITE_INDEX;
            case "assetIndex" -> StreamType.ASSET_INDEX;
            default -> null;
        };
        return type == null ? null : new StreamName(name, type, symbol, null, null);
    }

    private static Optional<StreamName> allMarket(String name) {
        StreamType type = switch (name) {
            case "!forceOrder@arr" -> StreamType.FORCE_ORDER;
            case "!markPrice@arr", "!markPrice@arr@1s" -> StreamType.MARK_PRICE;
            case "!miniTicker@arr" -> StreamType.MINI_TICKER;
            case "!ticker@arr" -> StreamType.TICKER;
            case "!bookTicker" -> StreamType.BOOK_TICKER;
            case "!contractInfo" -> StreamType.CONTRACT_INFO;
            case "!assetIndex@arr" -> StreamType.ASSET_INDEX;
            default -> null;
        };
        String speed = name.endsWith("@1s") ? "1s" : null;
        return Optional.ofNullable(type == null ? null : new StreamName(name, type, null, null, speed));
    }

    /**
     * Takes a connection URL apart: routed ({@code <base>/market/stream?streams=a/b}, {@code <base>/public/ws/a/b})
     * or legacy unrouted ({@code <base>/stream?streams=a/b}, {@code <base>/ws/a}). The base may carry a path prefix
     * (a simulator); the access mode is the first {@code ws} or {@code stream} segment. Stream names are returned as
     * written, not validated, so a capture of an unknown stream still replays.
     *
     * @throws IllegalArgumentException when the URL has no {@code ws} or {@code stream} segment
     */
    public static Endpoint parseUrl(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        int mode = segments.indexOf("ws");
        int stream = segments.indexOf("stream");
        if (mode < 0 || (stream >= 0 && stream < mode)) {
            mode = stream;
        }
        if (mode < 0) {
            throw new IllegalArgumentException("not a Binance stream URL (no /ws or /stream): " + url);
        }
        Route route = mode == 0 ? Route.UNROUTED : switch (segments.get(mode - 1)) {
            case "public" -> Route.PUBLIC;
            case "market" -> Route.MARKET;
            default -> Route.UNROUTED;
        };
        boolean combined = segments.get(mode).equals("stream");
        List<String> streams = new ArrayList<>(segments.subList(mode + 1, segments.size()));
        streams.addAll(queryStreams(url.getQuery()));
        return new Endpoint(route, combined, streams);
    }

    /**
     * A connection URL on a route: combined mode ({@code /stream?streams=a/b}) or raw mode ({@code /ws/a/b}); with
     * no streams, a bare {@code /stream} or {@code /ws} to SUBSCRIBE on later.
     */
    public static URI url(URI base, Route route, boolean combined, List<String> streams) {
        String root = base.toString().replaceAll("/+$", "") + route.path();
        String joined = String.join("/", streams);
        if (combined) {
            return URI.create(root + "/stream" + (streams.isEmpty() ? "" : "?streams=" + joined));
        }
        return URI.create(root + "/ws" + (streams.isEmpty() ? "" : "/" + joined));
    }

    private static List<String> queryStreams(String query) {
        if (query == null) {
            return List.of();
        }
        for (String param : query.split("&")) {
            if (param.startsWith("streams=")) {
                return Arrays.stream(param.substring(8).split("/")).filter(s -> !s.isEmpty()).toList();
            }
        }
        return List.of();
    }

    private static boolean isLowerSymbol(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String lower(String symbol) {
        return symbol.toLowerCase(Locale.ROOT);
    }
}
