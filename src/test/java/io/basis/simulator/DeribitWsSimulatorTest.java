package io.basis.simulator;

import io.basis.ingest.book.BookSequencer;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;
import io.basis.venue.deribit.DeribitBookSequencer;
import io.basis.venue.deribit.DeribitParser;
import io.basis.venue.deribit.Parsed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.basis.simulator.DeribitResponses.JSON;
import static org.assertj.core.api.Assertions.assertThat;

class DeribitWsSimulatorTest {
    private static final String PERP = "BTC-PERPETUAL";
    private static final String CALL = "BTC-27DEC26-100000-C";
    private static final DeribitParser PARSER = new DeribitParser();
    private static final Instant RX = Instant.parse("2026-11-22T00:00:00Z");

    private final DeribitVenue deribit = DeribitVenue.start();
    private final DeribitMarket market = deribit.market();

    @AfterEach
    void stop() {
        deribit.close();
    }

    @Test
    void subscribeRepliesWithTheChannelsAndNotificationsParseAsTheVenuesOwn() throws Exception {
        market.list(PERP).funding("0.00001286", "0.0000021").openInterest("333091400").markPrice("23408.41")
                .indexPrice("23406.85");
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(subscribe(42, "ticker.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms"));
            JsonNode ack = JSON.readTree(client.next());
            assertThat(fieldNames(ack)).containsExactlyElementsOf(fieldNames(fixture("ws/control_subscribe-reply")));
            assertThat(ack.get("id").asLong()).isEqualTo(42);
            assertThat(ack.get("result").values()).extracting(JsonNode::asString)
                    .containsExactly("ticker.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms");
            assertThat(ack.get("usOut").asLong() - ack.get("usIn").asLong()).isEqualTo(ack.get("usDiff").asLong());
            assertThat(ack.get("testnet").asBoolean()).isFalse();
            assertThat(deribit.ws().connections().getFirst().path()).isEqualTo(DeribitVenue.WS_PATH);

            assertThat(market.publishTicker(PERP)).isEqualTo(1);
            String tickerFrame = client.next();
            JsonNode data = JSON.readTree(tickerFrame).path("params").path("data");
            assertThat(fieldNames(data)).containsExactlyInAnyOrderElementsOf(
                    fieldNames(fixture("ws/ticker_perpetual").path("params").path("data")));
            List<Object> events = events(tickerFrame);
            assertThat(events).hasExactlyElementsOfTypes(MarkPrice.class, IndexPrice.class, OpenInterest.class,
                    FundingRate.class);
            assertThat(((FundingRate) events.get(3)).rate()).isEqualByComparingTo("0.00001286");
            assertThat(((OpenInterest) events.get(2)).amount()).isEqualByComparingTo("333091400");

            market.trade(PERP).sell("100000.5", "1000").id("777").liquidation("T").publish();
            String tradeFrame = client.next();
            List<Object> trade = events(tradeFrame);
            assertThat(trade).hasExactlyElementsOfTypes(Trade.class, Liquidation.class);
            assertThat(((Trade) trade.getFirst()).tradeId()).isEqualTo("777");
            assertThat(((Liquidation) trade.get(1)).side()).isEqualTo(Side.SELL);
            assertThat(fieldNames(JSON.readTree(tradeFrame).path("params").path("data").get(0)))
                    .containsExactlyInAnyOrderElementsOf(fieldNames(fixture("ws/trades_liquidation").path("params")
                            .path("data").get(0)));
        }
    }

    @Test
    void optionTickerCarriesEveryReferenceFieldWithTheScriptedValues() throws Exception {
        market.list(CALL).openInterest("1520.3").quote("0.0105", "12.5", "0.011", "8.0").markPrice("0.01075")
                .iv("55.2", "57.1", "56.15").greeks("0.21345", "0.00001234", "45.12", "-30.5", "12.01")
                .underlyingPrice("67118.12");
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(subscribe(1, "ticker." + CALL + ".100ms"));
            client.next();
            market.publishTicker(CALL);
            String frame = client.next();

            JsonNode data = JSON.readTree(frame).path("params").path("data");
            assertThat(fieldNames(data)).containsExactlyInAnyOrderElementsOf(
                    fieldNames(fixture("ws/ticker_option").path("params").path("data")));
            OptionTicker t = (OptionTicker) events(frame).getFirst();
            assertThat(List.of(t.bidPrice(), t.bidAmount(), t.askPrice(), t.askAmount(), t.markPrice(), t.bidIv(),
                    t.askIv(), t.markIv(), t.delta(), t.gamma(), t.vega(), t.theta(), t.rho(), t.openInterest(),
                    t.underlyingPrice())).map(Object::toString).containsExactly("0.0105", "12.5", "0.011", "8.0",
                    "0.01075", "55.2", "57.1", "56.15", "0.21345", "0.00001234", "45.12", "-30.5", "12.01", "1520.3",
                    "67118.12");
            assertThat(t.underlyingIndex()).isEqualTo("SYN.BTC-27DEC26");
            assertThat(t.venueTime().toEpochMilli()).isEqualTo(data.get("timestamp").asLong());
        }
    }

    @Test
    void bookSnapshotFollowsTheAckAndAnInjectedGapBreaksTheChainUntilResubscribed() throws Exception {
        market.list(PERP);
        market.publishBook(PERP, List.of("new:99:5", "new:98:1"), List.of("new:101:4"));
        DeribitBookSequencer book = new DeribitBookSequencer(PERP);
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(subscribe(3, "book.BTC-PERPETUAL.100ms"));
            assertThat(JSON.readTree(client.next()).get("id").asLong()).isEqualTo(3);
            Parsed.Book snapshot = (Parsed.Book) PARSER.parse(client.next(), RX);
            assertThat(snapshot.change().prevChangeId()).isNull();
            assertThat(snapshot.change().changeId()).isEqualTo(market.changeId(PERP));
            assertThat(book.onSnapshot(snapshot.change(), RX)).isEqualTo(BookSequencer.State.IN_SYNC);

            market.publishBook(PERP, List.of("change:99:6"), List.of("delete:101:0", "new:102:3"));
            assertThat(book.onDiff(((Parsed.Book) PARSER.parse(client.next(), RX)).change(), RX))
                    .isEqualTo(BookSequencer.Outcome.APPLIED);
            assertThat(book.snapshot(5).orElseThrow().asks()).extracting(l -> l.price().toString())
                    .containsExactly("102");

            market.gapNext(PERP);
            market.publishBook(PERP, List.of("new:97:1"), List.of());
            assertThat(book.onDiff(((Parsed.Book) PARSER.parse(client.next(), RX)).change(), RX))
                    .isEqualTo(BookSequencer.Outcome.GAP);

            client.send(unsubscribe(4, "book.BTC-PERPETUAL.100ms"));
            assertThat(JSON.readTree(client.next()).get("result").values()).extracting(JsonNode::asString)
                    .containsExactly("book.BTC-PERPETUAL.100ms");
            client.send(subscribe(5, "book.BTC-PERPETUAL.100ms"));
            client.next();
            Parsed.Book fresh = (Parsed.Book) PARSER.parse(client.next(), RX);
            assertThat(book.onSnapshot(fresh.change(), RX)).isEqualTo(BookSequencer.State.IN_SYNC);
            assertThat(book.snapshot(5).orElseThrow().bids()).extracting(l -> l.price().toString())
                    .containsExactly("99", "98", "97");
            market.publishBook(PERP, List.of("delete:97:0"), List.of());
            assertThat(book.onDiff(((Parsed.Book) PARSER.parse(client.next(), RX)).change(), RX))
                    .isEqualTo(BookSequencer.Outcome.APPLIED);
        }
    }

    @Test
    void unknownExpiredAndRejectedChannelsFailTheRequestWith10020() throws Exception {
        market.listAll(PERP, CALL);
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(subscribe(1, "ticker.BTC-PERPETUAL.100ms", "ticker.BTC-1JAN20-5000-C.100ms"));
            JsonNode error = JSON.readTree(client.next());
            assertThat(error.get("id").asLong()).isEqualTo(1);
            assertThat(error.path("error").path("code").asInt()).isEqualTo(10020);
            assertThat(error.path("error").path("message").asString()).isEqualTo("invalid_or_unsupported_instrument");
            assertThat(deribit.ws().connections().getFirst().subscriptions()).isEmpty();

            client.send(subscribe(2, "ticker." + CALL + ".100ms", "deribit_volatility_index.btc_usd"));
            assertThat(JSON.readTree(client.next()).get("result")).hasSize(2);
            market.expire(CALL);
            client.send(subscribe(3, "book." + CALL + ".100ms"));
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(10020);
            assertThat(market.publishTicker(CALL)).as("earlier subscriptions stay until unsubscribed").isEqualTo(1);
            client.next();

            market.rejectChannel("trades.BTC-PERPETUAL.100ms");
            client.send(subscribe(4, "trades.BTC-PERPETUAL.100ms"));
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(10020);

            deribit.dialect().omitUnknownChannels(true);
            client.send(subscribe(5, "book." + CALL + ".100ms", "book.BTC-PERPETUAL.100ms", "nonsense"));
            assertThat(JSON.readTree(client.next()).get("result").values()).extracting(JsonNode::asString)
                    .containsExactly("book.BTC-PERPETUAL.100ms");
        }
    }

    @Test
    void listingsAndExpiriesAreAnnouncedOnInstrumentState() throws Exception {
        market.list(PERP);
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(subscribe(1, "instrument.state.option.BTC", "instrument.state.any.any"));
            assertThat(JSON.readTree(client.next()).get("result")).hasSize(2);

            market.list(CALL);
            market.expire(CALL);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                JsonNode params = JSON.readTree(client.next()).path("params");
                assertThat(params.path("data").path("instrument_name").asString()).isEqualTo(CALL);
                seen.add(params.path("channel").asString() + "=" + params.path("data").path("state").asString());
            }
            assertThat(seen).containsExactly("instrument.state.option.BTC=created", "instrument.state.any.any=created",
                    "instrument.state.option.BTC=settled", "instrument.state.any.any=settled",
                    "instrument.state.option.BTC=deactivated", "instrument.state.any.any=deactivated");
        }
    }

    @Test
    void rawChannelsNeedAuthAndPrivateSubscribeIsRefusedWithoutIt() throws Exception {
        market.list(PERP);
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(subscribe(1, "ticker.BTC-PERPETUAL.raw", "ticker.BTC-PERPETUAL.100ms"));
            assertThat(JSON.readTree(client.next()).get("result").values()).extracting(JsonNode::asString)
                    .containsExactly("ticker.BTC-PERPETUAL.100ms");
            client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"private/subscribe\",\"params\":{\"channels\":"
                    + "[\"user.trades.any.any.raw\"]}}");
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(13009);
            client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"public/auth\",\"params\":{\"grant_type\":"
                    + "\"client_credentials\",\"client_id\":\"id\",\"client_secret\":\"secret\"}}");
            assertThat(JSON.readTree(client.next()).path("result").path("token_type").asString()).isEqualTo("bearer");
            client.send(subscribe(4, "ticker.BTC-PERPETUAL.raw"));
            assertThat(JSON.readTree(client.next()).get("result")).hasSize(1);
        }
    }

    @Test
    void dataMethodsIndexChannelsAndProtocolErrors() throws Exception {
        market.listAll(PERP, CALL, "ETH-PERPETUAL");
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/get_instruments\",\"params\":"
                    + "{\"currency\":\"BTC\",\"kind\":\"future\"}}");
            assertThat(JSON.readTree(client.next()).get("result").values()).extracting(i -> i.get("instrument_name")
                    .asString()).containsExactly(PERP);
            client.send(subscribe(2, "deribit_volatility_index.btc_usd", "deribit_price_index.btc_usd",
                    "trades.option.BTC.100ms"));
            client.next();
            market.publishVolatilityIndex("btc_usd", "52.31");
            market.publishPriceIndex("btc_usd", "100123.45");
            market.trade(CALL).buy("0.05", "3").publish();
            market.trade(PERP).publish();
            assertThat(((VolatilityIndex) events(client.next()).getFirst()).value()).isEqualByComparingTo("52.31");
            assertThat(((IndexPrice) events(client.next()).getFirst()).price()).isEqualByComparingTo("100123.45");
            assertThat(((Trade) events(client.next()).getFirst()).symbol()).isEqualTo(CALL);

            client.send("not json");
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(-32700);
            client.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"public/fly\",\"params\":{}}");
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(-32601);
            client.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"public/unsubscribe_all\",\"params\":{}}");
            assertThat(JSON.readTree(client.next()).get("result").asString()).isEqualTo("ok");
            assertThat(market.publishPriceIndex("btc_usd", "1")).isZero();
        }
    }

    private static List<Object> events(String frame) {
        Parsed parsed = PARSER.parse(frame, RX);
        assertThat(parsed).isInstanceOf(Parsed.Events.class);
        return List.copyOf(((Parsed.Events) parsed).events());
    }

    /** The next reply, skipping heartbeat notifications. */
    static String subscribe(long id, String... channels) {
        return io.basis.venue.deribit.DeribitChannels.subscribe(id, List.of(channels));
    }

    private static String unsubscribe(long id, String... channels) {
        return io.basis.venue.deribit.DeribitChannels.unsubscribe(id, List.of(channels));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    static JsonNode fixture(String name) {
        try (InputStream in = DeribitWsSimulatorTest.class.getResourceAsStream("/venues/deribit/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
