package io.basis.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTest {

    /** Venue decimal strings as exchanges send them: trailing zeros, tiny steps, huge notionals. */
    @ParameterizedTest
    @ValueSource(strings = {"67123.40", "0.00100", "0.00000001", "1500", "10659509.000", "-0.00002500", "0",
            "0.0", "123456789012345678.123456789", "1.00000000"})
    void decimalsKeepTheVenueString(String venueText) {
        Trade t = new Trade("v", "S", Instant.EPOCH, Instant.EPOCH, "1", new BigDecimal(venueText),
                new BigDecimal(venueText), null, null, Side.BUY, false);
        assertThat(t.price().toPlainString()).isEqualTo(venueText);
        assertThat(t.amount().toPlainString()).isEqualTo(venueText);
    }

    @Test
    void timestampsAreTruncatedToMicrosecondsLikePostgres() {
        Instant nanos = Instant.parse("2026-01-02T03:04:05.123456789Z");
        Trade t = new Trade("v", "S", nanos, nanos, "1", BigDecimal.ONE, BigDecimal.ONE, null, null, Side.SELL, true);
        assertThat(t.venueTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(t.receivedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(Times.ofEpochMicros(1_700_000_000_123_456L)).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    }

    @Test
    void requiredFieldsAreChecked() {
        assertThatThrownBy(() -> new Trade("v", "S", null, Instant.EPOCH, "1", BigDecimal.ONE, BigDecimal.ONE, null,
                null, Side.BUY, false)).hasMessageContaining("venueTime");
        assertThatThrownBy(() -> new Instrument("deribit", "BTC-X", "BTC-X", InstrumentKind.OPTION, "BTC", "USD",
                "BTC", BigDecimal.ONE, ContractType.INVERSE, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH))
                .hasMessageContaining("strike");
        assertThatThrownBy(() -> new Candle("v", "S", Instant.EPOCH, Instant.EPOCH, Duration.ofMillis(1500),
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null, null, true))
                .hasMessageContaining("seconds");
    }

    @Test
    void inverseInstrumentsAndSettledFundingAreDerived() {
        Instrument inverse = new Instrument("binance-coinm", "BTCUSD_PERP", "BTC-USD-PERP", InstrumentKind.PERPETUAL,
                "BTC", "USD", "BTC", new BigDecimal("100"), ContractType.INVERSE, null, null, null, null, null,
                Instant.EPOCH, Instant.EPOCH);
        assertThat(inverse.inverse()).isTrue();
        Instant settle = Instant.parse("2026-01-01T08:00:00Z");
        FundingRate estimate = new FundingRate("v", "S", settle.minusSeconds(1), settle, settle, BigDecimal.ONE, null, null);
        FundingRate settled = new FundingRate("v", "S", settle, settle, settle, BigDecimal.ONE, null, null);
        assertThat(estimate.settled()).isFalse();
        assertThat(settled.settled()).isTrue();
    }

    @Test
    void bookSnapshotsAreImmutableCopies() {
        List<PriceLevel> bids = new java.util.ArrayList<>(List.of(new PriceLevel(BigDecimal.TEN, BigDecimal.ONE)));
        BookSnapshot b = new BookSnapshot("v", "S", Instant.EPOCH, Instant.EPOCH, 7, bids, List.of());
        bids.clear();
        assertThat(b.bids()).hasSize(1);
        assertThat(b.depth()).isEqualTo(1);
    }

    @Test
    void everyEventTypeNamesItsRecordAndIsFoundById() {
        for (EventType t : EventType.values()) {
            assertThat(EventType.fromId(t.id())).contains(t);
            assertThat(MarketEvent.class.getPermittedSubclasses()).contains(t.recordType());
        }
        assertThat(MarketEvent.class.getPermittedSubclasses()).hasSize(EventType.values().length);
        assertThat(EventType.fromId("nope")).isEmpty();
    }
}
