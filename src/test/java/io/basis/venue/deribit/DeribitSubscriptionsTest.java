package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class DeribitSubscriptionsTest {

    static final DeribitTracking.Tracked TRACKED = new DeribitTracking.Tracked(
            new TreeSet<>(List.of("BTC-27JUN25-110000-C")), new TreeSet<>(List.of("BTC-27JUN25")),
            new TreeSet<>(List.of("BTC-PERPETUAL")), List.of("BTC", "ETH"));

    @Test
    void everyChannelOfTheTrackedSet() {
        List<String> channels = DeribitSubscriptions.channels(TRACKED, DeribitTestConfig.settings(Map.of()), "100ms");
        assertThat(channels).containsExactly(
                "ticker.BTC-27JUN25.100ms", "trades.BTC-27JUN25.100ms", "book.BTC-27JUN25.100ms",
                "ticker.BTC-27JUN25-110000-C.100ms", "trades.BTC-27JUN25-110000-C.100ms",
                "book.BTC-27JUN25-110000-C.100ms",
                "ticker.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms", "book.BTC-PERPETUAL.100ms",
                "deribit_volatility_index.btc_usd", "deribit_price_index.btc_usd",
                "deribit_volatility_index.eth_usd", "deribit_price_index.eth_usd");
        channels.forEach(c -> assertThat(DeribitChannels.parse(c)).as(c).isPresent());
    }

    @Test
    void aUsdcLinearCoinHasAUsdcPriceIndexAndNoDvol() {
        DeribitTracking.Tracked sol = new DeribitTracking.Tracked(new TreeSet<>(), new TreeSet<>(),
                new TreeSet<>(List.of("SOL_USDC-PERPETUAL")), List.of("SOL"));
        assertThat(DeribitSubscriptions.channels(sol, DeribitTestConfig.settings(Map.of()), "100ms")).containsExactly(
                "ticker.SOL_USDC-PERPETUAL.100ms", "trades.SOL_USDC-PERPETUAL.100ms", "book.SOL_USDC-PERPETUAL.100ms",
                "deribit_price_index.sol_usdc");
    }

    @Test
    void onlyConfiguredChannelsAndRawWhenAuthenticated() {
        Map<Channel, ChannelConfig> only = new LinkedHashMap<>();
        only.put(Channel.OPTION_TICKER, new ChannelConfig(Channel.OPTION_TICKER, StoragePolicy.ALL));
        only.put(Channel.LIQUIDATIONS, new ChannelConfig(Channel.LIQUIDATIONS, StoragePolicy.ALL));
        DeribitSettings s = DeribitSettings.of(DeribitTestConfig.venue(only, null));
        assertThat(DeribitSubscriptions.channels(TRACKED, s, "raw")).containsExactly(
                "trades.BTC-27JUN25.raw", "ticker.BTC-27JUN25-110000-C.raw", "trades.BTC-27JUN25-110000-C.raw",
                "trades.BTC-PERPETUAL.raw");
    }

    @Test
    void chunks() {
        assertThat(DeribitSubscriptions.chunks(List.of("a", "b", "c", "d", "e"), 2))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(DeribitSubscriptions.chunks(List.of(), 2)).isEmpty();
    }
}
