package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.model.ContractType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.venue.binanceusdm.BinanceUsdmInstruments.ExchangeInfo;
import io.basis.venue.binanceusdm.BinanceUsdmInstruments.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.rest;
import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceUsdmInstrumentsTest {

    static final Instant RECEIVED = Instant.parse("2026-05-28T20:26:41.000001Z");
    static final Instant SERVER_TIME = Instant.parse("2026-05-28T20:26:40.500Z");

    final ExchangeInfo info = BinanceUsdmInstruments.parse(rest("exchangeInfo_mixed"), RECEIVED);

    @Test
    void onlyTradingPerpetualsAndQuarterliesAreListed() {
        assertThat(info.instruments()).extracting(Instrument::symbol)
                .containsExactly("BTCUSDT", "ETHUSDT_260925", "XAUUSDT", "1000PEPEUSDC");
        assertThat(info.problems()).isEmpty();
    }

    @Test
    void perpetual() {
        Instrument btc = info.instruments().get(0);
        assertThat(btc.venue()).isEqualTo("binance-usdm");
        assertThat(btc.symbol()).isEqualTo("BTCUSDT");
        assertThat(btc.normalizedSymbol()).isEqualTo("BTC-USDT-PERP");
        assertThat(btc.kind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(btc.base()).isEqualTo("BTC");
        assertThat(btc.quote()).isEqualTo("USDT");
        assertThat(btc.settle()).isEqualTo("USDT");
        assertThat(btc.contractSize().toPlainString()).isEqualTo("1");
        assertThat(btc.contractType()).isEqualTo(ContractType.LINEAR);
        assertThat(btc.expiry()).as("deliveryDate of a perpetual is a sentinel").isNull();
        assertThat(btc.strike()).isNull();
        assertThat(btc.optionType()).isNull();
        assertThat(btc.tickSize().toPlainString()).isEqualTo("0.10");
        assertThat(btc.lotSize().toPlainString()).isEqualTo("0.001");
        assertThat(btc.venueTime()).isEqualTo(SERVER_TIME);
        assertThat(btc.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void quarterly() {
        Instrument eth = info.instruments().get(1);
        assertThat(eth.symbol()).isEqualTo("ETHUSDT_260925");
        assertThat(eth.normalizedSymbol()).isEqualTo("ETH-USDT-260925");
        assertThat(eth.kind()).isEqualTo(InstrumentKind.FUTURE);
        assertThat(eth.base()).isEqualTo("ETH");
        assertThat(eth.quote()).isEqualTo("USDT");
        assertThat(eth.settle()).isEqualTo("USDT");
        assertThat(eth.contractSize().toPlainString()).isEqualTo("1");
        assertThat(eth.contractType()).isEqualTo(ContractType.LINEAR);
        assertThat(eth.expiry()).isEqualTo(Instant.parse("2026-09-25T08:00:00Z"));
        assertThat(eth.tickSize().toPlainString()).isEqualTo("0.01");
        assertThat(eth.lotSize().toPlainString()).isEqualTo("0.001");
        assertThat(eth.venueTime()).isEqualTo(SERVER_TIME);
        assertThat(eth.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void tradFiPerpetualAndUsdcMarginedContracts() {
        Instrument xau = info.instruments().get(2);
        assertThat(xau.normalizedSymbol()).isEqualTo("XAU-USDT-PERP");
        assertThat(xau.kind()).isEqualTo(InstrumentKind.PERPETUAL);
        assertThat(xau.tickSize().toPlainString()).isEqualTo("0.01");
        Instrument pepe = info.instruments().get(3);
        assertThat(pepe.normalizedSymbol()).isEqualTo("1000PEPE-USDC-PERP");
        assertThat(pepe.base()).isEqualTo("1000PEPE");
        assertThat(pepe.settle()).isEqualTo("USDC");
        assertThat(pepe.tickSize().toPlainString()).isEqualTo("0.0000001");
        assertThat(pepe.lotSize().toPlainString()).isEqualTo("1");
    }

    @Test
    void rateLimits() {
        assertThat(info.rateLimits()).containsExactly(
                new RateLimit("REQUEST_WEIGHT", Duration.ofMinutes(1), 2400),
                new RateLimit("ORDERS", Duration.ofMinutes(1), 1200),
                new RateLimit("ORDERS", Duration.ofSeconds(10), 300));
        assertThat(info.requestWeight()).contains(new RateLimit("REQUEST_WEIGHT", Duration.ofMinutes(1), 2400));
    }

    @Test
    void brokenOrUnknownSymbolsAreReportedWithoutLosingTheRest() {
        String body = "{\"symbols\":["
                + "{\"symbol\":\"AUSDT\",\"status\":\"TRADING\",\"contractType\":\"PERPETUAL\",\"quoteAsset\":\"USDT\","
                + "\"marginAsset\":\"USDT\"},"
                + "{\"symbol\":\"BUSDT\",\"status\":\"TRADING\",\"contractType\":\"EVERLASTING\",\"baseAsset\":\"B\","
                + "\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\"},"
                + "{\"symbol\":\"CUSDT\",\"status\":\"TRADING\",\"contractType\":\"PERPETUAL\",\"baseAsset\":\"C\","
                + "\"quoteAsset\":\"USDT\",\"marginAsset\":\"USDT\"}]}";
        ExchangeInfo partial = BinanceUsdmInstruments.parse(utf8(body), RECEIVED);
        assertThat(partial.instruments()).extracting(Instrument::symbol).containsExactly("CUSDT");
        assertThat(partial.instruments().getFirst().tickSize()).isNull();
        assertThat(partial.instruments().getFirst().venueTime()).as("no serverTime").isEqualTo(RECEIVED);
        assertThat(partial.problems()).containsExactly(
                "AUSDT: exchangeInfo symbol: field 'baseAsset' missing or invalid",
                "BUSDT: contract type 'EVERLASTING' not supported");
        assertThat(partial.rateLimits()).isEmpty();
        assertThat(partial.requestWeight()).isEmpty();
    }

    @Test
    void malformedBodies() {
        assertThatThrownBy(() -> BinanceUsdmInstruments.parse(utf8("{}"), RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("exchangeInfo.symbols: expected a JSON array");
        assertThatThrownBy(() -> BinanceUsdmInstruments.parse(utf8("[]"), RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("exchangeInfo: expected a JSON object");
        byte[] full = rest("exchangeInfo_mixed");
        assertThatThrownBy(() -> BinanceUsdmInstruments.parse(Arrays.copyOf(full, full.length / 2), RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("exchangeInfo: truncated JSON");
    }

    @Test
    void lookupsGiveTheBaseAsset() {
        InstrumentLookup listed = InstrumentLookup.of(info.instruments());
        assertThat(listed.baseAsset("1000PEPEUSDC")).isEqualTo("1000PEPE");
        assertThat(listed.baseAsset("ETHUSDT_260925")).isEqualTo("ETH");
        assertThat(listed.baseAsset("SOLUSDT")).as("not listed: derived").isEqualTo("SOL");
        InstrumentLookup derived = InstrumentLookup.fromSymbol();
        assertThat(derived.baseAsset("BTCUSDT_260925")).isEqualTo("BTC");
        assertThat(derived.baseAsset("ETHUSDC")).isEqualTo("ETH");
        assertThat(derived.baseAsset("BNBFDUSD")).isEqualTo("BNB");
        assertThat(derived.baseAsset("USDT")).isEqualTo("USDT");
        assertThat(derived.baseAsset("")).isNull();
    }
}
