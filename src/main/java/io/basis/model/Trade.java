package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One public trade.
 *
 * <p>Natural key: venue + symbol + {@link #tradeId()} (+ venue time, which a trade id fixes).
 *
 * @param amount     size in the venue's native unit exactly as sent: base units for linear, contracts for inverse
 * @param baseAmount size in the base currency (equal to amount for linear contracts)
 * @param notional   value in the quote currency (USD for inverse contracts: contracts x contract size)
 * @param large      whether the notional reached the configured large-trade threshold for the asset
 */
public record Trade(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        String tradeId,
        BigDecimal price,
        BigDecimal amount,
        BigDecimal baseAmount,
        BigDecimal notional,
        Side side,
        boolean large) implements MarketEvent {

    public Trade {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(side, "side");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.TRADE;
    }
}
