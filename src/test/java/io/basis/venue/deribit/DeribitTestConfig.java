package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deribit venue entries for unit tests. */
final class DeribitTestConfig {

    static final URI REST = URI.create("http://127.0.0.1:1");
    static final URI WS = URI.create("ws://127.0.0.1:1/ws/api/v2");

    private DeribitTestConfig() {
    }

    /** Every Deribit channel stored, thinning off (snapshot-interval 0ms) unless {@code options} say otherwise. */
    static VenueConfig venue(Map<Channel, Map<String, String>> options) {
        Map<Channel, ChannelConfig> channels = new LinkedHashMap<>();
        for (Channel c : List.of(Channel.INSTRUMENTS, Channel.TRADES, Channel.LIQUIDATIONS, Channel.FUNDING,
                Channel.OPEN_INTEREST, Channel.MARK_PRICE, Channel.INDEX_PRICE, Channel.BOOK, Channel.CANDLES,
                Channel.OPTION_TICKER, Channel.VOLATILITY_INDEX)) {
            channels.put(c, new ChannelConfig(c, StoragePolicy.ALL, options.getOrDefault(c, Map.of())));
        }
        return venue(channels, null);
    }

    static VenueConfig venue(Map<Channel, ChannelConfig> channels, String apiKeyEnv) {
        return new VenueConfig("deribit", true, REST, WS, List.of(), null, List.of("BTC", "ETH"),
                Map.of("BTC", new BigDecimal("100000"), "default", new BigDecimal("20000")), apiKeyEnv, channels);
    }

    static DeribitSettings settings(Map<Channel, Map<String, String>> options) {
        return DeribitSettings.of(venue(options));
    }

    /** All channels, nothing thinned. */
    static DeribitSettings unthinned() {
        return settings(Map.of(Channel.OPTION_TICKER, Map.of("snapshot-interval", "0ms"),
                Channel.MARK_PRICE, Map.of("snapshot-interval", "0ms"),
                Channel.BOOK, Map.of("snapshot-interval", "0ms")));
    }
}
