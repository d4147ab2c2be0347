package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A venue's index price; {@link #symbol()} is the index name (e.g. {@code btc_usd}). Natural key: venue + symbol + venue time. */
public record IndexPrice(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        BigDecimal price) implements MarketEvent {

    public IndexPrice {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.INDEX_PRICE;
    }
}
