package io.basis.venue.deribit;

import io.basis.venue.deribit.DeribitChannels.Channel;
import io.basis.venue.deribit.DeribitChannels.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitChannelsTest {

    @Test
    void channelNames() {
        assertThat(DeribitChannels.ticker("BTC-PERPETUAL", false)).isEqualTo("ticker.BTC-PERPETUAL.100ms");
        assertThat(DeribitChannels.trades("BTC-PERPETUAL", true)).isEqualTo("trades.BTC-PERPETUAL.raw");
        assertThat(DeribitChannels.book("BTC-25DEC26-100000-C", false)).isEqualTo("book.BTC-25DEC26-100000-C.100ms");
        assertThat(DeribitChannels.volatilityIndex("btc_usd")).isEqualTo("deribit_volatility_index.btc_usd");
        assertThat(DeribitChannels.priceIndex("eth_usd")).isEqualTo("deribit_price_index.eth_usd");
    }

    @Test
    void parsesBothIntervals() {
        assertThat(DeribitChannels.parse("ticker.BTC-PERPETUAL.100ms"))
                .contains(new Channel(Kind.TICKER, "BTC-PERPETUAL", "100ms"));
        assertThat(DeribitChannels.parse("book.BTC-PERPETUAL.raw"))
                .contains(new Channel(Kind.BOOK, "BTC-PERPETUAL", "raw"));
        assertThat(DeribitChannels.parse("trades.option.BTC.raw"))
                .contains(new Channel(Kind.TRADES, "option.BTC", "raw"));
        assertThat(DeribitChannels.parse("deribit_volatility_index.btc_usd"))
                .contains(new Channel(Kind.VOLATILITY_INDEX, "btc_usd", null));
        assertThat(DeribitChannels.parse("deribit_price_index.btc_usd"))
                .contains(new Channel(Kind.PRICE_INDEX, "btc_usd", null));
        assertThat(DeribitChannels.parse("book.BTC-PERPETUAL.none.20.100ms")).isEqualTo(Optional.empty());
        assertThat(DeribitChannels.parse("ticker.BTC-PERPETUAL.5s")).isEmpty();
        assertThat(DeribitChannels.parse("chart.trades.BTC-PERPETUAL.1")).isEmpty();
    }

    @Test
    void requests() {
        assertThat(DeribitChannels.subscribe(42, List.of("ticker.BTC-PERPETUAL.100ms", "deribit_price_index.btc_usd")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"public/subscribe\",\"params\":{\"channels\":"
                        + "[\"ticker.BTC-PERPETUAL.100ms\",\"deribit_price_index.btc_usd\"]}}");
        assertThat(DeribitChannels.unsubscribe(43, List.of("ticker.BTC-PERPETUAL.100ms")))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"public/unsubscribe\",\"params\":{\"channels\":"
                        + "[\"ticker.BTC-PERPETUAL.100ms\"]}}");
        assertThat(DeribitChannels.setHeartbeat(1, 30))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":30}}");
        assertThat(DeribitChannels.test(9))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"public/test\",\"params\":{}}");
        assertThatThrownBy(() -> DeribitChannels.setHeartbeat(1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeribitChannels.subscribe(1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
