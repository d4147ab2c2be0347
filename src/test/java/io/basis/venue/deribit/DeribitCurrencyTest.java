package io.basis.venue.deribit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeribitCurrencyTest {

    @Test
    void settlementCurrenciesAreAskedForThemselves() {
        DeribitCurrency btc = DeribitCurrency.of("btc");
        assertThat(btc).isEqualTo(new DeribitCurrency("BTC", "BTC", false));
        assertThat(btc.covers("BTC-PERPETUAL")).isTrue();
        assertThat(btc.covers("BTC_USDC-PERPETUAL")).isTrue();
        assertThat(btc.indexName()).isEqualTo("btc_usd");
        assertThat(btc.hasVolatilityIndex()).isTrue();
        assertThat(DeribitCurrency.of("USDC")).isEqualTo(new DeribitCurrency("USDC", "USDC", false));
        assertThat(DeribitCurrency.of("USDC").hasVolatilityIndex()).isFalse();
    }

    @Test
    void otherCoinsAreTheirUsdcLinearInstruments() {
        DeribitCurrency sol = DeribitCurrency.of("SOL");
        assertThat(sol).isEqualTo(new DeribitCurrency("SOL", "USDC", true));
        assertThat(sol.covers("SOL_USDC-PERPETUAL")).isTrue();
        assertThat(sol.covers("SOL_USDC-27DEC26-200-C")).isTrue();
        assertThat(sol.covers("XRP_USDC-PERPETUAL")).isFalse();
        assertThat(sol.covers("SOLX_USDC-PERPETUAL")).isFalse();
        assertThat(sol.indexName()).isEqualTo("sol_usdc");
        assertThat(sol.hasVolatilityIndex()).isFalse();
    }
}
