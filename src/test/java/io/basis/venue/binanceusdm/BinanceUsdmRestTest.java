package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.LongShortKind;
import io.basis.model.LongShortRatio;
import io.basis.model.OpenInterest;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.rest;
import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.utf8;
import static io.basis.venue.binanceusdm.BinanceUsdmParserTest.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden tests of the REST bodies; records are compared whole, so every field and every decimal's scale count. */
class BinanceUsdmRestTest {

    static final Instant RECEIVED = Instant.parse("2026-05-28T20:27:05.250Z");
    static final String V = "binance-usdm";

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void openInterestValuedAtAGivenMarkPrice() {
        OpenInterest oi = BinanceUsdmRest.openInterest(rest("openInterest_doc"), RECEIVED, d("9850.25"));
        assertThat(oi).isEqualTo(new OpenInterest(V, "BTCUSDT", Instant.ofEpochMilli(1589437530011L), RECEIVED,
                d("10659.509"), d("10659.509"), d("104998828.52725")));
        assertThat(oi.notional().toPlainString()).isEqualTo("104998828.52725");
        assertThat(BinanceUsdmRest.openInterest(rest("openInterest_doc"), RECEIVED, null).notional()).isNull();
    }

    @Test
    void depthSnapshot() {
        assertThat(BinanceUsdmRest.depthSnapshot(rest("depth_doc"))).isEqualTo(new DepthSnapshot(1027024,
                1589436922972L, 1589436922959L, List.of(level("4.00000000", "431.00000000")),
                List.of(level("4.00000200", "12.00000000"))));
        assertThat(BinanceUsdmRest.depthSnapshot(utf8("{\"lastUpdateId\":5,\"bids\":[],\"asks\":[]}")))
                .isEqualTo(new DepthSnapshot(5, 0, 0, List.of(), List.of()));
    }

    @Test
    void klinesDocRow() {
        List<Candle> candles = BinanceUsdmRest.klines(rest("klines_doc"), "BTCUSDT", "1w", RECEIVED, RECEIVED);
        assertThat(candles).containsExactly(new Candle(V, "BTCUSDT", Instant.ofEpochMilli(1499040000000L), RECEIVED,
                Duration.ofDays(7), d("0.01634790"), d("0.80000000"), d("0.01575800"), d("0.01577100"),
                d("148976.11427815"), d("2434.19055334"), 308L, true));
    }

    @Test
    void klinesLastRowStillFormingIsNotClosed() {
        List<Candle> candles = BinanceUsdmRest.klines(rest("klines_btcusdt-1m"), "BTCUSDT", "1m", RECEIVED,
                Instant.parse("2026-05-28T20:27:05Z"));
        assertThat(candles).extracting(Candle::closed).containsExactly(true, true, false);
        assertThat(candles.get(1)).isEqualTo(new Candle(V, "BTCUSDT", Instant.parse("2026-05-28T20:26:00Z"),
                RECEIVED, Duration.ofMinutes(1), d("104198.30"), d("104268.00"), d("104180.50"), d("104250.10"),
                d("152.337"), d("15878552.84720"), 1951L, true));
        assertThat(candles.get(1)).as("same candle as the closed kline stream frame")
                .isEqualTo(((Parsed.Events) new BinanceUsdmParser().parse(BinanceUsdmFixtures.ws("candles_closed"),
                        RECEIVED, InstrumentLookup.fromSymbol())).events().getFirst());
    }

    @Test
    void settledFundingRates() {
        assertThat(BinanceUsdmRest.fundingRates(rest("fundingRate_doc"), RECEIVED)).containsExactly(
                new FundingRate(V, "BTCUSDT", Instant.ofEpochMilli(1570608000000L), RECEIVED,
                        Instant.ofEpochMilli(1570608000000L), d("-0.03750000"), null, null),
                new FundingRate(V, "BTCUSDT", Instant.ofEpochMilli(1570636800000L), RECEIVED,
                        Instant.ofEpochMilli(1570636800000L), d("0.00010000"), null, Duration.ofHours(8)));
        List<FundingRate> recent = BinanceUsdmRest.fundingRates(rest("fundingRate_btcusdt"), RECEIVED);
        assertThat(recent).extracting(FundingRate::interval)
                .as("the 1 ms jitter of a recorded funding time is not part of the interval")
                .containsExactly(null, Duration.ofHours(8), Duration.ofHours(8));
        assertThat(recent).allMatch(FundingRate::settled);
        assertThat(recent.get(2).rate().toPlainString()).isEqualTo("-0.00000815");
        assertThat(recent.get(2).fundingTime()).isEqualTo(Instant.parse("2026-05-28T16:00:00.001Z"));
    }

    @Test
    void openInterestHistory() {
        assertThat(BinanceUsdmRest.openInterestHistory(rest("openInterestHist_doc"), RECEIVED)).containsExactly(
                new OpenInterest(V, "BTCUSDT", Instant.ofEpochMilli(1583127900000L), RECEIVED, d("20403.63700000"),
                        d("20403.63700000"), d("150570784.07809979")),
                new OpenInterest(V, "BTCUSDT", Instant.ofEpochMilli(1583128200000L), RECEIVED, d("20401.36700000"),
                        d("20401.36700000"), d("149940752.14464448")));
    }

    @Test
    void accountAndPositionRatios() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        assertThat(BinanceUsdmRest.longShortRatios(rest("globalLongShortAccountRatio_doc"), LongShortKind.ACCOUNTS,
                "BTCUSDT", "5m", RECEIVED)).containsExactly(
                new LongShortRatio(V, "BTCUSDT", Instant.ofEpochMilli(1583139600000L), RECEIVED,
                        LongShortKind.ACCOUNTS, fiveMinutes, d("0.1960"), d("0.6622"), d("0.3378")),
                new LongShortRatio(V, "BTCUSDT", Instant.ofEpochMilli(1583139900000L), RECEIVED,
                        LongShortKind.ACCOUNTS, fiveMinutes, d("1.9559"), d("0.6617"), d("0.3382")));
        assertThat(BinanceUsdmRest.longShortRatios(rest("topLongShortAccountRatio_doc"),
                LongShortKind.TOP_TRADER_ACCOUNTS, "BTCUSDT", "5m", RECEIVED).getFirst()).isEqualTo(
                new LongShortRatio(V, "BTCUSDT", Instant.ofEpochMilli(1583139600000L), RECEIVED,
                        LongShortKind.TOP_TRADER_ACCOUNTS, fiveMinutes, d("1.8105"), d("0.6442"), d("0.3558")));
        assertThat(BinanceUsdmRest.longShortRatios(rest("topLongShortPositionRatio_doc"),
                LongShortKind.TOP_TRADER_POSITIONS, "BTCUSDT", "5m", RECEIVED).get(1)).isEqualTo(
                new LongShortRatio(V, "BTCUSDT", Instant.ofEpochMilli(1583139900000L), RECEIVED,
                        LongShortKind.TOP_TRADER_POSITIONS, fiveMinutes, d("1.4337"), d("0.3583"), d("0.6417")));
        assertThat(BinanceUsdmRest.longShortRatios(rest("topLongShortPositionRatio_numeric-timestamp"),
                LongShortKind.TOP_TRADER_POSITIONS, "ETHUSDT", "1h", RECEIVED)).containsExactly(
                new LongShortRatio(V, "ETHUSDT", Instant.parse("2026-05-28T20:30:00Z"), RECEIVED,
                        LongShortKind.TOP_TRADER_POSITIONS, Duration.ofHours(1), d("2.1047"), d("0.6779"),
                        d("0.3221")));
        String positionNames = "[{\"symbol\":\"BTCUSD\",\"longShortRatio\":\"1.2\",\"longPosition\":\"0.5455\","
                + "\"shortPosition\":\"0.4545\",\"timestamp\":1}]";
        assertThat(BinanceUsdmRest.longShortRatios(utf8(positionNames), LongShortKind.TOP_TRADER_POSITIONS,
                "BTCUSD", "5m", RECEIVED).getFirst().longValue().toPlainString()).isEqualTo("0.5455");
    }

    @Test
    void takerBuySellVolumeTakesTheRequestedSymbol() {
        assertThat(BinanceUsdmRest.longShortRatios(rest("takerlongshortRatio_doc"), LongShortKind.TAKER_BUY_SELL,
                "BTCUSDT", "5m", RECEIVED)).containsExactly(
                new LongShortRatio(V, "BTCUSDT", Instant.ofEpochMilli(1585614900000L), RECEIVED,
                        LongShortKind.TAKER_BUY_SELL, Duration.ofMinutes(5), d("1.5586"), d("387.3300"),
                        d("248.5030")),
                new LongShortRatio(V, "BTCUSDT", Instant.ofEpochMilli(1583139900000L), RECEIVED,
                        LongShortKind.TAKER_BUY_SELL, Duration.ofMinutes(5), d("1.3104"), d("343.9290"),
                        d("248.5030")));
    }

    @Test
    void venueErrorBodies() {
        assertThat(BinanceUsdmRest.error(rest("error_invalid-symbol")))
                .contains(new Parsed.ErrorReply(null, -1121, "Invalid symbol."));
        assertThat(BinanceUsdmRest.error(rest("fundingRate_doc"))).isEmpty();
        assertThat(BinanceUsdmRest.error(rest("openInterest_doc"))).isEmpty();
        assertThat(BinanceUsdmRest.error(utf8("<html>502 Bad Gateway</html>"))).isEmpty();
    }

    @Test
    void malformedBodiesNameTheProblem() {
        assertThatThrownBy(() -> BinanceUsdmRest.fundingRates(rest("error_invalid-symbol"), RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("fundingRate: expected a JSON array");
        assertThatThrownBy(() -> BinanceUsdmRest.fundingRates(
                utf8("[{\"symbol\":\"BTCUSDT\",\"fundingTime\":1}]"), RECEIVED))
                .hasMessage("fundingRate: field 'fundingRate' missing or invalid");
        assertThatThrownBy(() -> BinanceUsdmRest.klines(utf8("[[1,\"1\",\"1\"]]"), "BTCUSDT", "1m", RECEIVED,
                RECEIVED)).hasMessage("klines: row is not a kline array");
        assertThatThrownBy(() -> BinanceUsdmRest.klines(utf8("[[1,\"1\",\"1\",\"1\",\"x\",\"1\",2,\"1\",3]]"),
                "BTCUSDT", "1m", RECEIVED, RECEIVED)).hasMessage("klines: column 4 missing or invalid");
        assertThatThrownBy(() -> BinanceUsdmRest.depthSnapshot(utf8("{\"lastUpdateId\":5,\"bids\":[[\"1\"]],\"asks\":[]}")))
                .hasMessage("depth.bids: level is not [price, quantity]");
        assertThatThrownBy(() -> BinanceUsdmRest.openInterest(utf8("{\"openInterest\":\"1\""), RECEIVED, null))
                .isInstanceOf(MalformedFrameException.class).hasMessage("openInterest: truncated JSON");
        assertThatThrownBy(() -> BinanceUsdmRest.longShortRatios(rest("takerlongshortRatio_doc"),
                LongShortKind.TAKER_BUY_SELL, "BTCUSDT", "3m", RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statistics period '3m'");
    }
}
