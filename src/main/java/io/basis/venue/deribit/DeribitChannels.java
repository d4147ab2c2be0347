package io.basis.venue.deribit;

import io.basis.venue.VenueJson;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deribit channel names and the JSON-RPC 2.0 control messages (reference §1.1, §2). Pure string building.
 *
 * <p>Unauthenticated connections use the {@code 100ms} interval; {@code raw} (every event) requires
 * {@code public/auth} first. {@link #parse(String)} accepts both, and {@code agg2}.
 */
public final class DeribitChannels {

    /** Minimum {@code public/set_heartbeat} interval in seconds accepted by Deribit. */
    public static final int MIN_HEARTBEAT_SECONDS = 10;

    /** The channel families Basis consumes. */
    public enum Kind { TICKER, TRADES, BOOK, VOLATILITY_INDEX, PRICE_INDEX }

    /**
     * A parsed channel name.
     *
     * @param subject  instrument name ({@code BTC-PERPETUAL}), index name ({@code btc_usd}), or for
     *                 {@code trades.{kind}.{currency}.{interval}} the {@code kind.currency} pair ({@code option.BTC})
     * @param interval {@code 100ms}, {@code raw} or {@code agg2}; null for index channels
     */
    public record Channel(Kind kind, String subject, String interval) {
        public Channel {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
        }
    }

    private DeribitChannels() {
    }

    public static String ticker(String instrument, boolean authenticated) {
        return "ticker." + instrument + "." + interval(authenticated);
    }

    public static String trades(String instrument, boolean authenticated) {
        return "trades." + instrument + "." + interval(authenticated);
    }

    public static String book(String instrument, boolean authenticated) {
        return "book." + instrument + "." + interval(authenticated);
    }

    /** {@code deribit_volatility_index.btc_usd} (DVOL). */
    public static String volatilityIndex(String indexName) {
        return "deribit_volatility_index." + indexName;
    }

    /** {@code deribit_price_index.btc_usd}. */
    public static String priceIndex(String indexName) {
        return "deribit_price_index." + indexName;
    }

    /** {@code raw} when authenticated, else {@code 100ms}. */
    public static String interval(boolean authenticated) {
        return authenticated ? "raw" : "100ms";
    }

    /** The channel a notification names, or empty for a family Basis does not consume or an unknown interval. */
    public static Optional<Channel> parse(String channel) {
        String[] parts = channel.split("\\.", -1);
        return switch (parts[0]) {
            case "ticker", "book" -> parts.length == 3 && knownInterval(parts[2])
                    ? Optional.of(new Channel(parts[0].equals("ticker") ? Kind.TICKER : Kind.BOOK, parts[1], parts[2]))
                    : Optional.empty();
            case "trades" -> trades(parts);
            case "deribit_volatility_index" -> parts.length == 2
                    ? Optional.of(new Channel(Kind.VOLATILITY_INDEX, parts[1], null)) : Optional.empty();
            case "deribit_price_index" -> parts.length == 2
                    ? Optional.of(new Channel(Kind.PRICE_INDEX, parts[1], null)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<Channel> trades(String[] parts) {
        if (parts.length == 3 && knownInterval(parts[2])) {
            return Optional.of(new Channel(Kind.TRADES, parts[1], parts[2]));
        }
        if (parts.length == 4 && knownInterval(parts[3])) {
            return Optional.of(new Channel(Kind.TRADES, parts[1] + "." + parts[2], parts[3]));
        }
        return Optional.empty();
    }

    private static boolean knownInterval(String interval) {
        return switch (interval) {
            case "100ms", "raw", "agg2" -> true;
            default -> false;
        };
    }

    /** {@code public/subscribe} with the given channels. */
    public static String subscribe(long id, List<String> channels) {
        return channelRequest(id, "public/subscribe", channels);
    }

    /** {@code public/unsubscribe} with the given channels. */
    public static String unsubscribe(long id, List<String> channels) {
        return channelRequest(id, "public/unsubscribe", channels);
    }

    /** {@code public/set_heartbeat}; the interval must be at least {@value #MIN_HEARTBEAT_SECONDS} seconds. */
    public static String setHeartbeat(long id, int intervalSeconds) {
        if (intervalSeconds < MIN_HEARTBEAT_SECONDS) {
            throw new IllegalArgumentException("Deribit heartbeat interval must be >= 10 s: " + intervalSeconds);
        }
        ObjectNode params = VenueJson.mapper().createObjectNode().put("interval", intervalSeconds);
        return request(id, "public/set_heartbeat", params);
    }

    /** {@code public/test}: the mandatory answer to a {@code test_request} heartbeat. */
    public static String test(long id) {
        return request(id, "public/test", VenueJson.mapper().createObjectNode());
    }

    private static String channelRequest(long id, String method, List<String> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(method + " needs at least one channel");
        }
        ObjectNode params = VenueJson.mapper().createObjectNode();
        ArrayNode list = params.putArray("channels");
        channels.forEach(list::add);
        return request(id, method, params);
    }

    private static String request(long id, String method, ObjectNode params) {
        ObjectNode root = VenueJson.mapper().createObjectNode();
        root.put("jsonrpc", "2.0");
        root.put("id", id);
        root.put("method", method);
        root.set("params", params);
        return VenueJson.mapper().writeValueAsString(root);
    }
}
