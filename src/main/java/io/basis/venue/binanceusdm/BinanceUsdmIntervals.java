package io.basis.venue.binanceusdm;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Binance interval names and their lengths. Kline intervals are those of the
 * <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Kline-Candlestick-Streams">kline
 * stream</a> except {@code 1M}: a calendar month has no fixed length, and a {@link io.basis.model.Candle} needs one.
 * Statistics periods are those the {@code /futures/data/*} endpoints accept.
 */
public final class BinanceUsdmIntervals {

    private static final Map<String, Duration> KLINE = lengths("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h",
            "8h", "12h", "1d", "3d", "1w");
    private static final Map<String, Duration> STATISTICS = lengths("5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h",
            "1d");

    private BinanceUsdmIntervals() {
    }

    /** Kline interval names in increasing length. */
    public static Set<String> klineIntervals() {
        return KLINE.keySet();
    }

    /** Periods accepted by openInterestHist and the long/short ratio endpoints. */
    public static Set<String> statisticsPeriods() {
        return STATISTICS.keySet();
    }

    /** The length of a kline interval, e.g. {@code 1h} → PT1H; IllegalArgumentException for unknown names and 1M. */
    public static Duration klineLength(String interval) {
        Duration d = KLINE.get(interval);
        if (d == null) {
            throw new IllegalArgumentException("unsupported kline interval '" + interval + "', expected one of "
                    + KLINE.keySet());
        }
        return d;
    }

    /** The length of a statistics period, e.g. {@code 5m}; IllegalArgumentException for unknown names. */
    public static Duration statisticsLength(String period) {
        Duration d = STATISTICS.get(period);
        if (d == null) {
            throw new IllegalArgumentException("unsupported statistics period '" + period + "', expected one of "
                    + STATISTICS.keySet());
        }
        return d;
    }

    /** The kline interval name of a length (e.g. PT5M → {@code 5m}); IllegalArgumentException if Binance has none. */
    public static String klineInterval(Duration length) {
        return nameOf(KLINE, length, "kline interval");
    }

    /** The statistics period name of a length; IllegalArgumentException if Binance has none. */
    public static String statisticsPeriod(Duration length) {
        return nameOf(STATISTICS, length, "statistics period");
    }

    private static String nameOf(Map<String, Duration> names, Duration length, String what) {
        for (Map.Entry<String, Duration> e : names.entrySet()) {
            if (e.getValue().equals(length)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("Binance has no " + what + " of " + length + ", expected one of "
                + names.keySet());
    }

    private static Map<String, Duration> lengths(String... names) {
        Map<String, Duration> out = new LinkedHashMap<>();
        for (String name : names) {
            long n = Long.parseLong(name.substring(0, name.length() - 1));
            Duration unit = switch (name.charAt(name.length() - 1)) {
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                case 'd' -> Duration.ofDays(1);
                case 'w' -> Duration.ofDays(7);
                default -> throw new IllegalStateException(name);
            };
            out.put(name, unit.multipliedBy(n));
        }
        return Collections.unmodifiableMap(out);
    }
}
