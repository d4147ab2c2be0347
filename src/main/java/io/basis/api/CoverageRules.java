package io.basis.api;

import io.basis.config.Channel;
import io.basis.config.VenueConfig;
import io.basis.model.EventType;
import org.springframework.boot.convert.DurationStyle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The expected interval of each data type, i.e. what "complete" means for it, from the venue's configuration:
 * <ul>
 *   <li>candles: one candle per candle interval (the channel's {@code interval}, default 1m: 1,440 a day);</li>
 *   <li>funding: one funding period per stored funding interval (8h: 3 a day; Deribit's hourly rows of the 8-hour
 *       rate count per 8-hour period);</li>
 *   <li>open interest: one value per poll interval ({@code poll-interval}, default 1m);</li>
 *   <li>long/short ratios: one per {@code period} (default 5m);</li>
 *   <li>option quotes: hours with at least one quote (quotes are stored only when they change);</li>
 *   <li>mark and index prices, books, volatility index: minutes with at least one event;</li>
 *   <li>trades and liquidations: not measured, listed only - they happen when the market trades (a quiet minute of
 *       an illiquid symbol, or of a {@code large-only} channel, is not missing data); the gap ledger has their
 *       outages.</li>
 * </ul>
 * A thinned channel ({@code snapshot-interval}) stores at most about one value per interval, so its expected interval
 * is never shorter than that. A symbol is complete when every measured type it has reaches {@value #COMPLETE_PERCENT}%
 * of its expected intervals over the last 24 hours; one with unmeasured types only, when something of it was stored
 * in the last 24 hours.
 */
public final class CoverageRules {
    static final double COMPLETE_PERCENT = 99.0;
    static final Duration MINUTE = Duration.ofMinutes(1);

    private CoverageRules() {
    }

    /**
     * The expected interval of a type on a venue ({@code venue} null: the defaults), or empty when the type is not
     * measured. Public for {@code basis bench query}, which times the coverage measurement with these rules.
     */
    public static Optional<Duration> bucket(EventType type, VenueConfig venue, Integer fundingIntervalSeconds) {
        return switch (type) {
            case INSTRUMENT, TRADE, LIQUIDATION -> Optional.empty();
            case CANDLE -> Optional.of(option(venue, Channel.CANDLES, "interval", MINUTE));
            case FUNDING_RATE -> Optional.of(fundingIntervalSeconds == null || fundingIntervalSeconds <= 0
                    ? Duration.ofHours(8) : Duration.ofSeconds(fundingIntervalSeconds));
            case OPEN_INTEREST -> Optional.of(thinned(venue, Channel.OPEN_INTEREST,
                    option(venue, Channel.OPEN_INTEREST, "poll-interval", MINUTE)));
            case LONG_SHORT_RATIO -> Optional.of(option(venue, Channel.LONG_SHORT_RATIO, "period",
                    Duration.ofMinutes(5)));
            case OPTION_TICKER -> Optional.of(thinned(venue, Channel.OPTION_TICKER, Duration.ofHours(1)));
            case MARK_PRICE -> Optional.of(thinned(venue, Channel.MARK_PRICE, MINUTE));
            case INDEX_PRICE -> Optional.of(thinned(venue, Channel.INDEX_PRICE, MINUTE));
            case BOOK_SNAPSHOT -> Optional.of(thinned(venue, Channel.BOOK, MINUTE));
            case VOLATILITY_INDEX -> Optional.of(thinned(venue, Channel.VOLATILITY_INDEX, MINUTE));
        };
    }

    /**
     * Whether a symbol is complete, from its stored types' coverage ({@code types}: those with data in the last
     * 7 days) and whether anything of it was stored in the last 24 hours.
     */
    static boolean complete(List<CoverageResponse.TypeCoverage> types, boolean storedLast24h) {
        boolean measured = types.stream().anyMatch(t -> t.expectedInterval() != null);
        if (!measured) {
            return !types.isEmpty() && storedLast24h;
        }
        return types.stream().allMatch(t -> t.expectedInterval() == null
                || (t.percent24h() != null && t.percent24h() >= COMPLETE_PERCENT));
    }

    /** present / expected as a percentage with one decimal (half up), or null when nothing is expected. */
    static Double percent(long present, long expected) {
        if (expected <= 0) {
            return null;
        }
        return BigDecimal.valueOf(present * 100L).divide(BigDecimal.valueOf(expected), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** The headline, e.g. {@code 104/127 symbols (81.9%)}. */
    static String headline(int complete, int tracked) {
        Double p = percent(complete, tracked);
        return complete + "/" + tracked + " symbols (" + (p == null ? "0.0" : p) + "%)";
    }

    /** {@code interval}, or the channel's {@code snapshot-interval} when that is longer. */
    private static Duration thinned(VenueConfig venue, Channel channel, Duration interval) {
        Duration snapshot = option(venue, channel, "snapshot-interval", Duration.ZERO);
        return snapshot.compareTo(interval) > 0 ? snapshot : interval;
    }

    private static Duration option(VenueConfig venue, Channel channel, String name, Duration fallback) {
        if (venue == null) {
            return fallback;
        }
        Optional<String> value = venue.channel(channel).flatMap(c -> c.option(name));
        try {
            Duration d = value.map(DurationStyle::detectAndParse).orElse(fallback);
            return d.isNegative() || d.isZero() ? fallback : d;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
