package io.basis.model;

import java.time.Instant;

/**
 * One normalized market-data event, identical for every venue.
 *
 * <p>Every event names its venue and the venue's own instrument symbol, and carries two clocks: the venue's
 * timestamp ({@link #venueTime()}) and the local receive time ({@link #receivedAt()}), both UTC and truncated to
 * microseconds, the resolution PostgreSQL stores. Each implementation documents its natural key: two events with
 * the same key are the same fact, and storage writes them once.
 */
public sealed interface MarketEvent
        permits Instrument, Trade, Liquidation, FundingRate, OpenInterest, MarkPrice, IndexPrice, BookSnapshot,
                Candle, OptionTicker, VolatilityIndex, LongShortRatio {

    /** Venue id as configured, e.g. {@code binance-usdm}. */
    String venue();

    /** The venue's own symbol, e.g. {@code BTCUSDT} or {@code BTC-27DEC26-100000-C}. */
    String symbol();

    Instant venueTime();

    Instant receivedAt();

    EventType type();
}
