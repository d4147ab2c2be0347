package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.DurationNotation;
import io.basis.config.LargeTradeThresholds;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;
import io.basis.model.EventType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Deribit venue entry asks for, interpreted and validated once. Immutable.
 *
 * <p>Channels and what they produce: {@code instruments} → Instrument; {@code trades} → Trade; {@code liquidations}
 * → Liquidation (flag on trades); {@code funding} → FundingRate (perpetual tickers, funding history);
 * {@code open-interest}, {@code mark-price}, {@code index-price} → from future/perpetual tickers (index also from
 * {@code deribit_price_index}); {@code book} → BookSnapshot; {@code candles} → Candle (REST chart data);
 * {@code option-ticker} → OptionTicker; {@code volatility-index} → VolatilityIndex (DVOL). Anything else fails.
 *
 * <p>Options (any other option name fails, naming the accepted ones):
 * <ul>
 * <li>{@code option-ticker}: {@code top} (options tracked per currency by open interest, 1..1000, default 50),
 *     {@code interval} ({@code 100ms} | {@code raw} | {@code agg2}; default {@code raw} when authenticated, else
 *     {@code 100ms}; {@code raw} needs {@code api-key-env}), {@code snapshot-interval} (stored at most once per
 *     option per this much receive time, the latest quote of the interval included; default {@code 0ms}: every
 *     changed quote is kept, which the compact two-tier option-quote storage makes affordable).</li>
 * <li>{@code book}: {@code depth} (levels stored in every book snapshot, streamed or REST; default 10),
 *     {@code interval}, {@code snapshot-interval} (default 1s; the book after a burst is stored too),
 *     {@code rest-depth} (levels asked of
 *     {@code public/get_order_book} for the periodic snapshot, which Deribit accepts as 1, 5, 10, 20, 50, 100, 1000
 *     or 10000; at least {@code depth}; default the smallest of these ≥ depth).</li>
 * <li>{@code trades}: {@code interval}.</li>
 * <li>{@code mark-price}, {@code index-price}, {@code open-interest}, {@code funding}: {@code snapshot-interval}
 *     (default 1s; the ticker channel sends up to ten updates a second; the shortest one configured applies to
 *     all four).</li>
 * <li>{@code candles}: {@code interval} (bar size: 1m, 3m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d; default
 *     1m).</li>
 * </ul>
 *
 * <p>A {@code snapshot-interval} thins on both edges ({@link io.basis.ingest.IntervalSampler}): the first update of
 * an interval is stored at once, the latest later one once the interval has passed, so what is stored is never
 * older than one interval; {@code 0ms} stores every update.
 *
 * @param interval      null = automatic ({@code raw} when authenticated, else {@code 100ms})
 * @param thresholds    {@code large-trade-usd} ({@link LargeTradeThresholds#defaults()} without one)
 */
public record DeribitSettings(Map<EventType, StoragePolicy> storage, List<Channel> channels, List<String> currencies,
                              int top, String interval, Duration optionTickerEvery, Duration tickerEvery,
                              int bookDepth, Duration bookEvery, int restBookDepth, String candleResolution,
                              LargeTradeThresholds thresholds) {

    /** Depths {@code public/get_order_book} accepts. */
    public static final List<Integer> REST_DEPTHS = List.of(1, 5, 10, 20, 50, 100, 1000, 10000);

    private static final Map<Channel, List<EventType>> PRODUCES = produces();
    private static final Map<Channel, Set<String>> OPTIONS = Map.ofEntries(
            Map.entry(Channel.INSTRUMENTS, Set.of()),
            Map.entry(Channel.TRADES, Set.of("interval")),
            Map.entry(Channel.LIQUIDATIONS, Set.of()),
            Map.entry(Channel.FUNDING, Set.of("snapshot-interval")),
            Map.entry(Channel.OPEN_INTEREST, Set.of("snapshot-interval")),
            Map.entry(Channel.MARK_PRICE, Set.of("snapshot-interval")),
            Map.entry(Channel.INDEX_PRICE, Set.of("snapshot-interval")),
            Map.entry(Channel.BOOK, Set.of("depth", "interval", "snapshot-interval", "rest-depth")),
            Map.entry(Channel.CANDLES, Set.of("interval")),
            Map.entry(Channel.OPTION_TICKER, Set.of("top", "interval", "snapshot-interval")),
            Map.entry(Channel.VOLATILITY_INDEX, Set.of()));

    public DeribitSettings {
        storage = Map.copyOf(storage);
        channels = List.copyOf(channels);
        currencies = List.copyOf(currencies);
        Objects.requireNonNull(thresholds, "thresholds");
        if (top < 1 || top > 1000) {
            throw new IllegalArgumentException("deribit: option-ticker top must be 1..1000, not " + top);
        }
        if (bookDepth < 1) {
            throw new IllegalArgumentException("deribit: book depth must be positive, not " + bookDepth);
        }
        if (!REST_DEPTHS.contains(restBookDepth)) {
            throw new IllegalArgumentException("deribit: book rest-depth must be one of " + REST_DEPTHS + ", not "
                    + restBookDepth);
        }
        if (restBookDepth < bookDepth) {
            throw new IllegalArgumentException("deribit: book rest-depth (" + restBookDepth
                    + ") must be at least depth (" + bookDepth + ")");
        }
    }

    /** @throws IllegalArgumentException naming the problem, for a channel or option Deribit cannot serve */
    public static DeribitSettings of(VenueConfig venue) {
        Map<EventType, StoragePolicy> storage = new EnumMap<>(EventType.class);
        for (ChannelConfig c : venue.channels().values()) {
            List<EventType> types = PRODUCES.get(c.channel());
            if (types == null) {
                throw new IllegalArgumentException("deribit has no '" + c.channel().id() + "' channel; supported: "
                        + PRODUCES.keySet().stream().map(Channel::id).toList());
            }
            Set<String> allowed = OPTIONS.get(c.channel());
            for (String option : c.options().keySet()) {
                if (!allowed.contains(option)) {
                    throw new IllegalArgumentException("deribit: unknown option '" + option + "' for channel '"
                            + c.channel().id() + "'; accepted: " + new TreeSet<>(allowed));
                }
            }
            types.forEach(t -> storage.put(t, c.storage()));
        }
        if (venue.currencies().isEmpty()) {
            throw new IllegalArgumentException("deribit: currencies must list at least one currency, e.g. [BTC, ETH]");
        }
        String interval = interval(venue);
        if ("raw".equals(interval) && venue.apiKeyEnv() == null) {
            throw new IllegalArgumentException("deribit: interval raw needs an authenticated connection; set "
                    + "api-key-env (client id) or use interval 100ms");
        }
        int depth = integer(venue, Channel.BOOK, "depth", 10);
        Integer restDepth = optionalInteger(venue, Channel.BOOK, "rest-depth");
        return new DeribitSettings(storage, List.copyOf(venue.channels().keySet()),
                venue.currencies().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(),
                integer(venue, Channel.OPTION_TICKER, "top", 50), interval,
                duration(venue, Channel.OPTION_TICKER, "snapshot-interval", Duration.ZERO),
                tickerEvery(venue),
                depth, duration(venue, Channel.BOOK, "snapshot-interval", Duration.ofSeconds(1)),
                restDepth != null ? restDepth : REST_DEPTHS.stream().filter(d -> d >= depth).findFirst().orElse(10000),
                candleResolution(option(venue, Channel.CANDLES, "interval")), LargeTradeThresholds.of(venue));
    }

    /**
     * Whether a trade or liquidation of {@code symbol} with this USD notional reaches the {@code large-trade-usd}
     * threshold of its base asset ({@code BTC} for {@code BTC-*} and {@code BTC_USDC-*}, see
     * {@link DeribitParser#baseAsset}), else of {@code default}; false without a notional.
     */
    public boolean isLarge(String symbol, BigDecimal notionalUsd) {
        return notionalUsd != null && thresholds.isLarge(DeribitParser.baseAsset(symbol), notionalUsd);
    }

    /** The policy for an event type; {@link StoragePolicy#NONE} when no configured channel produces it. */
    public StoragePolicy policy(EventType type) {
        return storage.getOrDefault(type, StoragePolicy.NONE);
    }

    public boolean has(Channel channel) {
        return channels.contains(channel);
    }

    /** The channel interval for a connection: the configured one, else {@code raw} if authenticated. */
    public String interval(boolean authenticated) {
        return interval != null ? interval : DeribitChannels.interval(authenticated);
    }

    /** Deribit chart resolution of a Basis candle interval. */
    static String candleResolution(String basis) {
        if (basis == null) {
            return "1";
        }
        return switch (basis.trim().toLowerCase(Locale.ROOT)) {
            case "1m" -> "1";
            case "3m" -> "3";
            case "5m" -> "5";
            case "10m" -> "10";
            case "15m" -> "15";
            case "30m" -> "30";
            case "1h", "60m" -> "60";
            case "2h" -> "120";
            case "3h" -> "180";
            case "6h" -> "360";
            case "12h" -> "720";
            case "1d" -> "1D";
            default -> throw new IllegalArgumentException("deribit: candles interval must be one of 1m, 3m, 5m, 10m,"
                    + " 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, not " + basis);
        };
    }

    private static String interval(VenueConfig venue) {
        String found = null;
        for (Channel c : List.of(Channel.OPTION_TICKER, Channel.BOOK, Channel.TRADES)) {
            String v = option(venue, c, "interval");
            if (v == null) {
                continue;
            }
            if (!List.of("100ms", "raw", "agg2").contains(v)) {
                throw new IllegalArgumentException("deribit: " + c.id() + " interval must be 100ms, raw or agg2, not "
                        + v);
            }
            if (found != null && !found.equals(v)) {
                throw new IllegalArgumentException("deribit: all channels share one interval on the connection; "
                        + "found both " + found + " and " + v);
            }
            found = v;
        }
        return found;
    }

    private static Duration tickerEvery(VenueConfig venue) {
        Duration every = null;
        for (Channel c : List.of(Channel.MARK_PRICE, Channel.INDEX_PRICE, Channel.OPEN_INTEREST, Channel.FUNDING)) {
            Duration d = duration(venue, c, "snapshot-interval", null);
            if (d != null && (every == null || d.compareTo(every) < 0)) {
                every = d;
            }
        }
        return every == null ? Duration.ofSeconds(1) : every;
    }

    private static int integer(VenueConfig venue, Channel channel, String name, int fallback) {
        Integer v = optionalInteger(venue, channel, name);
        return v == null ? fallback : v;
    }

    private static Integer optionalInteger(VenueConfig venue, Channel channel, String name) {
        String v = option(venue, channel, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("deribit: " + channel.id() + " " + name + " must be a whole number, not "
                    + v);
        }
    }

    private static Duration duration(VenueConfig venue, Channel channel, String name, Duration fallback) {
        String v = option(venue, channel, name);
        if (v == null) {
            return fallback;
        }
        try {
            return DurationNotation.parseNonNegative(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deribit: " + channel.id() + " " + name
                    + " must be a duration like 100ms, 1s, 5m, 1h, not " + v);
        }
    }

    private static String option(VenueConfig venue, Channel channel, String name) {
        return venue.channel(channel).flatMap(c -> c.option(name)).orElse(null);
    }

    private static Map<Channel, List<EventType>> produces() {
        Map<Channel, List<EventType>> m = new EnumMap<>(Channel.class);
        m.put(Channel.INSTRUMENTS, List.of(EventType.INSTRUMENT));
        m.put(Channel.TRADES, List.of(EventType.TRADE));
        m.put(Channel.LIQUIDATIONS, List.of(EventType.LIQUIDATION));
        m.put(Channel.FUNDING, List.of(EventType.FUNDING_RATE));
        m.put(Channel.OPEN_INTEREST, List.of(EventType.OPEN_INTEREST));
        m.put(Channel.MARK_PRICE, List.of(EventType.MARK_PRICE));
        m.put(Channel.INDEX_PRICE, List.of(EventType.INDEX_PRICE));
        m.put(Channel.BOOK, List.of(EventType.BOOK_SNAPSHOT));
        m.put(Channel.CANDLES, List.of(EventType.CANDLE));
        m.put(Channel.OPTION_TICKER, List.of(EventType.OPTION_TICKER));
        m.put(Channel.VOLATILITY_INDEX, List.of(EventType.VOLATILITY_INDEX));
        return Collections.unmodifiableMap(m);
    }
}
