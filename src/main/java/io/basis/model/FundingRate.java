package io.basis.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The funding rate of a perpetual for one funding period.
 *
 * <p>Natural key: venue + symbol + {@link #fundingTime()}, the instant the rate settles. Live streams publish an
 * estimate many times per period and history endpoints the settled value; both share the key, and the newest
 * observation ({@link #venueTime()}) is the one kept, so the stored row converges to the settled rate.
 *
 * @param rate          the rate for the period that settles at fundingTime (an estimate until then)
 * @param predictedRate the venue's prediction for the following period, when published
 * @param interval      the funding period length, when known
 */
public record FundingRate(
        String venue,
        String symbol,
        Instant venueTime,
        Instant receivedAt,
        Instant fundingTime,
        BigDecimal rate,
        BigDecimal predictedRate,
        Duration interval) implements MarketEvent {

    public FundingRate {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(rate, "rate");
        fundingTime = Times.requireMicros(fundingTime, "fundingTime");
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
    }

    @Override
    public EventType type() {
        return EventType.FUNDING_RATE;
    }

    /** True once the observation was made at or after the settlement instant. */
    public boolean settled() {
        return !venueTime.isBefore(fundingTime);
    }
}
