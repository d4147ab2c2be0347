package io.basis.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Top-N order-book levels of both sides, best first, as of the venue sequence number {@link #sequence()}.
 * Natural key: venue + symbol + venue time + sequence.
 */
public record BookSnapshot(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        long sequence,
        List<PriceLevel> bids,
        List<PriceLevel> asks) implements MarketEvent {

    public BookSnapshot {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.BOOK_SNAPSHOT;
    }

    public int depth() {
        return Math.max(bids.size(), asks.size());
    }
}
