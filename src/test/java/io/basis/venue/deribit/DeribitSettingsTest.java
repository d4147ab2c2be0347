package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;
import io.basis.model.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitSettingsTest {

    @Test
    void defaults() {
        DeribitSettings s = DeribitTestConfig.settings(Map.of());
        assertThat(s.top()).isEqualTo(50);
        assertThat(s.interval()).isNull();
        assertThat(s.interval(false)).isEqualTo("100ms");
        assertThat(s.interval(true)).isEqualTo("raw");
        assertThat(s.optionTickerEvery()).isEqualTo(Duration.ZERO);
        assertThat(s.tickerEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.bookDepth()).isEqualTo(10);
        assertThat(s.bookEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.restBookDepth()).isEqualTo(10);
        assertThat(s.candleResolution()).isEqualTo("1");
        assertThat(s.currencies()).containsExactly("BTC", "ETH");
        assertThat(s.policy(EventType.OPTION_TICKER)).isEqualTo(StoragePolicy.ALL);
        assertThat(s.policy(EventType.LONG_SHORT_RATIO)).isEqualTo(StoragePolicy.NONE);
    }

    @Test
    void theShippedDeribitEntryOptionsAreAccepted() {
        DeribitSettings s = DeribitTestConfig.settings(Map.of(
                Channel.OPTION_TICKER, Map.of("interval", "100ms", "snapshot-interval", "1m", "top", "20"),
                Channel.BOOK, Map.of("depth", "25", "interval", "100ms", "snapshot-interval", "500ms"),
                Channel.MARK_PRICE, Map.of("snapshot-interval", "5s"),
                Channel.FUNDING, Map.of("snapshot-interval", "2s"),
                Channel.CANDLES, Map.of("interval", "5m")));
        assertThat(s.top()).isEqualTo(20);
        assertThat(s.interval()).isEqualTo("100ms");
        assertThat(s.bookDepth()).isEqualTo(25);
        assertThat(s.restBookDepth()).isEqualTo(50);
        assertThat(s.bookEvery()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.tickerEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.candleResolution()).isEqualTo("5");
    }

    @Test
    void theShippedVenuesFileEntryIsValid() {
        VenueConfig shipped = io.basis.config.VenuesConfigLoader.load(java.nio.file.Path.of("config/venues.yaml"),
                Map.of()).venue(io.basis.config.VenueId.DERIBIT).orElseThrow();
        DeribitSettings s = DeribitSettings.of(shipped);
        assertThat(s.top()).isEqualTo(50);
        assertThat(s.interval()).isEqualTo("100ms");
        assertThat(s.restBookDepth()).isEqualTo(10);
        assertThat(s.policy(EventType.LIQUIDATION)).isEqualTo(StoragePolicy.ALL);
        assertThat(s.policy(EventType.CANDLE)).isEqualTo(StoragePolicy.ALL);
    }

    @Test
    void unknownOptionFailsNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.OPTION_TICKER, Map.of("tpo", "5"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deribit: unknown option 'tpo' for channel 'option-ticker'; accepted: "
                        + "[interval, snapshot-interval, top]");
    }

    @Test
    void invalidValuesFail() {
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.OPTION_TICKER, Map.of("top", "0"))))
                .hasMessageContaining("top must be 1..1000");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.OPTION_TICKER, Map.of("top", "many"))))
                .hasMessageContaining("option-ticker top must be a whole number");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.BOOK, Map.of("interval", "1s"))))
                .hasMessageContaining("book interval must be 100ms, raw or agg2");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.BOOK, Map.of("rest-depth", "7"))))
                .hasMessageContaining("rest-depth must be one of");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.BOOK,
                Map.of("rest-depth", "5", "depth", "10")))).hasMessageContaining("must be at least depth");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.BOOK,
                Map.of("snapshot-interval", "soon")))).hasMessageContaining("book snapshot-interval must be a duration");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.CANDLES, Map.of("interval", "7m"))))
                .hasMessageContaining("candles interval must be one of");
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.BOOK, Map.of("interval", "100ms"),
                Channel.TRADES, Map.of("interval", "agg2")))).hasMessageContaining("share one interval");
    }

    @Test
    void rawNeedsCredentials() {
        assertThatThrownBy(() -> DeribitTestConfig.settings(Map.of(Channel.BOOK, Map.of("interval", "raw"))))
                .hasMessageContaining("interval raw needs an authenticated connection");
        Map<Channel, ChannelConfig> channels = Map.of(Channel.BOOK,
                new ChannelConfig(Channel.BOOK, StoragePolicy.ALL, Map.of("interval", "raw")));
        assertThat(DeribitSettings.of(DeribitTestConfig.venue(channels, "DERIBIT_CLIENT_ID")).interval())
                .isEqualTo("raw");
    }

    @Test
    void unsupportedChannelFailsNamingTheSupportedOnes() {
        Map<Channel, ChannelConfig> channels = new LinkedHashMap<>();
        channels.put(Channel.LONG_SHORT_RATIO, new ChannelConfig(Channel.LONG_SHORT_RATIO, StoragePolicy.ALL));
        assertThatThrownBy(() -> DeribitSettings.of(DeribitTestConfig.venue(channels, null)))
                .hasMessageStartingWith("deribit has no 'long-short-ratio' channel; supported: [instruments,");
    }

    @Test
    void currenciesAreRequired() {
        VenueConfig v = new VenueConfig("deribit", true, DeribitTestConfig.REST, DeribitTestConfig.WS, List.of(),
                null, List.of(), Map.of(), null, Map.of());
        assertThatThrownBy(() -> DeribitSettings.of(v)).hasMessageContaining("currencies");
    }

    @Test
    void largeTradeThresholdsByBaseAsset() {
        DeribitSettings s = DeribitTestConfig.settings(Map.of());
        assertThat(s.isLarge("BTC-PERPETUAL", new BigDecimal("100000"))).isTrue();
        assertThat(s.isLarge("BTC_USDC-PERPETUAL", new BigDecimal("99999"))).isFalse();
        assertThat(s.isLarge("ETH-PERPETUAL", new BigDecimal("20000"))).isTrue();
        assertThat(s.isLarge("ETH-PERPETUAL", null)).isFalse();
    }
}
