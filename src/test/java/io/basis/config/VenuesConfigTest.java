package io.basis.config;

import io.basis.model.InstrumentKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.basis.config.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VenuesConfigTest {

    @Test
    void enabledKeepsFileOrder() {
        assertThat(load("valid.yaml").enabled()).extracting(VenueConfig::id)
                .containsExactly("binance-usdm", "deribit", "fear-greed", "binance-coinm");
    }

    @Test
    void cryptosTrackedComeFromEnabledVenuesOnly() {
        // binance-usdm: large-trade-usd BTC, ETH; deribit: currencies BTC, SOL; binance-coinm: BTCUSD_PERP,
        // ADAUSD_PERP. The disabled coinbase entry (XRP-USD) does not count.
        assertThat(load("valid.yaml").cryptosTracked()).containsExactly("ADA", "BTC", "ETH", "SOL");
    }

    @Test
    void baseAssetRuleCoversEachVenueSymbolStyle() {
        Map<String, String> expected = Map.of(
                "BTCUSDT", "BTC", "ethusdc", "ETH", "BTC-USD", "BTC", "BTC-USDT-SWAP", "BTC",
                "BTCUSD_PERP", "BTC", "BTCUSDT_250926", "BTC", "BTC-PERPETUAL", "BTC", "BTC-27MAY20-9000-C", "BTC",
                "SOLPERP", "SOL", "ETHBTC", "ETHBTC");
        expected.forEach((symbol, base) -> assertThat(BaseAssets.baseOf(symbol)).as(symbol).contains(base));
        assertThat(BaseAssets.baseOf("USDT")).as("a bare quote is its own asset").contains("USDT");
    }

    @Test
    void apiKeyIsReadFromTheGivenEnvironment() {
        VenueConfig coinglass = load("valid.yaml").venue("coinglass").orElseThrow();

        assertThat(coinglass.apiKey(Map.of("COINGLASS_API_KEY", "cg-secret-42"))).contains("cg-secret-42");
        assertThat(coinglass.apiKey(Map.of("COINGLASS_API_KEY", "  "))).isEmpty();
        assertThat(coinglass.apiKey(Map.of())).isEmpty();
        assertThat(load("valid.yaml").venue("deribit").orElseThrow().apiKey(Map.of("COINGLASS_API_KEY", "x")))
                .as("no api-key-env").isEmpty();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        VenuesConfig config = load("valid.yaml");
        VenueConfig coinglass = config.venue("coinglass").orElseThrow();
        coinglass.apiKey(Map.of("COINGLASS_API_KEY", "cg-secret-42"));

        assertThat(coinglass.toString()).contains("COINGLASS_API_KEY").doesNotContain("cg-secret-42");
        assertThat(config.toString()).doesNotContain("cg-secret-42");
    }

    @Test
    void recordsEnforceTheirInvariants() {
        SymbolRule rule = new SymbolRule(5, InstrumentKind.PERPETUAL, null, RankBy.OPEN_INTEREST);
        URI rest = URI.create("https://example.com");

        assertThatThrownBy(() -> new VenueConfig("okx", true, rest, null, List.of("BTC-USDT-SWAP"), rule, null,
                null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelConfig(Channel.BOOK, StoragePolicy.LARGE_ONLY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SymbolRule(0, InstrumentKind.SPOT, null, RankBy.VOLUME))
                .isInstanceOf(IllegalArgumentException.class);

        VenueConfig minimal = new VenueConfig("okx", true, rest, null, null, rule, null, null, null, null);
        assertThat(minimal.symbols()).isEmpty();
        assertThat(minimal.largeTradeUsd("BTC")).isEmpty();
        assertThat(minimal.venueId()).isEqualTo(VenueId.OKX);
    }

    @Test
    void largeTradeThresholdFallsBackToDefault() {
        VenueConfig binance = load("valid.yaml").venue("binance-usdm").orElseThrow();

        assertThat(binance.largeTradeUsd("ETH")).contains(new BigDecimal("50000"));
        assertThat(binance.largeTradeUsd("DOGE")).contains(new BigDecimal("20000"));
    }

    @Test
    void idsMatchTheirSpelling() {
        assertThat(Channel.fromId("open-interest")).contains(Channel.OPEN_INTEREST);
        assertThat(StoragePolicy.fromId("large-only")).contains(StoragePolicy.LARGE_ONLY);
        assertThat(VenueId.fromId("fear-greed")).contains(VenueId.FEAR_GREED);
        assertThat(Channel.values()).filteredOn(Channel::allowsLargeOnly)
                .containsExactly(Channel.TRADES, Channel.LIQUIDATIONS);
    }
}
