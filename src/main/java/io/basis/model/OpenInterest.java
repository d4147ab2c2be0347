package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Open interest of one instrument at one instant. Natural key: venue + symbol + venue time.
 *
 * @param amount     in the venue's native unit (contracts for inverse, base units for most linear venues)
 * @param baseAmount in the base currency, when derivable
 * @param notional   USD (quote) value
 */
public record OpenInterest(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        BigDecimal amount,
        BigDecimal baseAmount,
        BigDecimal notional) implements MarketEvent {

    public OpenInterest {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.OPEN_INTEREST;
    }
}
