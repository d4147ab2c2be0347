package io.basis.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A long/short ratio over one period. For account and position ratios {@code longValue}/{@code shortValue} are the
 * long and short shares; for {@link LongShortKind#TAKER_BUY_SELL} they are taker buy and sell volumes.
 *
 * <p>Natural key: venue + symbol + kind + period + venue time.
 */
public record LongShortRatio(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        LongShortKind kind,
        Duration period,
        BigDecimal ratio,
        BigDecimal longValue,
        BigDecimal shortValue) implements MarketEvent {

    public LongShortRatio {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(ratio, "ratio");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.LONG_SHORT_RATIO;
    }
}
