package io.basis.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.basis.config.Fixtures.at;
import static io.basis.config.Fixtures.failure;
import static io.basis.config.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of mistake yields a message naming the file, the line, the key path and the problem. */
class VenuesConfigErrorsTest {

    @Test
    void unknownVenueIdListsTheKnownIds() {
        InvalidConfigException e = failure("unknown-venue.yaml");

        assertThat(e.getMessage()).isEqualTo(at("unknown-venue.yaml", 7, "venues.binanse-coinm")
                + "unknown venue id 'binanse-coinm'; did you mean 'binance-coinm'? Known: binance-usdm, binance-coinm,"
                + " bybit, okx, deribit, coinbase, cme, coingecko, fear-greed, coinglass, lunarcrush, coinapi");
    }

    @Test
    void unknownKeyIsRejected() {
        InvalidConfigException e = failure("unknown-key.yaml");

        assertThat(e.getMessage()).startsWith(at("unknown-key.yaml", 5, "venues.bybit.ws_url")
                + "unknown key 'ws_url'; did you mean 'ws-url'? Known: enabled, rest-url, ws-url,");
    }

    @Test
    void wrongUrlSchemeIsRejected() {
        InvalidConfigException e = failure("bad-url-scheme.yaml");

        assertThat(e.getMessage()).isEqualTo(at("bad-url-scheme.yaml", 5, "venues.okx.ws-url")
                + "'https://ws.okx.com:8443/ws/v5' has scheme 'https'; a WebSocket URL must use ws or wss");
    }

    @Test
    void unknownStoragePolicyListsThePolicies() {
        InvalidConfigException e = failure("bad-storage-policy.yaml");

        assertThat(e.getMessage()).isEqualTo(at("bad-storage-policy.yaml", 9, "venues.binance-usdm.channels.trades")
                + "'some' is not a storage policy (all, large-only, none)");
    }

    @Test
    void largeOnlyIsOnlyForTradesAndLiquidations() {
        InvalidConfigException e = failure("large-only-on-book.yaml");

        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo(at("large-only-on-book.yaml", 9,
                "venues.binance-usdm.channels.book.storage")
                + "'large-only' is only valid for trades and liquidations; use all or none for book");
    }

    @Test
    void symbolsAndSymbolRuleAreExclusive() {
        InvalidConfigException e = failure("symbols-and-rule.yaml");

        assertThat(e.getMessage()).isEqualTo(at("symbols-and-rule.yaml", 6, "venues.bybit")
                + "set either 'symbols' or 'symbol-rule', not both");
    }

    @Test
    void topOutOfRangeIsRejected() {
        InvalidConfigException e = failure("bad-top.yaml");

        assertThat(e.getMessage()).isEqualTo(at("bad-top.yaml", 6, "venues.okx.symbol-rule.top")
                + "'5000' must be an integer from 1 to 1000");
    }

    @Test
    void malformedYamlNamesTheLine() {
        InvalidConfigException e = failure("malformed.yaml");

        assertThat(e.getMessage()).startsWith(fixture("malformed.yaml") + ":5: malformed YAML: ")
                .contains("column");
    }

    @Test
    void everyProblemIsReportedTogetherInLineOrder() {
        InvalidConfigException e = failure("many-problems.yaml");
        String file = "many-problems.yaml";

        assertThat(e.getMessage().lines()).containsExactly(
                at(file, 3, "venues.binance-usdm.enabled") + "'yes' is not a boolean (true, false)",
                at(file, 4, "venues.binance-usdm.rest-url")
                        + "'fapi.binance.com' is not an absolute URL; a REST URL starts with https://",
                at(file, 6, "venues.binance-usdm.symbols[1]") + "duplicate symbol 'BTCUSDT'",
                at(file, 8, "venues.binance-usdm.channels.trade") + "unknown channel 'trade'; did you mean 'trades'?"
                        + " Known: " + String.join(", ", Channel.ids()),
                at(file, 9, "venues.binance-usdm.channels.book")
                        + "missing required key 'storage' (all, large-only, none)",
                at(file, 10, "venues.binance-usdm.channels.candles")
                        + "'large-only' is only valid for trades and liquidations; use all or none for candles",
                at(file, 14, "venues.deribit.currencies") + "expected a list like [BTC, ETH], got 'BTC'",
                at(file, 15, "venues.deribit.symbol-rule.top") + "'0' must be an integer from 1 to 1000",
                at(file, 15, "venues.deribit.symbol-rule.kind")
                        + "'index' is not an instrument kind (spot, perpetual, future, option)",
                at(file, 15, "venues.deribit.symbol-rule.by") + "'price' is not a ranking (volume, open-interest)",
                at(file, 16, "venues.deribit.large-trade-usd.BTC")
                        + "'lots' is not a number; write a USD amount like 100000",
                at(file, 17, "venues.deribit.api-key-env") + "must be the NAME of an environment variable (letters,"
                        + " digits, '_'), e.g. COINGLASS_API_KEY; put the key itself in that variable, never in this file",
                at(file, 19, "venues.deribit.channels.trades") + "large-only needs 'large-trade-usd' with a 'default'"
                        + " threshold (USD) for assets not listed",
                at(file, 20, "venues.coinbase") + "missing required key 'enabled' (true or false)");
        assertThat(e.problems()).hasSize(14);
    }

    @Test
    void aSecretPastedAsApiKeyEnvIsNeverEchoed() {
        assertThat(failure("many-problems.yaml").getMessage()).doesNotContain("sk-live");
    }

    @Test
    void enabledVenueNeedsAChannel() {
        String yaml = """
                venues:
                  okx:
                    enabled: true
                    rest-url: https://www.okx.com
                """;

        InvalidConfigException e = failure(() -> VenuesConfigLoader.parse(yaml, Path.of("inline.yaml"), Map.of()));

        assertThat(e.getMessage()).isEqualTo(
                "inline.yaml:2: venues.okx: an enabled venue needs 'channels' with at least one channel");
    }

    @Test
    void duplicateKeysAndNonMappingsAreReported() {
        String yaml = """
                venues:
                  okx:
                    enabled: true
                    enabled: false
                    rest-url: https://www.okx.com
                    channels: [trades]
                """;

        InvalidConfigException e = failure(() -> VenuesConfigLoader.parse(yaml, Path.of("inline.yaml"), Map.of()));

        assertThat(e.getMessage().lines()).containsExactly(
                "inline.yaml:4: venues.okx.enabled: duplicate key (first on line 3)",
                "inline.yaml:6: venues.okx.channels: expected a mapping of 'key: value' lines, got a list");
    }

    @Test
    void urlWithCredentialsIsRejectedWithoutEchoingThem() {
        String yaml = """
                venues:
                  coinglass:
                    enabled: false
                    rest-url: https://open-api-v4.coinglass.com?key=hunter2
                """;

        InvalidConfigException e = failure(() -> VenuesConfigLoader.parse(yaml, Path.of("inline.yaml"), Map.of()));

        assertThat(e.getMessage()).startsWith("inline.yaml:4: venues.coinglass.rest-url: a REST URL must be a base URL")
                .doesNotContain("hunter2");
    }

    @Test
    void topLevelTyposAreCaught() {
        InvalidConfigException e = failure(() -> VenuesConfigLoader.parse("venue:\n  okx: {}\n", Path.of("t.yaml"),
                Map.of()));

        assertThat(e.getMessage()).isEqualTo("t.yaml:1: venue: unknown key 'venue'; did you mean 'venues'? Known: venues");
    }
}
