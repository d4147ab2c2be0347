package io.basis.venue.binanceusdm;

import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.PriceLevel;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.ws;
import static org.assertj.core.api.Assertions.assertThat;

/** Golden tests: every stream Basis consumes, every field of what it produces, decimals compared as text. */
class BinanceUsdmParserTest {

    static final Instant RECEIVED = Instant.parse("2026-05-28T20:26:41.123456789Z");
    static final Instant RECEIVED_MICROS = Instant.parse("2026-05-28T20:26:41.123456Z");

    final BinanceUsdmParser parser = new BinanceUsdmParser();

    Parsed.Events events(String fixture) {
        Parsed parsed = parser.parse(ws(fixture), RECEIVED, InstrumentLookup.fromSymbol());
        assertThat(parsed).isInstanceOf(Parsed.Events.class);
        return (Parsed.Events) parsed;
    }

    static String text(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    @Test
    void aggTradeDocExample() {
        Parsed.Events parsed = events("trades_doc");
        assertThat(parsed.stream()).isNull();
        Trade t = (Trade) parsed.events().getFirst();
        assertThat(parsed.events()).hasSize(1);
        assertThat(t.venue()).isEqualTo("binance-usdm");
        assertThat(t.symbol()).isEqualTo("BTCUSDT");
        assertThat(t.venueTime()).isEqualTo(Instant.ofEpochMilli(123456785));
        assertThat(t.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(t.tradeId()).isEqualTo("5933014");
        assertThat(text(t.price())).isEqualTo("0.001");
        assertThat(text(t.amount())).isEqualTo("100");
        assertThat(text(t.baseAmount())).isEqualTo("100");
        assertThat(text(t.notional())).isEqualTo("0.100");
        assertThat(t.side()).as("buyer is maker: the taker sold").isEqualTo(Side.SELL);
        assertThat(t.large()).isFalse();
    }

    @Test
    void aggTradeCombinedTakerBuyAboveBtcThreshold() {
        Parsed.Events parsed = events("trades_combined");
        assertThat(parsed.stream()).isEqualTo("btcusdt@aggTrade");
        Trade t = (Trade) parsed.events().getFirst();
        assertThat(t.symbol()).isEqualTo("BTCUSDT");
        assertThat(t.venueTime()).isEqualTo(Instant.parse("2026-05-28T20:26:40.071Z"));
        assertThat(t.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(t.tradeId()).isEqualTo("2874551233");
        assertThat(text(t.price())).isEqualTo("104250.10");
        assertThat(text(t.amount())).as("q, RPI fills included, not nq").isEqualTo("1.200");
        assertThat(text(t.baseAmount())).isEqualTo("1.200");
        assertThat(text(t.notional())).isEqualTo("125100.12000");
        assertThat(t.side()).isEqualTo(Side.BUY);
        assertThat(t.large()).isTrue();
    }

    @Test
    void aggTradeFromBeforeNqExistedParsesTheSame() {
        Parsed.Events parsed = events("trades_legacy");
        assertThat(parsed.stream()).isEqualTo("ethusdt@aggTrade");
        Trade t = (Trade) parsed.events().getFirst();
        assertThat(t.symbol()).isEqualTo("ETHUSDT");
        assertThat(t.venueTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00.198Z"));
        assertThat(t.tradeId()).isEqualTo("2205117794");
        assertThat(text(t.price())).isEqualTo("3337.85");
        assertThat(text(t.amount())).isEqualTo("15.000");
        assertThat(text(t.baseAmount())).isEqualTo("15.000");
        assertThat(text(t.notional())).isEqualTo("50067.75000");
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.large()).as("ETH threshold 50000").isTrue();
    }

    @Test
    void forceOrderDocExample() {
        Liquidation l = (Liquidation) events("liquidations_doc").events().getFirst();
        assertThat(l.venue()).isEqualTo("binance-usdm");
        assertThat(l.symbol()).isEqualTo("BTCUSDT");
        assertThat(l.venueTime()).isEqualTo(Instant.ofEpochMilli(1568014460893L));
        assertThat(l.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(l.side()).isEqualTo(Side.SELL);
        assertThat(text(l.price())).isEqualTo("9910");
        assertThat(text(l.amount())).isEqualTo("0.014");
        assertThat(text(l.baseAmount())).isEqualTo("0.014");
        assertThat(text(l.notional())).isEqualTo("138.740");
    }

    @Test
    void forceOrderUsesAveragePriceAndFilledQuantity() {
        Parsed.Events parsed = events("liquidations_combined");
        assertThat(parsed.stream()).isEqualTo("!forceOrder@arr");
        Liquidation l = (Liquidation) parsed.events().getFirst();
        assertThat(l.symbol()).isEqualTo("ETHUSDT");
        assertThat(l.venueTime()).isEqualTo(Instant.ofEpochMilli(1780000001229L));
        assertThat(l.side()).as("BUY closes a short").isEqualTo(Side.BUY);
        assertThat(text(l.price())).as("ap, not the order price p").isEqualTo("2705.18");
        assertThat(text(l.amount())).isEqualTo("12.500");
        assertThat(text(l.baseAmount())).isEqualTo("12.500");
        assertThat(text(l.notional())).isEqualTo("33814.75000");
    }

    @Test
    void forceOrderPartiallyFilledCountsWhatFilled() {
        Liquidation l = (Liquidation) events("liquidations_partially-filled").events().getFirst();
        assertThat(l.symbol()).isEqualTo("SOLUSDT");
        assertThat(l.venueTime()).isEqualTo(Instant.ofEpochMilli(1780000002497L));
        assertThat(l.side()).isEqualTo(Side.SELL);
        assertThat(text(l.price())).isEqualTo("171.398");
        assertThat(text(l.amount())).as("z, not q").isEqualTo("520");
        assertThat(text(l.baseAmount())).isEqualTo("520");
        assertThat(text(l.notional())).isEqualTo("89126.960");
    }

    @Test
    void forceOrderWithNothingFilledFallsBackToOrderPriceAndQuantity() {
        Liquidation l = (Liquidation) events("liquidations_unfilled").events().getFirst();
        assertThat(l.symbol()).isEqualTo("DOGEUSDT");
        assertThat(text(l.price())).isEqualTo("0.16231");
        assertThat(text(l.amount())).isEqualTo("125000");
        assertThat(text(l.baseAmount())).isEqualTo("125000");
        assertThat(text(l.notional())).isEqualTo("20288.75000");
    }

    @Test
    void markPriceDocExampleGivesMarkIndexAndFunding() {
        List<MarketEvent> events = events("mark-price_doc").events();
        assertThat(events).hasSize(3);
        Instant e = Instant.ofEpochMilli(1562305380000L);
        MarkPrice m = (MarkPrice) events.get(0);
        assertThat(m.venue()).isEqualTo("binance-usdm");
        assertThat(m.symbol()).isEqualTo("BTCUSDT");
        assertThat(m.venueTime()).isEqualTo(e);
        assertThat(m.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(text(m.markPrice())).isEqualTo("11794.15000000");
        assertThat(text(m.indexPrice())).isEqualTo("11784.62659091");
        assertThat(text(m.estimatedSettlePrice())).isEqualTo("11784.25641265");
        IndexPrice i = (IndexPrice) events.get(1);
        assertThat(i.venue()).isEqualTo("binance-usdm");
        assertThat(i.symbol()).isEqualTo("BTCUSDT");
        assertThat(i.venueTime()).isEqualTo(e);
        assertThat(i.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(text(i.price())).isEqualTo("11784.62659091");
        FundingRate f = (FundingRate) events.get(2);
        assertThat(f.venue()).isEqualTo("binance-usdm");
        assertThat(f.symbol()).isEqualTo("BTCUSDT");
        assertThat(f.venueTime()).isEqualTo(e);
        assertThat(f.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(f.fundingTime()).isEqualTo(Instant.ofEpochMilli(1562306400000L));
        assertThat(text(f.rate())).isEqualTo("0.00038167");
        assertThat(f.predictedRate()).isNull();
        assertThat(f.interval()).isNull();
        assertThat(f.settled()).isFalse();
    }

    @Test
    void markPriceCombinedOneSecondStream() {
        Parsed.Events parsed = events("mark-price_combined");
        assertThat(parsed.stream()).isEqualTo("btcusdt@markPrice@1s");
        assertThat(parsed.events()).containsExactly(
                new MarkPrice("binance-usdm", "BTCUSDT", Instant.parse("2026-05-28T20:26:43Z"), RECEIVED,
                        new BigDecimal("104231.56200000"), new BigDecimal("104262.74456522"),
                        new BigDecimal("104247.11938914")),
                new IndexPrice("binance-usdm", "BTCUSDT", Instant.parse("2026-05-28T20:26:43Z"), RECEIVED,
                        new BigDecimal("104262.74456522")),
                new FundingRate("binance-usdm", "BTCUSDT", Instant.parse("2026-05-28T20:26:43Z"), RECEIVED,
                        Instant.parse("2026-05-29T00:00:00Z"), new BigDecimal("0.00006214"), null, null));
    }

    @Test
    void markPriceFromTheLegacyThreeSecondStreamWithoutAp() {
        Parsed.Events parsed = events("mark-price_legacy");
        assertThat(parsed.stream()).isEqualTo("btcusdt@markPrice");
        Instant e = Instant.parse("2025-01-01T00:00:03Z");
        assertThat(parsed.events()).containsExactly(
                new MarkPrice("binance-usdm", "BTCUSDT", e, RECEIVED, new BigDecimal("93576.00000000"),
                        new BigDecimal("93620.81086957"), new BigDecimal("93605.31594203")),
                new IndexPrice("binance-usdm", "BTCUSDT", e, RECEIVED, new BigDecimal("93620.81086957")),
                new FundingRate("binance-usdm", "BTCUSDT", e, RECEIVED, Instant.parse("2025-01-01T08:00:00Z"),
                        new BigDecimal("0.00010000"), null, null));
    }

    @Test
    void allMarketArrayIncludingADeliveryContractWithoutFunding() {
        Parsed.Events parsed = events("mark-price_array");
        assertThat(parsed.stream()).isNull();
        Instant e = Instant.parse("2026-05-28T20:26:44Z");
        assertThat(parsed.events()).containsExactly(
                new MarkPrice("binance-usdm", "ETHUSDT", e, RECEIVED, new BigDecimal("2708.31000000"),
                        new BigDecimal("2709.90581395"), new BigDecimal("2709.46211520")),
                new IndexPrice("binance-usdm", "ETHUSDT", e, RECEIVED, new BigDecimal("2709.90581395")),
                new FundingRate("binance-usdm", "ETHUSDT", e, RECEIVED, Instant.parse("2026-05-29T00:00:00Z"),
                        new BigDecimal("-0.00002871"), null, null),
                new MarkPrice("binance-usdm", "BTCUSDT_260925", e, RECEIVED, new BigDecimal("105912.40000000"),
                        new BigDecimal("104262.74456522"), new BigDecimal("104262.11203980")),
                new IndexPrice("binance-usdm", "BTCUSDT", e, RECEIVED, new BigDecimal("104262.74456522")));
    }

    @Test
    void klineDocExampleStillOpen() {
        Candle c = (Candle) events("candles_doc").events().getFirst();
        assertThat(c.venue()).isEqualTo("binance-usdm");
        assertThat(c.symbol()).isEqualTo("BTCUSDT");
        assertThat(c.venueTime()).as("open time").isEqualTo(Instant.ofEpochMilli(1638747660000L));
        assertThat(c.receivedAt()).isEqualTo(RECEIVED_MICROS);
        assertThat(c.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(text(c.open())).isEqualTo("0.0010");
        assertThat(text(c.high())).isEqualTo("0.0025");
        assertThat(text(c.low())).isEqualTo("0.0015");
        assertThat(text(c.close())).isEqualTo("0.0020");
        assertThat(text(c.volume())).isEqualTo("1000");
        assertThat(text(c.quoteVolume())).isEqualTo("1.0000");
        assertThat(c.tradeCount()).isEqualTo(100L);
        assertThat(c.closed()).isFalse();
    }

    @Test
    void klineCombinedClosed() {
        Parsed.Events parsed = events("candles_closed");
        assertThat(parsed.stream()).isEqualTo("btcusdt@kline_1m");
        assertThat(parsed.events()).containsExactly(new Candle("binance-usdm", "BTCUSDT",
                Instant.parse("2026-05-28T20:26:00Z"), RECEIVED, Duration.ofMinutes(1), new BigDecimal("104198.30"),
                new BigDecimal("104268.00"), new BigDecimal("104180.50"), new BigDecimal("104250.10"),
                new BigDecimal("152.337"), new BigDecimal("15878552.84720"), 1951L, true));
    }

    @Test
    void depthUpdateDocExampleIsHandedToTheSequencerNotNormalized() {
        Parsed parsed = parser.parse(ws("book_doc"), RECEIVED, InstrumentLookup.fromSymbol());
        assertThat(parsed).isEqualTo(new Parsed.Depth(null, new DepthDiff(123456789, 123456788, "BTCUSDT", 157, 160,
                149, List.of(level("0.0024", "10")), List.of(level("0.0026", "100")))));
        DepthDiff d = ((Parsed.Depth) parsed).diff();
        assertThat(text(d.bids().getFirst().price())).isEqualTo("0.0024");
        assertThat(text(d.asks().getFirst().amount())).isEqualTo("100");
    }

    @Test
    void depthUpdateCombinedKeepsZeroQuantitiesForTheBookToRemove() {
        Parsed.Depth parsed = (Parsed.Depth) parser.parse(ws("book_combined"), RECEIVED, InstrumentLookup.fromSymbol());
        assertThat(parsed.stream()).isEqualTo("btcusdt@depth@100ms");
        DepthDiff d = parsed.diff();
        assertThat(d.eventTime()).isEqualTo(1780000005100L);
        assertThat(d.transactionTime()).isEqualTo(1780000005093L);
        assertThat(d.symbol()).isEqualTo("BTCUSDT");
        assertThat(d.firstUpdateId()).isEqualTo(9182736450012L);
        assertThat(d.finalUpdateId()).isEqualTo(9182736450398L);
        assertThat(d.previousFinalUpdateId()).isEqualTo(9182736449987L);
        assertThat(d.bids()).extracting(l -> text(l.price()) + "/" + text(l.amount()))
                .containsExactly("104250.00/3.412", "104249.90/0.000", "104248.50/0.125");
        assertThat(d.asks()).extracting(l -> text(l.price()) + "/" + text(l.amount()))
                .containsExactly("104250.10/1.877", "104251.30/0");
    }

    static PriceLevel level(String price, String amount) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(amount));
    }
}
