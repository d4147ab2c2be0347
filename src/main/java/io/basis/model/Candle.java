package io.basis.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An OHLCV candle; {@link #venueTime()} is the candle's open time.
 *
 * <p>Natural key: venue + symbol + interval + open time. A still-open candle ({@code closed == false}) is replaced
 * by later updates of the same key; once a closed candle is stored it is final.
 *
 * @param volume      in the venue's native size unit
 * @param quoteVolume in the quote currency, when published
 * @param tradeCount  number of trades, when published
 */
public record Candle(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        Duration interval,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        Long tradeCount,
        boolean closed) implements MarketEvent {

    public Candle {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (interval.isNegative() || interval.isZero() || interval.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("candle interval must be a positive number of seconds: " + interval);
        }
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.CANDLE;
    }
}
