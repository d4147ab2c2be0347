package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Quote, implied volatility and greeks of one option. IVs are in percent as venues publish them (Deribit: 55.2).
 * Any field but the mark price may be null when the venue has no value (e.g. an empty bid side).
 *
 * <p>Natural key: venue + symbol + venue time.
 */
public record OptionTicker(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        BigDecimal bidPrice,
        BigDecimal bidAmount,
        BigDecimal askPrice,
        BigDecimal askAmount,
        BigDecimal markPrice,
        BigDecimal bidIv,
        BigDecimal askIv,
        BigDecimal markIv,
        BigDecimal delta,
        BigDecimal gamma,
        BigDecimal vega,
        BigDecimal theta,
        BigDecimal rho,
        BigDecimal openInterest,
        BigDecimal underlyingPrice,
        String underlyingIndex) implements MarketEvent {

    public OptionTicker {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(markPrice, "markPrice");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.OPTION_TICKER;
    }
}
