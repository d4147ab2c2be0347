package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A forced liquidation order. {@link #side()} is the side of the liquidation order: SELL closes a long position.
 *
 * <p>Natural key: venue + symbol + venue time + side + price + amount (venues publish no liquidation id).
 */
public record Liquidation(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        Side side,
        BigDecimal price,
        BigDecimal amount,
        BigDecimal baseAmount,
        BigDecimal notional) implements MarketEvent {

    public Liquidation {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(amount, "amount");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.LIQUIDATION;
    }
}
