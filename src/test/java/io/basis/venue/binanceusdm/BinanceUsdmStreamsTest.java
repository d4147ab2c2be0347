package io.basis.venue.binanceusdm;

import io.basis.venue.binanceusdm.BinanceUsdmStreams.Endpoint;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.Route;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.StreamName;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.StreamType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceUsdmStreamsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "btcusdt@aggTrade, AGG_TRADE, BTCUSDT, -, -, MARKET",
            "btcusdt_260925@aggTrade, AGG_TRADE, BTCUSDT_260925, -, -, MARKET",
            "btcusdt@forceOrder, FORCE_ORDER, BTCUSDT, -, -, MARKET",
            "!forceOrder@arr, FORCE_ORDER, -, -, -, MARKET",
            "btcusdt@markPrice, MARK_PRICE, BTCUSDT, -, -, MARKET",
            "btcusdt@markPrice@1s, MARK_PRICE, BTCUSDT, -, 1s, MARKET",
            "!markPrice@arr, MARK_PRICE, -, -, -, MARKET",
            "!markPrice@arr@1s, MARK_PRICE, -, -, 1s, MARKET",
            "btcusdt@kline_1m, KLINE, BTCUSDT, 1m, -, MARKET",
            "btcusdt@kline_1M, KLINE, BTCUSDT, 1M, -, MARKET",
            "btcusdt_perpetual@continuousKline_5m, CONTINUOUS_KLINE, BTCUSDT_PERPETUAL, 5m, -, MARKET",
            "btcusdt@miniTicker, MINI_TICKER, BTCUSDT, -, -, MARKET",
            "!ticker@arr, TICKER, -, -, -, MARKET",
            "btcusdt@compositeIndex, COMPOSITE_INDEX, BTCUSDT, -, -, MARKET",
            "!contractInfo, CONTRACT_INFO, -, -, -, MARKET",
            "!assetIndex@arr, ASSET_INDEX, -, -, -, MARKET",
            "btcusdt@depth, DIFF_DEPTH, BTCUSDT, -, -, PUBLIC",
            "btcusdt@depth@100ms, DIFF_DEPTH, BTCUSDT, -, 100ms, PUBLIC",
            "btcusdt@depth@500ms, DIFF_DEPTH, BTCUSDT, -, 500ms, PUBLIC",
            "btcusdt@depth20@100ms, PARTIAL_DEPTH, BTCUSDT, 20, 100ms, PUBLIC",
            "btcusdt@depth5, PARTIAL_DEPTH, BTCUSDT, 5, -, PUBLIC",
            "btcusdt@bookTicker, BOOK_TICKER, BTCUSDT, -, -, PUBLIC",
            "!bookTicker, BOOK_TICKER, -, -, -, PUBLIC"})
    void documentedStreamNamesAndTheirRoutes(String name, StreamType type, String symbol, String parameter,
                                             String speed, Route route) {
        StreamName parsed = BinanceUsdmStreams.require(name);
        assertThat(parsed).isEqualTo(new StreamName(name, type, symbol, parameter, speed));
        assertThat(parsed.route()).isEqualTo(route);
        assertThat(BinanceUsdmStreams.routeOf(name)).isEqualTo(route);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "btcusdt", "@aggTrade", "BTCUSDT@aggTrade", "btcusdt@trade", "btcusdt@aggTrade@1s",
            "btcusdt@depth@250ms", "btcusdt@depth15", "btcusdt@markPrice@3s", "!forceOrder", "!depth@arr",
            "btc-usdt@aggTrade", "btcusdt@kline_1m@1s"})
    void undocumentedNamesAreRejected(String name) {
        assertThat(BinanceUsdmStreams.parse(name)).isEmpty();
        assertThatThrownBy(() -> BinanceUsdmStreams.routeOf(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Binance USD-M market stream");
    }

    @Test
    void buildersGiveLowerCaseNames() {
        assertThat(BinanceUsdmStreams.aggTrade("BTCUSDT")).isEqualTo("btcusdt@aggTrade");
        assertThat(BinanceUsdmStreams.forceOrder("ETHUSDT")).isEqualTo("ethusdt@forceOrder");
        assertThat(BinanceUsdmStreams.markPrice("BTCUSDT", "1s")).isEqualTo("btcusdt@markPrice@1s");
        assertThat(BinanceUsdmStreams.markPrice("BTCUSDT", null)).isEqualTo("btcusdt@markPrice");
        assertThat(BinanceUsdmStreams.kline("BTCUSDT_260925", "15m")).isEqualTo("btcusdt_260925@kline_15m");
        assertThat(BinanceUsdmStreams.depth("BTCUSDT", "100ms")).isEqualTo("btcusdt@depth@100ms");
        assertThat(BinanceUsdmStreams.depth("BTCUSDT", null)).isEqualTo("btcusdt@depth");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wss://fstream.binance.com/market/stream?streams=bnbusdt@aggTrade/btcusdt@markPrice|MARKET|true|bnbusdt@aggTrade,btcusdt@markPrice",
            "wss://fstream.binance.com/public/stream?streams=btcusdt@depth/ethusdt@depth|PUBLIC|true|btcusdt@depth,ethusdt@depth",
            "wss://fstream.binance.com/market/ws/btcusdt@aggTrade/ethusdt@aggTrade|MARKET|false|btcusdt@aggTrade,ethusdt@aggTrade",
            "wss://fstream.binance.com/public/ws/bnbusdt@depth|PUBLIC|false|bnbusdt@depth",
            "wss://fstream.binance.com/stream?streams=btcusdt@aggTrade/btcusdt@depth@100ms|UNROUTED|true|btcusdt@aggTrade,btcusdt@depth@100ms",
            "wss://fstream.binance.com/ws/btcusdt@markPrice|UNROUTED|false|btcusdt@markPrice",
            "wss://fstream.binancefuture.com/market/stream|MARKET|true|",
            "ws://127.0.0.1:41234/sim/binance-usdm/market/stream?streams=!forceOrder@arr|MARKET|true|!forceOrder@arr",
            "ws://127.0.0.1:41234/sim/ws|UNROUTED|false|"})
    void connectionUrlsRoutedAndLegacy(String url, Route route, boolean combined, String streams) {
        List<String> expected = streams == null ? List.of() : List.of(streams.split(","));
        assertThat(BinanceUsdmStreams.parseUrl(URI.create(url))).isEqualTo(new Endpoint(route, combined, expected));
    }

    @Test
    void urlsThatAreNotStreamEndpointsAreRejected() {
        assertThatThrownBy(() -> BinanceUsdmStreams.parseUrl(URI.create("https://fapi.binance.com/fapi/v1/depth")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no /ws or /stream");
    }

    @Test
    void buildsConnectionUrlsOnARoute() {
        URI base = URI.create("wss://fstream.binance.com");
        assertThat(BinanceUsdmStreams.url(base, Route.MARKET, true, List.of("btcusdt@aggTrade", "btcusdt@markPrice@1s")))
                .hasToString("wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s");
        assertThat(BinanceUsdmStreams.url(URI.create("wss://fstream.binance.com/"), Route.PUBLIC, true, List.of()))
                .hasToString("wss://fstream.binance.com/public/stream");
        assertThat(BinanceUsdmStreams.url(base, Route.PUBLIC, false, List.of("btcusdt@depth@100ms")))
                .hasToString("wss://fstream.binance.com/public/ws/btcusdt@depth@100ms");
        URI built = BinanceUsdmStreams.url(base, Route.PUBLIC, true, List.of("btcusdt@depth@100ms", "ethusdt@depth"));
        assertThat(BinanceUsdmStreams.parseUrl(built))
                .isEqualTo(new Endpoint(Route.PUBLIC, true, List.of("btcusdt@depth@100ms", "ethusdt@depth")));
    }
}
