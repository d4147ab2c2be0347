package io.basis.venue.binanceusdm;

import io.basis.model.LongShortKind;
import io.basis.venue.binanceusdm.BinanceUsdmRequests.Endpoint;
import io.basis.venue.binanceusdm.BinanceUsdmRequests.Quota;
import io.basis.venue.binanceusdm.BinanceUsdmRequests.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceUsdmRequestsTest {

    @Test
    void pathsQueriesWeightsAndQuotas() {
        assertRequest(BinanceUsdmRequests.exchangeInfo(), "/fapi/v1/exchangeInfo", 1, Quota.NONE);
        assertRequest(BinanceUsdmRequests.openInterest("BTCUSDT"), "/fapi/v1/openInterest?symbol=BTCUSDT", 1,
                Quota.NONE);
        assertRequest(BinanceUsdmRequests.depth("BTCUSDT", 1000), "/fapi/v1/depth?symbol=BTCUSDT&limit=1000", 20,
                Quota.NONE);
        assertRequest(BinanceUsdmRequests.klines("BTCUSDT", "1m", 1779999900000L, null, 1500),
                "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1779999900000&limit=1500", 10, Quota.NONE);
        assertRequest(BinanceUsdmRequests.fundingRate("BTCUSDT", 1570608000000L, 1570636800000L, 1000),
                "/fapi/v1/fundingRate?symbol=BTCUSDT&startTime=1570608000000&endTime=1570636800000&limit=1000", 0,
                Quota.FUNDING);
        assertRequest(BinanceUsdmRequests.openInterestHist("BTCUSDT", "5m", null, null, 500),
                "/futures/data/openInterestHist?symbol=BTCUSDT&period=5m&limit=500", 0, Quota.FUTURES_DATA);
        assertRequest(BinanceUsdmRequests.longShortRatio(LongShortKind.ACCOUNTS, "BTCUSDT", "1h", null, null, null),
                "/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=1h", 0, Quota.FUTURES_DATA);
        assertRequest(BinanceUsdmRequests.longShortRatio(LongShortKind.TOP_TRADER_ACCOUNTS, "BTCUSDT", "5m", null,
                null, 30), "/futures/data/topLongShortAccountRatio?symbol=BTCUSDT&period=5m&limit=30", 0,
                Quota.FUTURES_DATA);
        assertRequest(BinanceUsdmRequests.longShortRatio(LongShortKind.TOP_TRADER_POSITIONS, "ETHUSDT", "1d",
                1L, 2L, null), "/futures/data/topLongShortPositionRatio?symbol=ETHUSDT&period=1d&startTime=1&endTime=2",
                0, Quota.FUTURES_DATA);
        assertRequest(BinanceUsdmRequests.longShortRatio(LongShortKind.TAKER_BUY_SELL, "BTCUSDT", "5m", null, null,
                null), "/futures/data/takerlongshortRatio?symbol=BTCUSDT&period=5m", 0, Quota.FUTURES_DATA);
    }

    static void assertRequest(Request r, String pathAndQuery, int weight, Quota quota) {
        assertThat(r.pathAndQuery()).isEqualTo(pathAndQuery);
        assertThat(r.weight()).isEqualTo(weight);
        assertThat(r.quota()).isEqualTo(quota);
        assertThat(Endpoint.fromPath(r.pathAndQuery())).contains(r.endpoint());
    }

    @ParameterizedTest
    @CsvSource({"5, 2", "10, 2", "20, 2", "50, 2", "100, 5", "500, 10", "1000, 20"})
    void depthWeightFollowsTheLimit(int limit, int weight) {
        assertThat(BinanceUsdmRequests.depth("BTCUSDT", limit).weight()).isEqualTo(weight);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "99, 1", "100, 2", "499, 2", "500, 5", "1000, 5", "1001, 10", "1500, 10"})
    void klinesWeightFollowsTheLimit(int limit, int weight) {
        assertThat(BinanceUsdmRequests.klines("BTCUSDT", "1m", null, null, limit).weight()).isEqualTo(weight);
    }

    @Test
    void defaultKlinesLimitOf500CostsFive() {
        assertThat(BinanceUsdmRequests.klines("BTCUSDT", "1h", null, null, null).weight()).isEqualTo(5);
    }

    @Test
    void invalidParametersFailBeforeAnythingIsSent() {
        assertThatThrownBy(() -> BinanceUsdmRequests.depth("BTCUSDT", 200)).hasMessageContaining("depth limit");
        assertThatThrownBy(() -> BinanceUsdmRequests.klines("BTCUSDT", "1m", null, null, 1501))
                .hasMessageContaining("1..1500");
        assertThatThrownBy(() -> BinanceUsdmRequests.klines("BTCUSDT", "7m", null, null, null))
                .hasMessageContaining("kline interval '7m'");
        assertThatThrownBy(() -> BinanceUsdmRequests.fundingRate("BTCUSDT", null, null, 1001))
                .hasMessageContaining("1..1000");
        assertThatThrownBy(() -> BinanceUsdmRequests.openInterestHist("BTCUSDT", "1m", null, null, null))
                .hasMessageContaining("statistics period '1m'");
        assertThatThrownBy(() -> BinanceUsdmRequests.openInterestHist("BTCUSDT", "5m", null, null, 501))
                .hasMessageContaining("1..500");
        assertThatThrownBy(() -> BinanceUsdmRequests.openInterest("btcusdt")).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> BinanceUsdmRequests.openInterest("BTC&USDT")).hasMessageContaining("upper-case");
    }

    @Test
    void fullUrlsAndRecordedRequestLines() {
        assertThat(BinanceUsdmRequests.depth("BTCUSDT", 1000).uri(URI.create("https://fapi.binance.com/")))
                .hasToString("https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000");
        assertThat(Endpoint.fromPath("/fapi/v1/exchangeInfo")).contains(Endpoint.EXCHANGE_INFO);
        assertThat(Endpoint.fromPath("/fapi/v1/premiumIndex?symbol=BTCUSDT")).isEmpty();
    }
}
