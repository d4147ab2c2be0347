package io.basis.simulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance futures market streams, as in {@code shared/venues/binance-usdm.md} §1: raw ({@code <route>/ws/<s1>/<s2>})
 * and combined ({@code <route>/stream?streams=<s1>/<s2>}, events wrapped as {@code {"stream":..,"data":..}}) modes;
 * live {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS}, {@code SET_PROPERTY} and
 * {@code GET_PROPERTY ["combined"]} answered as {@code {"result":..,"id":n}}; {@code {"code":3,"msg":..}} for text
 * that is not JSON and {@code {"code":2,"msg":..}} for an invalid request.
 *
 * <p>{@link #usdm()} enforces the 2026 route split: {@code /public} delivers only book streams ({@code @depth*},
 * {@code @bookTicker}, {@code !bookTicker}), {@code /market} only the others, {@code /private} none, and the legacy
 * unrouted {@code /ws} and {@code /stream} only book streams, so a stream on the wrong route stays silent as on the
 * real venue. {@link #coinm()} delivers every stream on any path (dstream has no routes). Stateless and thread-safe.
 */
public final class BinanceDialect implements WsDialect {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String COMBINED = "combined";

    private final boolean routed;

    private BinanceDialect(boolean routed) {
        this.routed = routed;
    }

    /** USDⓈ-M fstream with routed paths. */
    public static BinanceDialect usdm() {
        return new BinanceDialect(true);
    }

    /** COIN-M dstream: no routes. */
    public static BinanceDialect coinm() {
        return new BinanceDialect(false);
    }

    /** {@code {"stream":"<stream>","data":<event>}}, the combined-mode wrapper. */
    public static String combined(String stream, String event) {
        return "{\"stream\":" + JSON.writeValueAsString(stream) + ",\"data\":" + event + "}";
    }

    @Override
    public void opened(SimConnection connection) {
        String rest = withoutRoute(connection.path());
        if (rest.startsWith("/ws/")) {
            connection.subscribe(split(rest.substring(4)));
        } else if (rest.equals("/stream") && connection.param("streams") != null) {
            connection.subscribe(split(connection.param("streams")));
        }
    }

    @Override
    public List<String> handle(SimConnection connection, String message) {
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (JacksonException e) {
            return List.of(error(3, "Invalid JSON: " + e.getOriginalMessage()));
        }
        JsonNode id = request.path("id");
        if (!request.isObject() || !id.isIntegralNumber() || id.longValue() < 0) {
            return List.of(error(2, "Invalid request: request ID must be an unsigned integer"));
        }
        String method = request.path("method").asString("");
        JsonNode params = request.path("params");
        return switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> subscription(connection, method, params, id);
            case "LIST_SUBSCRIPTIONS" -> List.of(result(connection.subscriptions(), id));
            case "SET_PROPERTY" -> setProperty(connection, params, id);
            case "GET_PROPERTY" -> List.of(params.path(0).asString("").equals(COMBINED)
                    ? result(connection.attributes().getOrDefault(COMBINED, isCombinedPath(connection)), id)
                    : error(0, "Unknown property"));
            default -> List.of(error(2, "Invalid request: unknown method \"" + method + "\""));
        };
    }

    @Override
    public String frame(SimConnection connection, String stream, String event) {
        if (!delivers(connection.path(), stream)) {
            return null;
        }
        Object combined = connection.attributes().getOrDefault(COMBINED, isCombinedPath(connection));
        return Boolean.TRUE.equals(combined) ? combined(stream, event) : event;
    }

    /** Whether a connection on {@code path} receives {@code stream} (always, unless routes are enforced). */
    public boolean delivers(String path, String stream) {
        if (!routed) {
            return true;
        }
        boolean book = stream.equals("!bookTicker") || stream.contains("@bookTicker") || stream.contains("@depth");
        return switch (route(path)) {
            case "/public", "" -> book;
            case "/market" -> !book;
            default -> false;
        };
    }

    private List<String> subscription(SimConnection connection, String method, JsonNode params, JsonNode id) {
        if (!params.isArray() || params.isEmpty()) {
            return List.of(error(2, "Invalid request: params must be a non-empty array of stream names"));
        }
        List<String> streams = new ArrayList<>();
        for (JsonNode stream : params.values()) {
            if (!stream.isString()) {
                return List.of(error(2, "Invalid request: stream names must be strings"));
            }
            streams.add(stream.stringValue());
        }
        if (method.equals("SUBSCRIBE")) {
            connection.subscribe(streams);
        } else {
            connection.unsubscribe(streams);
        }
        return List.of(result(null, id));
    }

    private List<String> setProperty(SimConnection connection, JsonNode params, JsonNode id) {
        if (!params.path(0).asString("").equals(COMBINED)) {
            return List.of(error(0, "Unknown property"));
        }
        if (!params.path(1).isBoolean()) {
            return List.of(error(1, "Invalid value type: expected Boolean"));
        }
        connection.attributes().put(COMBINED, params.path(1).booleanValue());
        return List.of(result(null, id));
    }

    private static boolean isCombinedPath(SimConnection connection) {
        return withoutRoute(connection.path()).equals("/stream");
    }

    private static String route(String path) {
        for (String route : List.of("/public", "/market", "/private")) {
            if (path.equals(route) || path.startsWith(route + "/")) {
                return route;
            }
        }
        return "";
    }

    private static String withoutRoute(String path) {
        return path.substring(route(path).length());
    }

    private static List<String> split(String streams) {
        return Arrays.stream(streams.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static String result(Object result, JsonNode id) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", result);
        reply.put("id", id);
        return JSON.writeValueAsString(reply);
    }

    private static String error(int code, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("code", code);
        reply.put("msg", message);
        return JSON.writeValueAsString(reply);
    }
}
