package io.basis.venue.deribit;

import io.basis.venue.MalformedFrameException;

import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.Liquidation;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.basis.venue.deribit.DeribitFixtures.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitRestTest {

    static final Instant RECEIVED = Instant.parse("2025-05-28T01:33:05.200001Z");

    private static String s(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    @Test
    void bookSummaryKeepsEveryWireFieldExact() {
        List<DeribitBookSummary> all = DeribitRest.bookSummary(rest("get_book_summary_by_currency_option"));
        assertThat(all).extracting(DeribitBookSummary::instrumentName).containsExactly(
                "BTC-27JUN25-110000-C", "BTC-27JUN25-100000-P", "BTC-30MAY25-120000-C", "BTC-27JUN25-90000-P");

        DeribitBookSummary c = all.get(0);
        assertThat(c.creationTime()).isEqualTo(Instant.parse("2025-05-28T01:33:00.123Z"));
        assertThat(s(c.openInterest())).isEqualTo("1520.3");
        assertThat(s(c.volume())).isEqualTo("12.5");
        assertThat(s(c.volumeUsd())).isEqualTo("40512.7");
        assertThat(s(c.markPrice())).isEqualTo("0.0312");
        assertThat(s(c.markIv())).isEqualTo("48.15");
        assertThat(s(c.underlyingPrice())).isEqualTo("108250.12");
        assertThat(s(c.bidPrice())).isEqualTo("0.031");
        assertThat(s(c.askPrice())).isEqualTo("0.032");
        assertThat(c.isOption()).isTrue();

        DeribitBookSummary empty = all.get(2);
        assertThat(s(empty.openInterest())).isEqualTo("0");
        assertThat(s(empty.volume())).isEqualTo("0");
        assertThat(s(empty.volumeUsd())).isEqualTo("0");
        assertThat(s(empty.markPrice())).isEqualTo("0.0001");
        assertThat(s(empty.markIv())).isEqualTo("61.2");
        assertThat(s(empty.underlyingPrice())).isEqualTo("108120.5");
        assertThat(empty.bidPrice()).isNull();
        assertThat(s(empty.askPrice())).isEqualTo("0.0001");

        DeribitBookSummary p = all.get(1);
        assertThat(s(p.openInterest())).isEqualTo("2210.0");
        assertThat(s(p.volumeUsd())).isEqualTo("68500.25");
        assertThat(s(p.volume())).isEqualTo("30.0");
    }

    @Test
    void topByOpenInterestBreaksTiesByUsdVolumeThenName() {
        List<DeribitBookSummary> all = DeribitRest.bookSummary(rest("get_book_summary_by_currency_option"));
        assertThat(DeribitRest.topByOpenInterest(all, 2)).extracting(DeribitBookSummary::instrumentName)
                .containsExactly("BTC-27JUN25-100000-P", "BTC-27JUN25-110000-C");
        assertThat(DeribitRest.topByOpenInterest(all, 10)).extracting(DeribitBookSummary::instrumentName)
                .containsExactly("BTC-27JUN25-100000-P", "BTC-27JUN25-110000-C", "BTC-27JUN25-90000-P",
                        "BTC-30MAY25-120000-C");
        assertThat(DeribitRest.topByOpenInterest(all, 0)).isEmpty();
        assertThatThrownBy(() -> DeribitRest.topByOpenInterest(all, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fundingHistoryRowsAreSettledInterest8h() {
        List<FundingRate> rates = DeribitRest.fundingRateHistory(rest("get_funding_rate_history_btc-perpetual"),
                "BTC-PERPETUAL", RECEIVED);
        assertThat(rates).hasSize(2);
        FundingRate first = rates.get(0);
        assertThat(first.venue()).isEqualTo("deribit");
        assertThat(first.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(first.venueTime()).isEqualTo(Instant.parse("2025-05-28T00:00:00Z"));
        assertThat(first.fundingTime()).isEqualTo(Instant.parse("2025-05-28T00:00:00Z"));
        assertThat(first.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(first.rate())).isEqualTo("0.0000512");
        assertThat(first.predictedRate()).isNull();
        assertThat(first.interval()).isEqualTo(Duration.ofHours(8));
        assertThat(first.settled()).isTrue();

        FundingRate second = rates.get(1);
        assertThat(second.fundingTime()).isEqualTo(Instant.parse("2025-05-28T01:00:00Z"));
        assertThat(second.venueTime()).isEqualTo(second.fundingTime());
        assertThat(s(second.rate())).isEqualTo("-0.00009234260068476106");
        assertThat(second.settled()).isTrue();
    }

    @Test
    void chartDataGivesCandlesAndLeavesTheFormingBarOpen() {
        List<Candle> candles = DeribitRest.chartData(rest("get_tradingview_chart_data_ok"), "BTC-PERPETUAL", "1",
                RECEIVED);
        assertThat(candles).hasSize(3);
        Candle c = candles.get(0);
        assertThat(c.venue()).isEqualTo("deribit");
        assertThat(c.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(c.venueTime()).isEqualTo(Instant.parse("2025-05-28T01:31:00Z"));
        assertThat(c.receivedAt()).isEqualTo(RECEIVED);
        assertThat(c.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s(c.open())).isEqualTo("108010.0");
        assertThat(s(c.high())).isEqualTo("108060.0");
        assertThat(s(c.low())).isEqualTo("108000.0");
        assertThat(s(c.close())).isEqualTo("108050.5");
        assertThat(s(c.volume())).isEqualTo("0.95106427");
        assertThat(s(c.quoteVolume())).isEqualTo("102730.0");
        assertThat(c.tradeCount()).isNull();
        assertThat(c.closed()).isTrue();

        Candle b = candles.get(1);
        assertThat(b.venueTime()).isEqualTo(Instant.parse("2025-05-28T01:32:00Z"));
        assertThat(s(b.open())).isEqualTo("108050.5");
        assertThat(s(b.high())).isEqualTo("108120.0");
        assertThat(s(b.low())).isEqualTo("108040.0");
        assertThat(s(b.close())).isEqualTo("108100.0");
        assertThat(s(b.volume())).isEqualTo("1.2");
        assertThat(s(b.quoteVolume())).isEqualTo("129650.0");
        assertThat(b.closed()).isTrue();

        Candle last = candles.get(2);
        assertThat(last.venueTime()).isEqualTo(Instant.parse("2025-05-28T01:33:00Z"));
        assertThat(s(last.open())).isEqualTo("108100.0");
        assertThat(s(last.high())).isEqualTo("108110.0");
        assertThat(s(last.low())).isEqualTo("108095.5");
        assertThat(s(last.close())).isEqualTo("108105.0");
        assertThat(s(last.volume())).isEqualTo("0.00926");
        assertThat(s(last.quoteVolume())).isEqualTo("1000.0");
        assertThat(last.closed()).isFalse();
    }

    @Test
    void chartDataNoDataIsEmptyAndResolutionsAreChecked() {
        assertThat(DeribitRest.chartData(rest("get_tradingview_chart_data_no-data"), "BTC-PERPETUAL", "1", RECEIVED))
                .isEmpty();
        assertThat(DeribitRest.candleInterval("1D")).isEqualTo(Duration.ofDays(1));
        assertThat(DeribitRest.candleInterval("720")).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> DeribitRest.candleInterval("2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastTradesGiveTradesAndLiquidations() {
        DeribitRest.TradesPage page = DeribitRest.lastTrades(rest("get_last_trades_by_instrument_and_time_liquidation"),
                RECEIVED);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.trades()).hasSize(3);
        Trade t = page.trades().get(0);
        assertThat(t.venue()).isEqualTo("deribit");
        assertThat(t.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(t.venueTime()).isEqualTo(Instant.parse("2025-05-28T01:31:40.123Z"));
        assertThat(t.receivedAt()).isEqualTo(RECEIVED);
        assertThat(t.tradeId()).isEqualTo("353011201");
        assertThat(s(t.price())).isEqualTo("108000");
        assertThat(s(t.amount())).isEqualTo("5400.0");
        assertThat(t.baseAmount().compareTo(new BigDecimal("0.05"))).isZero();
        assertThat(s(t.notional())).isEqualTo("5400.0");
        assertThat(t.side()).isEqualTo(Side.BUY);
        assertThat(t.large()).isFalse();
        assertThat(page.trades().get(1).tradeId()).isEqualTo("353011202");
        assertThat(page.trades().get(1).side()).isEqualTo(Side.SELL);
        assertThat(page.trades().get(2).tradeId()).isEqualTo("353011203");

        List<Liquidation> liq = page.liquidations();
        assertThat(liq).hasSize(3);
        Liquidation l0 = liq.get(0);
        assertThat(l0.venue()).isEqualTo("deribit");
        assertThat(l0.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(l0.venueTime()).isEqualTo(Instant.parse("2025-05-28T01:31:41.456Z"));
        assertThat(l0.receivedAt()).isEqualTo(RECEIVED);
        assertThat(l0.side()).isEqualTo(Side.SELL);
        assertThat(s(l0.price())).isEqualTo("107500");
        assertThat(s(l0.amount())).isEqualTo("21500.0");
        assertThat(l0.baseAmount().compareTo(new BigDecimal("0.2"))).isZero();
        assertThat(s(l0.notional())).isEqualTo("21500.0");
        assertThat(liq.get(1).side()).isEqualTo(Side.BUY);
        assertThat(liq.get(2).side()).isEqualTo(Side.SELL);
        assertThat(liq.get(1).venueTime()).isEqualTo(Instant.parse("2025-05-28T01:31:42.789Z"));
        assertThat(liq.get(2).baseAmount().compareTo(BigDecimal.ONE)).isZero();
    }

    @Test
    void volatilityIndexUsesCloseAndKeepsContinuation() {
        DeribitRest.VolatilityPage page = DeribitRest.volatilityIndex(rest("get_volatility_index_data_btc"), "BTC",
                RECEIVED);
        assertThat(page.continuation()).isEqualTo(1748395800000L);
        assertThat(page.values()).hasSize(2);
        VolatilityIndex v = page.values().get(0);
        assertThat(v.venue()).isEqualTo("deribit");
        assertThat(v.symbol()).isEqualTo("btc_usd");
        assertThat(v.venueTime()).isEqualTo(Instant.parse("2025-05-28T01:31:00Z"));
        assertThat(v.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(v.value())).isEqualTo("52.35");
        assertThat(s(page.values().get(1).value())).isEqualTo("52.48");
        assertThat(page.values().get(1).venueTime()).isEqualTo(Instant.parse("2025-05-28T01:32:00Z"));
    }

    @Test
    void errorRepliesThrowApiException() {
        assertThatThrownBy(() -> DeribitRest.fundingRateHistory(rest("get_funding_rate_history_too-many-requests"),
                "BTC-PERPETUAL", RECEIVED))
                .isInstanceOfSatisfying(DeribitApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(10028);
                    assertThat(e.venueMessage()).isEqualTo("too_many_requests");
                    assertThat(e.isRateLimited()).isTrue();
                    assertThat(e.reason()).isNull();
                    assertThat(e.method()).isEqualTo("get_funding_rate_history");
                });
        assertThatThrownBy(() -> DeribitRest.chartData(rest("get_tradingview_chart_data_invalid-params"),
                "BTC-PERPETUAL", "1", RECEIVED))
                .isInstanceOfSatisfying(DeribitApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.venueMessage()).isEqualTo("Invalid params");
                    assertThat(e.reason()).startsWith("must be one of the following");
                    assertThat(e.isRateLimited()).isFalse();
                    assertThat(e.getMessage()).contains("-32602", "Invalid params");
                });
        assertThatThrownBy(() -> DeribitRest.bookSummary(rest("get_funding_rate_history_too-many-requests")))
                .isInstanceOf(DeribitApiException.class);
    }

    @Test
    void malformedBodiesThrowMalformedFrame() {
        assertThatThrownBy(() -> DeribitRest.bookSummary("{\"jsonrpc\":\"2.0\",\"result\":[".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> DeribitRest.bookSummary("{\"jsonrpc\":\"2.0\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("result");
        assertThatThrownBy(() -> DeribitRest.chartData(("{\"result\":{\"status\":\"ok\",\"ticks\":[1],\"open\":[1],"
                + "\"high\":[1],\"low\":[1],\"close\":[],\"volume\":[1],\"cost\":[1]}}").getBytes(StandardCharsets.UTF_8),
                "BTC-PERPETUAL", "1", RECEIVED)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("close");
        assertThatThrownBy(() -> DeribitRest.volatilityIndex("{\"result\":{\"data\":[[1,2,3]]}}".getBytes(
                StandardCharsets.UTF_8), "BTC", RECEIVED)).isInstanceOf(MalformedFrameException.class);
    }
}
