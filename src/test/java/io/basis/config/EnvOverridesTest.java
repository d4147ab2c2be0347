package io.basis.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.basis.config.Fixtures.at;
import static io.basis.config.Fixtures.failure;
import static io.basis.config.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class EnvOverridesTest {

    private static VenuesConfig loadValid(Map<String, String> env) {
        return VenuesConfigLoader.load(fixture("valid.yaml"), env);
    }

    @Test
    void overridesReplaceFileValues() {
        VenuesConfig config = loadValid(Map.of(
                "BASIS_VENUES_BINANCE_USDM_REST_URL", "https://demo-fapi.binance.com",
                "BASIS_VENUES_BINANCE_USDM_WS_URL", " wss://fstream.binancefuture.com/ ",
                "BASIS_VENUES_BINANCE_USDM_SYMBOLS", "BTCUSDT, ETHUSDT",
                "BASIS_VENUES_COINBASE_ENABLED", "TRUE",
                "BASIS_VENUES_FEAR_GREED_ENABLED", "false"));

        VenueConfig binance = config.venue("binance-usdm").orElseThrow();
        assertThat(binance.restUrl()).isEqualTo(URI.create("https://demo-fapi.binance.com"));
        assertThat(binance.wsUrl()).isEqualTo(URI.create("wss://fstream.binancefuture.com"));
        assertThat(binance.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(binance.symbolRule()).as("explicit symbols replace the rule").isNull();
        assertThat(config.venue("coinbase").orElseThrow().enabled()).isTrue();
        assertThat(config.venue("fear-greed").orElseThrow().enabled()).isFalse();
    }

    @Test
    void unrelatedVariablesAreIgnored() {
        VenuesConfig config = loadValid(Map.of("BASIS_VENUES_FILE", "other.yaml", "PATH", "/usr/bin",
                "BASIS_VENUES_", "x"));

        assertThat(config.venues()).hasSize(6);
    }

    @Test
    void badOverrideNamesTheVariableAndTheEntryItOverrides() {
        InvalidConfigException e = failure("valid.yaml",
                Map.of("BASIS_VENUES_BINANCE_USDM_WS_URL", "https://fstream.binance.com"));

        assertThat(e.getMessage()).isEqualTo(at("valid.yaml", 6, "venues.binance-usdm.ws-url")
                + "from environment variable BASIS_VENUES_BINANCE_USDM_WS_URL: 'https://fstream.binance.com' has scheme"
                + " 'https'; a WebSocket URL must use ws or wss");
    }

    @Test
    void overrideOfAKeyAbsentFromTheFilePointsAtTheVenue() {
        InvalidConfigException e = failure("valid.yaml", Map.of("BASIS_VENUES_FEAR_GREED_WS_URL", "fear"));

        assertThat(e.getMessage()).startsWith(at("valid.yaml", 26, "venues.fear-greed.ws-url")
                + "from environment variable BASIS_VENUES_FEAR_GREED_WS_URL: 'fear' is not an absolute URL");
    }

    @Test
    void badBooleanAndEmptySymbolsAreReportedTogether() {
        InvalidConfigException e = failure("valid.yaml", Map.of(
                "BASIS_VENUES_DERIBIT_ENABLED", "maybe",
                "BASIS_VENUES_COINBASE_SYMBOLS", "BTC-USD,,ETH-USD"));

        assertThat(e.getMessage().lines()).containsExactly(
                at("valid.yaml", 13, "venues.deribit.enabled")
                        + "from environment variable BASIS_VENUES_DERIBIT_ENABLED: 'maybe' is not a boolean (true, false)",
                at("valid.yaml", 23, "venues.coinbase.symbols")
                        + "from environment variable BASIS_VENUES_COINBASE_SYMBOLS: empty symbol in 'BTC-USD,,ETH-USD';"
                        + " expected a comma-separated list like BTCUSDT,ETHUSDT");
    }

    @Test
    void misspeltVenueInVariableNameIsReported() {
        InvalidConfigException e = failure("valid.yaml", Map.of("BASIS_VENUES_BINANCE_USMD_ENABLED", "true"));

        assertThat(e.getMessage()).startsWith(fixture("valid.yaml") + ": BASIS_VENUES_BINANCE_USMD_ENABLED: unknown"
                + " venue in environment variable name 'BINANCE_USMD'; did you mean 'BINANCE_USDM'?");
    }

    @Test
    void overrideOfAVenueMissingFromTheFileIsReported() {
        InvalidConfigException e = failure("valid.yaml", Map.of("BASIS_VENUES_OKX_ENABLED", "true"));

        assertThat(e.getMessage()).isEqualTo(fixture("valid.yaml") + ": BASIS_VENUES_OKX_ENABLED: venue 'okx' is not"
                + " in " + fixture("valid.yaml") + "; overrides only change existing entries, so add it to the file"
                + " first");
    }

    @Test
    void enablingAVenueWithoutChannelsIsCaughtAfterOverrides() {
        String yaml = """
                venues:
                  coinapi:
                    enabled: false
                    rest-url: https://rest.coinapi.io
                """;

        InvalidConfigException e = failure(() -> VenuesConfigLoader.parse(yaml, java.nio.file.Path.of("c.yaml"),
                Map.of("BASIS_VENUES_COINAPI_ENABLED", "true")));

        assertThat(e.getMessage()).isEqualTo(
                "c.yaml:2: venues.coinapi: an enabled venue needs 'channels' with at least one channel");
    }

    @Test
    void variableNamesFollowTheDocumentedPattern() {
        assertThat(EnvOverrides.variable("binance-usdm", EnvOverrides.Field.WS_URL))
                .isEqualTo("BASIS_VENUES_BINANCE_USDM_WS_URL");
        assertThat(VenueId.FEAR_GREED.envName()).isEqualTo("FEAR_GREED");
    }
}
