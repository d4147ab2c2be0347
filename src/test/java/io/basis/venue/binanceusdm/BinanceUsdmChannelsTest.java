package io.basis.venue.binanceusdm;

import io.basis.config.Channel;
import io.basis.model.EventType;
import io.basis.venue.binanceusdm.BinanceUsdmChannels.Connection;
import io.basis.venue.binanceusdm.BinanceUsdmChannels.Options;
import io.basis.venue.binanceusdm.BinanceUsdmChannels.Transport;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.Route;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceUsdmChannelsTest {

    static final Options DEFAULTS = Options.defaults();

    @Test
    void eachStreamChannelMapsToItsDocumentedStream() {
        assertThat(BinanceUsdmChannels.streams(Channel.TRADES, "BTCUSDT", DEFAULTS)).containsExactly("btcusdt@aggTrade");
        assertThat(BinanceUsdmChannels.streams(Channel.LIQUIDATIONS, "BTCUSDT", DEFAULTS))
                .containsExactly("btcusdt@forceOrder");
        for (Channel shared : List.of(Channel.MARK_PRICE, Channel.FUNDING, Channel.INDEX_PRICE)) {
            assertThat(BinanceUsdmChannels.streams(shared, "BTCUSDT", DEFAULTS)).containsExactly("btcusdt@markPrice@1s");
        }
        assertThat(BinanceUsdmChannels.streams(Channel.CANDLES, "BTCUSDT", DEFAULTS)).containsExactly("btcusdt@kline_1m");
        assertThat(BinanceUsdmChannels.streams(Channel.BOOK, "BTCUSDT", DEFAULTS)).containsExactly("btcusdt@depth@100ms");
        for (Channel rest : List.of(Channel.INSTRUMENTS, Channel.OPEN_INTEREST, Channel.LONG_SHORT_RATIO)) {
            assertThat(BinanceUsdmChannels.streams(rest, "BTCUSDT", DEFAULTS)).isEmpty();
            assertThat(BinanceUsdmChannels.capability(rest).transport()).isEqualTo(Transport.REST);
        }
    }

    @Test
    void optionsPickIntervalAndSpeeds() {
        Options slow = new Options("5m", "3s", "250ms");
        assertThat(BinanceUsdmChannels.streams(Channel.CANDLES, "ETHUSDT", slow)).containsExactly("ethusdt@kline_5m");
        assertThat(BinanceUsdmChannels.streams(Channel.MARK_PRICE, "ETHUSDT", slow)).containsExactly("ethusdt@markPrice");
        assertThat(BinanceUsdmChannels.streams(Channel.BOOK, "ETHUSDT", slow)).containsExactly("ethusdt@depth");
        assertThat(new Options(null, null, "500ms").depthSpeed()).isEqualTo("500ms");
        assertThatThrownBy(() -> new Options("1M", null, null)).hasMessageContaining("unsupported kline interval '1M'");
        assertThatThrownBy(() -> new Options(null, "2s", null)).hasMessageContaining("1s or 3s");
        assertThatThrownBy(() -> new Options(null, null, "10ms")).hasMessageContaining("100ms, 250ms or 500ms");
    }

    @Test
    void unsupportedChannelsFailUpFrontNamingTheSupportedOnes() {
        assertThat(BinanceUsdmChannels.supports(Channel.OPTION_TICKER)).isFalse();
        assertThatThrownBy(() -> BinanceUsdmChannels.streams(Channel.OPTION_TICKER, "BTCUSDT", DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binance-usdm has no 'option-ticker' channel; supported: [instruments, trades, liquidations, "
                        + "funding, open-interest, mark-price, index-price, book, candles, long-short-ratio]");
    }

    @Test
    void capabilitiesSayWhatEachChannelProduces() {
        assertThat(BinanceUsdmChannels.eventTypes(List.of(Channel.FUNDING, Channel.BOOK)))
                .containsExactly(EventType.FUNDING_RATE, EventType.BOOK_SNAPSHOT);
        assertThat(BinanceUsdmChannels.capability(Channel.TRADES).transport()).isEqualTo(Transport.WEBSOCKET);
        assertThat(BinanceUsdmChannels.capabilities()).hasSize(10);
    }

    @Test
    void streamsAreDeduplicatedAndGroupedByRoute() {
        Map<Route, List<String>> byRoute = BinanceUsdmChannels.streamsByRoute(List.of(Channel.TRADES,
                Channel.MARK_PRICE, Channel.FUNDING, Channel.INDEX_PRICE, Channel.BOOK, Channel.OPEN_INTEREST),
                List.of("BTCUSDT", "ETHUSDT"), DEFAULTS);
        assertThat(byRoute).containsOnlyKeys(Route.MARKET, Route.PUBLIC);
        assertThat(byRoute.get(Route.MARKET)).containsExactly("btcusdt@aggTrade", "ethusdt@aggTrade",
                "btcusdt@markPrice@1s", "ethusdt@markPrice@1s");
        assertThat(byRoute.get(Route.PUBLIC)).containsExactly("btcusdt@depth@100ms", "ethusdt@depth@100ms");
    }

    @Test
    void connectionsHoldAtMost1024StreamsOfOneRoute() {
        List<String> symbols = IntStream.range(0, 1500).mapToObj(i -> "SYM" + i + "USDT").toList();
        List<Connection> connections = BinanceUsdmChannels.connections(
                BinanceUsdmChannels.streamsByRoute(List.of(Channel.TRADES, Channel.BOOK), symbols, DEFAULTS));
        assertThat(connections).extracting(Connection::route)
                .containsExactly(Route.PUBLIC, Route.PUBLIC, Route.MARKET, Route.MARKET);
        assertThat(connections).extracting(c -> c.streams().size()).containsExactly(1024, 476, 1024, 476);
        for (Connection c : connections) {
            assertThat(c.streams()).allSatisfy(s -> assertThat(BinanceUsdmStreams.routeOf(s)).isEqualTo(c.route()));
        }
    }

    @Test
    void subscribeMessageFormat() {
        assertThat(BinanceUsdmChannels.subscribeMessages(List.of("btcusdt@aggTrade", "btcusdt@depth@100ms"), 1))
                .containsExactly("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"btcusdt@depth@100ms\"],\"id\":1}");
        assertThat(BinanceUsdmChannels.unsubscribeMessages(List.of("btcusdt@depth@100ms"), 312))
                .containsExactly("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":312}");
        assertThat(BinanceUsdmChannels.listSubscriptionsMessage(3)).isEqualTo("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
        assertThat(BinanceUsdmChannels.subscribeMessages(List.of(), 1)).isEmpty();
    }

    /** A full connection subscribes in as few messages as possible, all inside one second's 10-message budget. */
    @Test
    void subscriptionsAreChunkedWithinTheInboundLimit() {
        JsonMapper json = JsonMapper.builder().build();
        List<String> streams = IntStream.range(0, 1024).mapToObj(i -> "sym" + i + "usdt@aggTrade").toList();
        List<String> messages = BinanceUsdmChannels.subscribeMessages(streams, 7);
        assertThat(messages).hasSize(6).hasSizeLessThanOrEqualTo(BinanceUsdmChannels.MAX_MESSAGES_PER_SECOND);
        List<String> echoed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = json.readTree(messages.get(i));
            assertThat(m.get("method").stringValue()).isEqualTo("SUBSCRIBE");
            assertThat(m.get("id").longValue()).isEqualTo(7 + i);
            assertThat(m.get("params").size()).isLessThanOrEqualTo(BinanceUsdmChannels.STREAMS_PER_MESSAGE);
            m.get("params").forEach(p -> echoed.add(p.stringValue()));
        }
        assertThat(echoed).isEqualTo(streams);
        assertThat(BinanceUsdmChannels.requests("SUBSCRIBE", streams.subList(0, 5), 0, 2)).hasSize(3);
    }

    @Test
    void subscribingToAnUndocumentedStreamOrWithANegativeIdFails() {
        assertThatThrownBy(() -> BinanceUsdmChannels.subscribeMessages(List.of("btcusdt@trade"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'btcusdt@trade'");
        assertThatThrownBy(() -> BinanceUsdmChannels.subscribeMessages(List.of("btcusdt@aggTrade"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
