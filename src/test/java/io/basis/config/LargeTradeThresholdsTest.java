package io.basis.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LargeTradeThresholdsTest {

    private static VenueConfig venue(Map<String, BigDecimal> largeTradeUsd) {
        return new VenueConfig("deribit", true, URI.create("https://rest.example"), null, List.of(), null,
                List.of("BTC"), largeTradeUsd, null, Map.of());
    }

    @Test
    void theBaseAssetsOwnThresholdElseTheDefaultInclusive() {
        LargeTradeThresholds t = LargeTradeThresholds.of(venue(Map.of("BTC", new BigDecimal("100000"),
                "default", new BigDecimal("5000"))));
        assertThat(t.isLarge("BTC", new BigDecimal("100000"))).isTrue();
        assertThat(t.isLarge("btc", new BigDecimal("99999.99"))).isFalse();
        assertThat(t.isLarge("SOL", new BigDecimal("5000"))).isTrue();
        assertThat(t.isLarge(null, new BigDecimal("4999"))).isFalse();
    }

    @Test
    void withoutAnEntryTheBuiltInValuesApplyAndWithoutDefaultTwentyThousand() {
        assertThat(LargeTradeThresholds.of(venue(Map.of()))).isEqualTo(LargeTradeThresholds.defaults());
        LargeTradeThresholds noDefault = LargeTradeThresholds.of(venue(Map.of("ETH", new BigDecimal("1"))));
        assertThat(noDefault.thresholdFor("ETH")).isEqualByComparingTo("1");
        assertThat(noDefault.thresholdFor("XRP")).isEqualByComparingTo("20000");
    }
}
