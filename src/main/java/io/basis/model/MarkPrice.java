package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Mark price of a derivative, with the index and estimated settlement price when the same message carries them.
 * Natural key: venue + symbol + venue time.
 */
public record MarkPrice(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        BigDecimal markPrice,
        BigDecimal indexPrice,
        BigDecimal estimatedSettlePrice) implements MarketEvent {

    public MarkPrice {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(markPrice, "markPrice");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.MARK_PRICE;
    }
}
