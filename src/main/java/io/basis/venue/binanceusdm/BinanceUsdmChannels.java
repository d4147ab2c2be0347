package io.basis.venue.binanceusdm;

import io.basis.config.Channel;
import io.basis.model.EventType;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.Route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The declarative map from Basis's normalized channels to Binance USD-M streams and endpoints, and the subscription
 * plan that respects the venue's connection limits (1024 streams per connection, 10 inbound messages per second;
 * <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams">Websocket
 * Market Streams</a>). Pure; nothing here opens a connection.
 *
 * <p>Mark price, funding and index price share one stream ({@code <s>@markPrice@1s}), so asking for any of them
 * subscribes it once; the runtime keeps only the event types of the channels configured
 * ({@link #eventTypes(Collection)}).
 */
public final class BinanceUsdmChannels {

    public static final int MAX_STREAMS_PER_CONNECTION = 1024;
    /** Client-to-server messages (subscribe, unsubscribe, pong) per connection per second before a disconnect. */
    public static final int MAX_MESSAGES_PER_SECOND = 10;
    /**
     * Streams per SUBSCRIBE message. Binance documents no per-message cap; 200 keeps each message a few KB and lets
     * a full connection subscribe with 6 messages, well inside one second's budget.
     */
    public static final int STREAMS_PER_MESSAGE = 200;

    public enum Transport { WEBSOCKET, REST }

    /** What a supported channel produces and how Binance serves it. */
    public record Capability(Channel channel, Transport transport, Set<EventType> produces) {
    }

    private static final Map<Channel, Capability> CAPABILITIES = buildCapabilities();

    /**
     * Stream options, with Binance's names: kline interval (see {@link BinanceUsdmIntervals#klineIntervals()}),
     * mark-price speed {@code 1s} or {@code 3s}, diff-depth speed {@code 100ms}, {@code 250ms} or {@code 500ms}. Null
     * arguments take the defaults 1m, 1s, 100ms.
     */
    public record Options(String klineInterval, String markPriceSpeed, String depthSpeed) {
        public Options {
            klineInterval = klineInterval == null ? "1m" : klineInterval;
            markPriceSpeed = markPriceSpeed == null ? "1s" : markPriceSpeed;
            depthSpeed = depthSpeed == null ? "100ms" : depthSpeed;
            BinanceUsdmIntervals.klineLength(klineInterval);
            if (!Set.of("1s", "3s").contains(markPriceSpeed)) {
                throw new IllegalArgumentException("mark-price interval must be 1s or 3s, not " + markPriceSpeed);
            }
            if (!Set.of("100ms", "250ms", "500ms").contains(depthSpeed)) {
                throw new IllegalArgumentException("book update speed must be 100ms, 250ms or 500ms, not "
                        + depthSpeed);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null);
        }
    }

    /** The streams of one connection: all on one route, at most {@link #MAX_STREAMS_PER_CONNECTION}. */
    public record Connection(Route route, List<String> streams) {
        public Connection {
            streams = List.copyOf(streams);
        }
    }

    private BinanceUsdmChannels() {
    }

    public static boolean supports(Channel channel) {
        return CAPABILITIES.containsKey(channel);
    }

    /** Supported channels with what they produce, in channel order. */
    public static Map<Channel, Capability> capabilities() {
        return CAPABILITIES;
    }

    /** @throws IllegalArgumentException naming the supported channels, for a channel Binance USD-M cannot serve */
    public static Capability capability(Channel channel) {
        Capability c = CAPABILITIES.get(channel);
        if (c == null) {
            throw new IllegalArgumentException("binance-usdm has no '" + channel.id() + "' channel; supported: "
                    + CAPABILITIES.keySet().stream().map(Channel::id).toList());
        }
        return c;
    }

    /** The event types the configured channels produce: the filter for events of a shared stream. */
    public static Set<EventType> eventTypes(Collection<Channel> channels) {
        Set<EventType> out = new LinkedHashSet<>();
        channels.forEach(ch -> out.addAll(capability(ch).produces()));
        return out;
    }

    /** The stream a channel needs for one symbol; none for REST channels. */
    public static List<String> streams(Channel channel, String symbol, Options options) {
        capability(channel);
        String markSpeed = options.markPriceSpeed().equals("3s") ? null : options.markPriceSpeed();
        String depthSpeed = options.depthSpeed().equals("250ms") ? null : options.depthSpeed();
        return switch (channel) {
            case TRADES -> List.of(BinanceUsdmStreams.aggTrade(symbol));
            case LIQUIDATIONS -> List.of(BinanceUsdmStreams.forceOrder(symbol));
            case FUNDING, MARK_PRICE, INDEX_PRICE -> List.of(BinanceUsdmStreams.markPrice(symbol, markSpeed));
            case CANDLES -> List.of(BinanceUsdmStreams.kline(symbol, options.klineInterval()));
            case BOOK -> List.of(BinanceUsdmStreams.depth(symbol, depthSpeed));
            default -> List.of();
        };
    }

    /** Every stream for channels × symbols, de-duplicated, grouped by route, in channel-then-symbol order. */
    public static Map<Route, List<String>> streamsByRoute(Collection<Channel> channels, Collection<String> symbols,
                                                         Options options) {
        Map<Route, Set<String>> grouped = new EnumMap<>(Route.class);
        for (Channel channel : channels) {
            for (String symbol : symbols) {
                for (String stream : streams(channel, symbol, options)) {
                    grouped.computeIfAbsent(BinanceUsdmStreams.routeOf(stream), r -> new LinkedHashSet<>())
                            .add(stream);
                }
            }
        }
        Map<Route, List<String>> out = new EnumMap<>(Route.class);
        grouped.forEach((route, streams) -> out.put(route, List.copyOf(streams)));
        return Collections.unmodifiableMap(out);
    }

    /** Splits each route's streams into as few connections as the per-connection cap allows. */
    public static List<Connection> connections(Map<Route, List<String>> streamsByRoute) {
        List<Connection> out = new ArrayList<>();
        streamsByRoute.forEach((route, streams) -> {
            for (List<String> chunk : chunks(streams, MAX_STREAMS_PER_CONNECTION)) {
                out.add(new Connection(route, chunk));
            }
        });
        return out;
    }

    /** SUBSCRIBE messages with {@link #STREAMS_PER_MESSAGE} streams at most, ids {@code firstId}, +1, ... */
    public static List<String> subscribeMessages(List<String> streams, long firstId) {
        return requests("SUBSCRIBE", streams, firstId, STREAMS_PER_MESSAGE);
    }

    public static List<String> unsubscribeMessages(List<String> streams, long firstId) {
        return requests("UNSUBSCRIBE", streams, firstId, STREAMS_PER_MESSAGE);
    }

    public static String listSubscriptionsMessage(long id) {
        return "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + id + "}";
    }

    /**
     * {@code {"method":..,"params":[..],"id":n}} messages. Every stream must be a documented stream name (so the
     * JSON needs no escaping and a typo fails here, not as a silent subscription); ids must be unsigned.
     */
    public static List<String> requests(String method, List<String> streams, long firstId, int perMessage) {
        Objects.requireNonNull(method, "method");
        if (firstId < 0 || perMessage < 1) {
            throw new IllegalArgumentException("id must be unsigned and perMessage positive");
        }
        streams.forEach(BinanceUsdmStreams::require);
        List<String> out = new ArrayList<>();
        long id = firstId;
        for (List<String> chunk : chunks(streams, perMessage)) {
            StringBuilder json = new StringBuilder(32 + chunk.size() * 28);
            json.append("{\"method\":\"").append(method).append("\",\"params\":[");
            for (int i = 0; i < chunk.size(); i++) {
                json.append(i == 0 ? "\"" : ",\"").append(chunk.get(i)).append('"');
            }
            out.add(json.append("],\"id\":").append(id++).append('}').toString());
        }
        return out;
    }

    private static List<List<String>> chunks(List<String> items, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            out.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return out;
    }

    private static Map<Channel, Capability> buildCapabilities() {
        Map<Channel, Capability> m = new LinkedHashMap<>();
        add(m, Channel.INSTRUMENTS, Transport.REST, EventType.INSTRUMENT);
        add(m, Channel.TRADES, Transport.WEBSOCKET, EventType.TRADE);
        add(m, Channel.LIQUIDATIONS, Transport.WEBSOCKET, EventType.LIQUIDATION);
        add(m, Channel.FUNDING, Transport.WEBSOCKET, EventType.FUNDING_RATE);
        add(m, Channel.OPEN_INTEREST, Transport.REST, EventType.OPEN_INTEREST);
        add(m, Channel.MARK_PRICE, Transport.WEBSOCKET, EventType.MARK_PRICE);
        add(m, Channel.INDEX_PRICE, Transport.WEBSOCKET, EventType.INDEX_PRICE);
        add(m, Channel.BOOK, Transport.WEBSOCKET, EventType.BOOK_SNAPSHOT);
        add(m, Channel.CANDLES, Transport.WEBSOCKET, EventType.CANDLE);
        add(m, Channel.LONG_SHORT_RATIO, Transport.REST, EventType.LONG_SHORT_RATIO);
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<Channel, Capability> m, Channel c, Transport t, EventType produces) {
        m.put(c, new Capability(c, t, Set.of(produces)));
    }
}
