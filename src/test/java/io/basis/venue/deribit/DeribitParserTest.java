package io.basis.venue.deribit;

import io.basis.config.LargeTradeThresholds;
import io.basis.venue.MalformedFrameException;

import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;
import io.basis.venue.deribit.DeribitMessages.BookAction;
import io.basis.venue.deribit.DeribitMessages.BookChange;
import io.basis.venue.deribit.DeribitMessages.BookChangeType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.basis.venue.deribit.DeribitFixtures.ws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitParserTest {

    static final Instant RECEIVED = Instant.parse("2026-05-28T20:26:41.000001Z");

    final DeribitParser parser = new DeribitParser();

    private List<MarketEvent> events(String fixture) {
        Parsed p = parser.parse(ws(fixture), RECEIVED);
        assertThat(p).isInstanceOf(Parsed.Events.class);
        return ((Parsed.Events) p).events();
    }

    private static String s(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    @Test
    void perpetualTickerGivesMarkIndexOpenInterestAndFunding() {
        List<MarketEvent> ev = events("ticker_perpetual");
        assertThat(ev).hasSize(4);
        Instant t = Instant.parse("2023-02-28T13:56:20.023Z");

        MarkPrice mark = (MarkPrice) ev.get(0);
        assertThat(mark.venue()).isEqualTo("deribit");
        assertThat(mark.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(mark.venueTime()).isEqualTo(t);
        assertThat(mark.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(mark.markPrice())).isEqualTo("23408.41");
        assertThat(s(mark.indexPrice())).isEqualTo("23406.85");
        assertThat(s(mark.estimatedSettlePrice())).isEqualTo("23406.85");

        IndexPrice index = (IndexPrice) ev.get(1);
        assertThat(index.venue()).isEqualTo("deribit");
        assertThat(index.symbol()).isEqualTo("btc_usd");
        assertThat(index.venueTime()).isEqualTo(t);
        assertThat(index.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(index.price())).isEqualTo("23406.85");

        OpenInterest oi = (OpenInterest) ev.get(2);
        assertThat(oi.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(oi.venueTime()).isEqualTo(t);
        assertThat(oi.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(oi.amount())).isEqualTo("333091400");
        assertThat(s(oi.baseAmount())).isEqualTo("14229.56108509719370089638723860356");
        assertThat(s(oi.notional())).isEqualTo("333091400");

        FundingRate f = (FundingRate) ev.get(3);
        assertThat(f.venue()).isEqualTo("deribit");
        assertThat(f.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(f.venueTime()).isEqualTo(t);
        assertThat(f.receivedAt()).isEqualTo(RECEIVED);
        assertThat(f.fundingTime()).isEqualTo(Instant.parse("2023-02-28T14:00:00Z"));
        assertThat(s(f.rate())).isEqualTo("0.00001286");
        assertThat(f.predictedRate()).isNull();
        assertThat(f.interval()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void optionTicker() {
        List<MarketEvent> ev = events("ticker_option");
        assertThat(ev).hasSize(1);
        OptionTicker o = (OptionTicker) ev.get(0);
        assertThat(o.venue()).isEqualTo("deribit");
        assertThat(o.symbol()).isEqualTo("BTC-12MAR25-65000-C");
        assertThat(o.venueTime()).isEqualTo(Instant.parse("2025-03-11T22:20:10.450Z"));
        assertThat(o.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(o.bidPrice())).isEqualTo("0.1905");
        assertThat(s(o.bidAmount())).isEqualTo("6.9");
        assertThat(s(o.askPrice())).isEqualTo("0.2455");
        assertThat(s(o.askAmount())).isEqualTo("6.9");
        assertThat(s(o.markPrice())).isEqualTo("0.2182");
        assertThat(s(o.bidIv())).isEqualTo("0");
        assertThat(s(o.askIv())).isEqualTo("863.38");
        assertThat(s(o.markIv())).isEqualTo("159.47");
        assertThat(s(o.delta())).isEqualTo("1");
        assertThat(s(o.gamma())).isEqualTo("0");
        assertThat(s(o.vega())).isEqualTo("0.0002");
        assertThat(s(o.theta())).isEqualTo("-0.01591");
        assertThat(s(o.rho())).isEqualTo("0.71727");
        assertThat(s(o.openInterest())).isEqualTo("0");
        assertThat(s(o.underlyingPrice())).isEqualTo("83140.6237");
        assertThat(o.underlyingIndex()).isEqualTo("SYN.BTC-12MAR25");
    }

    @Test
    void inversePerpetualTrade() {
        List<MarketEvent> ev = events("trades_perpetual");
        assertThat(ev).hasSize(1);
        Trade t = (Trade) ev.get(0);
        assertThat(t.venue()).isEqualTo("deribit");
        assertThat(t.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(t.venueTime()).isEqualTo(Instant.parse("2020-05-26T09:15:12.188Z"));
        assertThat(t.receivedAt()).isEqualTo(RECEIVED);
        assertThat(t.tradeId()).isEqualTo("48079269");
        assertThat(s(t.price())).isEqualTo("8950");
        assertThat(s(t.amount())).isEqualTo("10");
        assertThat(s(t.baseAmount())).isEqualTo("0.001117318435754189944134078212290503");
        assertThat(s(t.notional())).isEqualTo("10");
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.large()).isFalse();
    }

    @Test
    void optionTradeFromCurrencyChannel() {
        Parsed p = parser.parse(ws("trades_option"), RECEIVED);
        assertThat(((Parsed.Events) p).channel()).isEqualTo("trades.option.BTC.raw");
        Trade t = (Trade) ((Parsed.Events) p).events().get(0);
        assertThat(t.symbol()).isEqualTo("BTC-27MAY20-9000-C");
        assertThat(t.venueTime()).isEqualTo(Instant.parse("2020-05-26T09:16:29.306Z"));
        assertThat(t.receivedAt()).isEqualTo(RECEIVED);
        assertThat(t.tradeId()).isEqualTo("48079289");
        assertThat(s(t.price())).isEqualTo("0.0075");
        assertThat(s(t.amount())).isEqualTo("3");
        assertThat(s(t.baseAmount())).isEqualTo("3");
        assertThat(s(t.notional())).isEqualTo("26868.51");
        assertThat(t.side()).isEqualTo(Side.SELL);
        assertThat(t.large()).isFalse();
    }

    @Test
    void largeMeansTheUsdNotionalReachedTheBaseAssetsThreshold() {
        DeribitParser at = new DeribitParser(LargeTradeThresholds.of(Map.of("BTC", new BigDecimal("26868.51"),
                "default", new BigDecimal("10000"))));
        DeribitParser above = new DeribitParser(LargeTradeThresholds.of(Map.of("BTC", new BigDecimal("26868.52"))));
        Trade option = (Trade) ((Parsed.Events) at.parse(ws("trades_option"), RECEIVED)).events().get(0);
        assertThat(option.large()).as("options: coin amount x index price = 26868.51 USD").isTrue();
        assertThat(((Trade) ((Parsed.Events) above.parse(ws("trades_option"), RECEIVED)).events().get(0)).large())
                .isFalse();

        String inverse = trade("BTC-PERPETUAL", "30000", "26868.51");
        assertThat(large(at, inverse)).as("inverse: the amount is USD").isTrue();
        assertThat(large(above, inverse)).isFalse();
        String linear = trade("BTC_USDC-PERPETUAL", "26868.51", "1");
        assertThat(large(at, linear)).as("linear: base amount x price, BTC's threshold").isTrue();
        assertThat(large(above, linear)).isFalse();
        assertThat(large(at, trade("ETH-PERPETUAL", "3000", "10000"))).as("ETH: the default").isTrue();
        assertThat(large(at, trade("ETH-PERPETUAL", "3000", "9999"))).isFalse();
        assertThat(large(at, trade("BTC-27MAY20-9000-C", "0.1", "1000000")))
                .as("an option trade without index price has no USD notional").isFalse();
        assertThat(large(new DeribitParser(), trade("BTC-PERPETUAL", "100000", "100000")))
                .as("built-in defaults: BTC 100000").isTrue();
    }

    private static String trade(String instrument, String price, String amount) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades." + instrument
                + ".100ms\",\"data\":[{\"trade_id\":\"1\",\"timestamp\":1590484512188,\"price\":" + price
                + ",\"instrument_name\":\"" + instrument + "\",\"direction\":\"buy\",\"amount\":" + amount
                + "}]}}";
    }

    private static boolean large(DeribitParser parser, String frame) {
        return ((Trade) ((Parsed.Events) parser.parse(frame, RECEIVED)).events().get(0)).large();
    }

    @Test
    void liquidationFlagAddsLiquidationOnTheLiquidatedSide() {
        List<MarketEvent> ev = events("trades_liquidation");
        assertThat(ev).hasSize(4);
        Trade taker = (Trade) ev.get(0);
        assertThat(taker.tradeId()).isEqualTo("48079270");
        assertThat(taker.side()).isEqualTo(Side.SELL);
        Liquidation l1 = (Liquidation) ev.get(1);
        assertThat(l1.venue()).isEqualTo("deribit");
        assertThat(l1.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(l1.venueTime()).isEqualTo(Instant.parse("2020-05-26T09:15:12.190Z"));
        assertThat(l1.receivedAt()).isEqualTo(RECEIVED);
        assertThat(l1.side()).as("T: taker sold = long liquidated").isEqualTo(Side.SELL);
        assertThat(s(l1.price())).isEqualTo("8949.5");
        assertThat(s(l1.amount())).isEqualTo("1000");
        assertThat(s(l1.baseAmount())).isEqualTo("0.1117380859265880775462316330521258");
        assertThat(s(l1.notional())).isEqualTo("1000");

        Trade maker = (Trade) ev.get(2);
        assertThat(maker.tradeId()).isEqualTo("48079271");
        assertThat(maker.side()).isEqualTo(Side.BUY);
        Liquidation l2 = (Liquidation) ev.get(3);
        assertThat(l2.side()).as("M: maker was on the opposite side of the taker buy").isEqualTo(Side.SELL);
        assertThat(l2.venueTime()).isEqualTo(Instant.parse("2020-05-26T09:15:12.191Z"));
        assertThat(s(l2.price())).isEqualTo("8949.5");
        assertThat(s(l2.amount())).isEqualTo("20");
        assertThat(s(l2.baseAmount())).isEqualTo("0.002234761718531761550924632661042516");
        assertThat(s(l2.notional())).isEqualTo("20");
    }

    @Test
    void volatilityIndex() {
        VolatilityIndex v = (VolatilityIndex) events("volatility-index_doc").get(0);
        assertThat(v.venue()).isEqualTo("deribit");
        assertThat(v.symbol()).isEqualTo("btc_usd");
        assertThat(v.venueTime()).isEqualTo(Instant.parse("2021-04-30T10:19:06.007Z"));
        assertThat(v.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(v.value())).isEqualTo("129.36");
    }

    @Test
    void priceIndex() {
        IndexPrice i = (IndexPrice) events("price-index_doc").get(0);
        assertThat(i.venue()).isEqualTo("deribit");
        assertThat(i.symbol()).isEqualTo("btc_usd");
        assertThat(i.venueTime()).isEqualTo(Instant.parse("2019-02-19T14:53:22.899Z"));
        assertThat(i.receivedAt()).isEqualTo(RECEIVED);
        assertThat(s(i.price())).isEqualTo("3937.89");
    }

    @Test
    void bookSnapshotAndChange() {
        Parsed.Book snap = (Parsed.Book) parser.parse(ws("book_snapshot"), RECEIVED);
        assertThat(snap.channel()).isEqualTo("book.BTC-PERPETUAL.100ms");
        BookChange b = snap.change();
        assertThat(b.channel()).isEqualTo("book.BTC-PERPETUAL.100ms");
        assertThat(b.instrument()).isEqualTo("BTC-PERPETUAL");
        assertThat(b.type()).isEqualTo(BookChangeType.SNAPSHOT);
        assertThat(b.timestamp()).isEqualTo(1554373962454L);
        assertThat(b.changeId()).isEqualTo(297217L);
        assertThat(b.prevChangeId()).isNull();
        assertThat(b.bids()).extracting(e -> e.action() + " " + s(e.price()) + " " + s(e.amount()))
                .containsExactly("NEW 5042.34 30", "NEW 5041.94 20");
        assertThat(b.asks()).extracting(e -> e.action() + " " + s(e.price()) + " " + s(e.amount()))
                .containsExactly("NEW 5042.64 40", "NEW 5043.3 40");

        BookChange c = ((Parsed.Book) parser.parse(ws("book_change"), RECEIVED)).change();
        assertThat(c.channel()).isEqualTo("book.BTC-PERPETUAL.raw");
        assertThat(c.type()).isEqualTo(BookChangeType.CHANGE);
        assertThat(c.timestamp()).isEqualTo(1635513739435L);
        assertThat(c.changeId()).isEqualTo(6807100703L);
        assertThat(c.prevChangeId()).isEqualTo(6807100702L);
        assertThat(c.bids()).hasSize(1);
        assertThat(c.bids().get(0).action()).isEqualTo(BookAction.NEW);
        assertThat(s(c.bids().get(0).price())).isEqualTo("60772.0");
        assertThat(s(c.bids().get(0).amount())).isEqualTo("50.0");
        assertThat(c.asks()).isEmpty();
    }

    @Test
    void heartbeatsAndReplies() {
        assertThat(parser.parse(ws("heartbeat_test-request"), RECEIVED)).isEqualTo(new Parsed.Heartbeat(true));
        assertThat(parser.parse(ws("heartbeat_heartbeat"), RECEIVED)).isEqualTo(new Parsed.Heartbeat(false));
        assertThat(parser.parse(ws("control_subscribe-reply"), RECEIVED)).isEqualTo(
                new Parsed.Reply(42, List.of("ticker.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms")));
        assertThat(parser.parse(ws("control_error"), RECEIVED))
                .isEqualTo(new Parsed.ErrorReply(8163L, 10028, "too_many_requests"));
        assertThat(parser.parse("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":\"ok\"}", RECEIVED))
                .isEqualTo(new Parsed.Reply(9, List.of()));
    }

    @Test
    void unconsumedChannelIsUnsupported() {
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"chart.trades.BTC-PERPETUAL.1\",\"data\":{\"tick\":1}}}";
        assertThat(parser.parse(frame, RECEIVED)).isEqualTo(new Parsed.Unsupported("chart.trades.BTC-PERPETUAL.1"));
    }

    @Test
    void malformedFramesHaveShortReasons() {
        assertThatThrownBy(() -> parser.parse("{\"jsonrpc\":", RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("frame: truncated JSON");
        assertThatThrownBy(() -> parser.parse("[1]", RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("frame: expected a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"jsonrpc\":\"2.0\"}", RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("frame: neither notification nor reply");
        String noPrice = "{\"method\":\"subscription\",\"params\":{\"channel\":\"trades.BTC-PERPETUAL.100ms\","
                + "\"data\":[{\"trade_id\":\"1\",\"timestamp\":1,\"instrument_name\":\"BTC-PERPETUAL\","
                + "\"direction\":\"buy\",\"amount\":10}]}}";
        assertThatThrownBy(() -> parser.parse(noPrice, RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("trades: field 'price' missing or invalid");
        String badEntry = "{\"method\":\"subscription\",\"params\":{\"channel\":\"book.BTC-PERPETUAL.100ms\","
                + "\"data\":{\"type\":\"change\",\"timestamp\":1,\"instrument_name\":\"BTC-PERPETUAL\","
                + "\"change_id\":2,\"prev_change_id\":1,\"bids\":[[\"new\",1]],\"asks\":[]}}}";
        assertThatThrownBy(() -> parser.parse(badEntry, RECEIVED))
                .isInstanceOf(MalformedFrameException.class).hasMessage("book: entry is not [action, price, amount]");
    }
}
