package io.basis.venue.binanceusdm;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.DurationNotation;
import io.basis.config.LargeTradeThresholds;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;
import io.basis.model.EventType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Binance USD-M venue entry asks for, interpreted once: the storage policy per event type, the large-trade
 * thresholds, stream options and book settings. Immutable.
 *
 * <p>Channel options read: {@code candles.interval} (kline interval, default 1m), {@code mark-price.interval}
 * ({@code 1s} or {@code 3s}, default 1s), {@code book.depth} (levels stored, default 20),
 * {@code book.snapshot-interval} (Basis duration, default 1s: a book snapshot at most this often per symbol — the
 * first change of an interval at once, the book after later changes once the interval has passed, so the stored book
 * is never older than one interval; {@code 0ms} stores every change), {@code book.update-speed}
 * (100ms/250ms/500ms, default 100ms), {@code open-interest.poll-interval} (default 1m). Large trades:
 * {@link LargeTradeThresholds#of(VenueConfig)}.
 */
public record BinanceUsdmSettings(Map<EventType, StoragePolicy> storage, LargeTradeThresholds thresholds,
                                  BinanceUsdmChannels.Options options, int bookDepth, Duration snapshotInterval,
                                  Duration openInterestPoll, List<Channel> channels) {

    public BinanceUsdmSettings {
        storage = Map.copyOf(storage);
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(options, "options");
        channels = List.copyOf(channels);
        if (bookDepth < 1) {
            throw new IllegalArgumentException("book depth must be positive: " + bookDepth);
        }
    }

    /** @throws IllegalArgumentException for a channel or option Binance USD-M cannot serve */
    public static BinanceUsdmSettings of(VenueConfig venue) {
        Map<EventType, StoragePolicy> storage = new EnumMap<>(EventType.class);
        for (ChannelConfig c : venue.channels().values()) {
            for (EventType t : BinanceUsdmChannels.capability(c.channel()).produces()) {
                storage.put(t, c.storage());
            }
        }
        LargeTradeThresholds thresholds = LargeTradeThresholds.of(venue);
        String kline = option(venue, Channel.CANDLES, "interval");
        String mark = option(venue, Channel.MARK_PRICE, "interval");
        String speed = option(venue, Channel.BOOK, "update-speed");
        String depth = option(venue, Channel.BOOK, "depth");
        String every = option(venue, Channel.BOOK, "snapshot-interval");
        String poll = option(venue, Channel.OPEN_INTEREST, "poll-interval");
        return new BinanceUsdmSettings(storage, thresholds, new BinanceUsdmChannels.Options(kline, mark, speed),
                depth == null ? 20 : Integer.parseInt(depth.trim()),
                every == null ? Duration.ofSeconds(1) : DurationNotation.parse(every),
                poll == null ? Duration.ofMinutes(1) : DurationNotation.parse(poll),
                List.copyOf(venue.channels().keySet()));
    }

    /** The policy for an event type; {@link StoragePolicy#NONE} when no configured channel produces it. */
    public StoragePolicy policy(EventType type) {
        return storage.getOrDefault(type, StoragePolicy.NONE);
    }

    public boolean has(Channel channel) {
        return channels.contains(channel);
    }

    private static String option(VenueConfig venue, Channel channel, String name) {
        return venue.channel(channel).flatMap(c -> c.option(name)).orElse(null);
    }
}
