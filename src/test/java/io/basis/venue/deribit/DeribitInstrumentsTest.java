package io.basis.venue.deribit;

import io.basis.model.ContractType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.OptionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.basis.venue.deribit.DeribitFixtures.rest;
import static org.assertj.core.api.Assertions.assertThat;

class DeribitInstrumentsTest {

    static final Instant RECEIVED = Instant.parse("2026-05-28T20:26:41.000001Z");
    static final Instant US_OUT = Instant.parse("2025-12-17T19:33:20.124567Z");

    final List<Instrument> all = DeribitInstruments.parse(rest("get_instruments_mixed"), RECEIVED);

    @Test
    void combosAreSkipped() {
        assertThat(all).extracting(Instrument::symbol)
                .containsExactly("BTC-25DEC26-100000-C", "BTC-PERPETUAL", "BTC-26JUN26", "BTC_USDC-PERPETUAL");
    }

    @Test
    void option() {
        Instrument o = all.get(0);
        assertThat(o.venue()).isEqualTo("deribit");
        assertThat(o.normalizedSymbol()).isEqualTo("BTC-USD-261225-100000-C");
        assertThat(o.kind()).isEqualTo(InstrumentKind.OPTION);
        assertThat(o.base()).isEqualTo("BTC");
        assertThat(o.quote()).isEqualTo("USD");
        assertThat(o.settle()).isEqualTo("BTC");
        assertThat(o.contractSize().toPlainString()).isEqualTo("1.0");
        assertThat(o.contractType()).isEqualTo(ContractType.INVERSE);
        assertThat(o.expiry()).isEqualTo(Instant.parse("2026-12-25T08:00:00Z"));
        assertThat(o.strike().toPlainString()).isEqualTo("100000.0");
        assertThat(o.optionType()).isEqualTo(OptionType.CALL);
        assertThat(o.tickSize().toPlainString()).isEqualTo("0.0005");
        assertThat(o.lotSize().toPlainString()).isEqualTo("0.1");
        assertThat(o.venueTime()).isEqualTo(US_OUT);
        assertThat(o.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void inversePerpetual() {
        Instrument p = all.get(1);
        assertThat(p.normalizedSymbol()).isEqualTo("BTC-USD-PERP");
        assertThat(p.kind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(p.base()).isEqualTo("BTC");
        assertThat(p.quote()).isEqualTo("USD");
        assertThat(p.settle()).isEqualTo("BTC");
        assertThat(p.contractSize().toPlainString()).isEqualTo("10.0");
        assertThat(p.contractType()).isEqualTo(ContractType.INVERSE);
        assertThat(p.expiry()).isNull();
        assertThat(p.strike()).isNull();
        assertThat(p.optionType()).isNull();
        assertThat(p.tickSize().toPlainString()).isEqualTo("0.5");
        assertThat(p.lotSize().toPlainString()).isEqualTo("10.0");
        assertThat(p.venueTime()).isEqualTo(US_OUT);
        assertThat(p.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void datedFuture() {
        Instrument f = all.get(2);
        assertThat(f.normalizedSymbol()).isEqualTo("BTC-USD-260626");
        assertThat(f.kind()).isEqualTo(InstrumentKind.FUTURE);
        assertThat(f.base()).isEqualTo("BTC");
        assertThat(f.quote()).isEqualTo("USD");
        assertThat(f.settle()).isEqualTo("BTC");
        assertThat(f.contractSize().toPlainString()).isEqualTo("10.0");
        assertThat(f.contractType()).isEqualTo(ContractType.INVERSE);
        assertThat(f.expiry()).isEqualTo(Instant.parse("2026-06-26T08:00:00Z"));
        assertThat(f.strike()).isNull();
        assertThat(f.optionType()).isNull();
        assertThat(f.tickSize().toPlainString()).isEqualTo("2.5");
        assertThat(f.lotSize().toPlainString()).isEqualTo("10.0");
    }

    @Test
    void linearUsdcPerpetual() {
        Instrument l = all.get(3);
        assertThat(l.normalizedSymbol()).isEqualTo("BTC-USDC-PERP");
        assertThat(l.kind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(l.base()).isEqualTo("BTC");
        assertThat(l.quote()).isEqualTo("USDC");
        assertThat(l.settle()).isEqualTo("USDC");
        assertThat(l.contractSize().toPlainString()).isEqualTo("0.0001");
        assertThat(l.contractType()).isEqualTo(ContractType.LINEAR);
        assertThat(l.expiry()).isNull();
        assertThat(l.tickSize().toPlainString()).isEqualTo("1.0");
        assertThat(l.lotSize().toPlainString()).isEqualTo("0.0001");
    }
}
