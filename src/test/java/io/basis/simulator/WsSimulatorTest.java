package io.basis.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.basis.simulator.JdkWsClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

class WsSimulatorTest {
    private static final String AGG = "{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1}";
    private static final String MARK = "{\"e\":\"markPriceUpdate\",\"s\":\"BTCUSDT\"}";
    private static final String DEPTH = "{\"e\":\"depthUpdate\",\"U\":1,\"u\":5,\"pu\":0}";

    private final VenueSimulator sim = VenueSimulator.start(BinanceDialect.usdm());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void combinedStreamAcksSubscribeAndWrapsPublishedEvents() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/stream?streams=btcusdt@aggTrade")) {
            SimConnection connection = sim.ws().awaitConnections(1, TIMEOUT).getFirst();
            assertThat(sim.wsUrl()).matches("ws://127\\.0\\.0\\.1:\\d+");
            assertThat(connection.path()).isEqualTo("/market/stream");
            assertThat(connection.param("streams")).isEqualTo("btcusdt@aggTrade");
            assertThat(connection.subscriptions()).containsExactly("btcusdt@aggTrade");

            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@markPrice@1s\"],\"id\":7}");
            assertThat(client.next()).isEqualTo("{\"result\":null,\"id\":7}");
            sim.ws().awaitSubscribed("btcusdt@markPrice@1s", TIMEOUT);
            assertThat(sim.ws().publish("btcusdt@markPrice@1s", MARK)).isEqualTo(1);
            assertThat(sim.ws().publish("btcusdt@aggTrade", AGG)).isEqualTo(1);

            assertThat(client.next()).isEqualTo("{\"stream\":\"btcusdt@markPrice@1s\",\"data\":" + MARK + "}");
            assertThat(client.next()).isEqualTo(BinanceDialect.combined("btcusdt@aggTrade", AGG));
            assertThat(sim.ws().awaitMessage(m -> m.contains("SUBSCRIBE"), TIMEOUT).connection())
                    .isSameAs(connection);
        }
    }

    @Test
    void rawStreamSendsBareEventsOnlyForItsRoute() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/public/ws/btcusdt@depth@100ms")) {
            SimConnection connection = sim.ws().awaitSubscribed("btcusdt@depth@100ms", TIMEOUT);
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}");
            assertThat(client.next()).isEqualTo("{\"result\":null,\"id\":1}");
            connection.awaitMessage(m -> m.contains("aggTrade"), TIMEOUT);

            assertThat(sim.ws().publish("btcusdt@aggTrade", AGG)).as("aggTrade lives on /market").isZero();
            assertThat(sim.ws().publish("btcusdt@depth@100ms", DEPTH)).isEqualTo(1);

            assertThat(client.next()).isEqualTo(DEPTH);
        }
    }

    @Test
    void legacyUnroutedPathsDeliverOnlyBookStreamsButCoinMDeliversAll() throws Exception {
        String url = sim.wsUrl() + "/stream?streams=btcusdt@markPrice/btcusdt@bookTicker";
        try (JdkWsClient client = JdkWsClient.connect(url)) {
            sim.ws().awaitSubscribed("btcusdt@bookTicker", TIMEOUT);
            assertThat(sim.ws().publish("btcusdt@markPrice", MARK)).isZero();
            sim.ws().publish("btcusdt@bookTicker", "{\"e\":\"bookTicker\"}");
            assertThat(client.next()).isEqualTo("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\"}}");

            sim.ws().dialect(BinanceDialect.coinm());
            sim.ws().publish("btcusdt@markPrice", MARK);
            assertThat(client.next()).isEqualTo(BinanceDialect.combined("btcusdt@markPrice", MARK));
        }
    }

    @Test
    void answersListUnsubscribePropertiesAndInvalidRequests() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/ws/btcusdt@aggTrade/ethusdt@aggTrade")) {
            client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@aggTrade\"],\"id\":2}");
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
            client.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":4}");
            client.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":5}");
            client.send("not json");
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"x\"],\"id\":-1}");
            client.send("{\"method\":\"FLY\",\"id\":6}");

            assertThat(List.of(client.next(), client.next(), client.next(), client.next())).containsExactly(
                    "{\"result\":null,\"id\":2}", "{\"result\":[\"btcusdt@aggTrade\"],\"id\":3}",
                    "{\"result\":false,\"id\":4}", "{\"result\":null,\"id\":5}");
            assertThat(client.next()).startsWith("{\"code\":3,\"msg\":\"Invalid JSON");
            assertThat(client.next()).startsWith("{\"code\":2,\"msg\":\"Invalid request");
            assertThat(client.next()).contains("unknown method");
            sim.ws().publish("btcusdt@aggTrade", AGG);
            assertThat(client.next()).as("combined after SET_PROPERTY")
                    .isEqualTo(BinanceDialect.combined("btcusdt@aggTrade", AGG));
        }
    }

    @Test
    void withoutAutoReplySubscriptionsStillApplyButNoAckIsSent() throws Exception {
        sim.ws().autoReply(false);
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}");
            SimConnection connection = sim.ws().awaitSubscribed("btcusdt@aggTrade", TIMEOUT);
            connection.awaitMessage(m -> m.contains("SUBSCRIBE"), TIMEOUT);
            connection.reply("{\"code\":2,\"msg\":\"scripted by the test\"}");

            assertThat(client.next()).isEqualTo("{\"code\":2,\"msg\":\"scripted by the test\"}");
        }
    }

    @Test
    void scriptedFramesOnConnectAndBroadcastByPathPrefix() throws Exception {
        sim.ws().onConnect("/market", List.of("hello", "world"));
        try (JdkWsClient market = JdkWsClient.connect(sim.wsUrl() + "/market/ws");
             JdkWsClient book = JdkWsClient.connect(sim.wsUrl() + "/public/ws")) {
            sim.ws().awaitConnections(2, TIMEOUT);

            assertThat(sim.ws().broadcast("/public", "book-only")).isEqualTo(1);
            assertThat(sim.ws().broadcast("/", "everyone")).isEqualTo(2);

            assertThat(List.of(market.next(), market.next(), market.next())).containsExactly("hello", "world",
                    "everyone");
            assertThat(List.of(book.next(), book.next())).containsExactly("book-only", "everyone");
        }
    }

    @Test
    void recordsTheOrderOfWebSocketAndRestActivity() throws Exception {
        sim.rest().on("/fapi/v1/depth").respond(RestResponse.json("{}"));
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/public/ws")) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":1}");
            client.next();
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.restUrl() + "/fapi/v1/depth"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            long opened = sim.ws().connections().getFirst().openSeq();
            long subscribed = sim.ws().messages().getFirst().seq();
            long snapshot = sim.rest().requests().getFirst().seq();
            assertThat(List.of(opened, subscribed, snapshot)).isSorted();
        }
    }
}
