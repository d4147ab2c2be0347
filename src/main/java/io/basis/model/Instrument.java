package io.basis.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A tradable (or index) instrument as the venue lists it.
 *
 * <p>Natural key: venue + {@link #symbol()} (the venue symbol). A later listing of the same key replaces the stored
 * metadata. {@code normalizedSymbol} follows {@code BASE-QUOTE-PERP}, {@code BASE-QUOTE-YYMMDD} for futures,
 * {@code BASE-QUOTE-YYMMDD-STRIKE-C|P} for options, {@code BASE-QUOTE} for spot and {@code BASE-INDEXNAME} for indices.
 *
 * @param contractSize value of one contract: base units for linear contracts, USD for inverse ones (e.g. 100)
 * @param expiry       null for spot, perpetuals and indices
 * @param strike       options only
 * @param optionType   options only
 */
public record Instrument(
        String venue,
        String symbol,
        String normalizedSymbol,
        InstrumentKind kind,
        String base,
        String quote,
        String settle,
        BigDecimal contractSize,
        ContractType contractType,
        Instant expiry,
        BigDecimal strike,
        OptionType optionType,
        BigDecimal tickSize,
        BigDecimal lotSize,
        Instant venueTime,
        Instant receivedAt) implements MarketEvent {

    public Instrument {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(normalizedSymbol, "normalizedSymbol");
        Objects.requireNonNull(kind, "kind");
        expiry = Times.micros(expiry);
        venueTime = Times.requireMicros(venueTime, "venueTime");
        receivedAt = Times.requireMicros(receivedAt, "receivedAt");
        if (kind == InstrumentKind.OPTION && (strike == null || optionType == null || expiry == null)) {
            throw new IllegalArgumentException("option " + symbol + " needs strike, optionType and expiry");
        }
    }

    @Override
    public EventType type() {
        return EventType.INSTRUMENT;
    }

    public boolean inverse() {
        return contractType == ContractType.INVERSE;
    }
}
