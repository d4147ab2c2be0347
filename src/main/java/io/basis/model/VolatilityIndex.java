package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A volatility index value (e.g. Deribit DVOL); {@link #symbol()} is the index name. Natural key: venue + symbol + venue time. */
public record VolatilityIndex(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        BigDecimal value) implements MarketEvent {

    public VolatilityIndex {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(value, "value");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.VOLATILITY_INDEX;
    }
}
