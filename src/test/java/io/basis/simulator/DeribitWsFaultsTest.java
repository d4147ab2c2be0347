package io.basis.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static io.basis.simulator.DeribitResponses.JSON;
import static io.basis.simulator.DeribitWsSimulatorTest.fieldNames;
import static io.basis.simulator.DeribitWsSimulatorTest.fixture;
import static io.basis.simulator.DeribitWsSimulatorTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulated Deribit's session rules and faults: credentials, heartbeats, {@code too_many_requests}. */
class DeribitWsFaultsTest {
    private static final String PERP = "BTC-PERPETUAL";
    private static final String TEST = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"public/test\",\"params\":{}}";

    private final DeribitVenue deribit = DeribitVenue.start();
    private final DeribitMarket market = deribit.market();

    @AfterEach
    void stop() {
        deribit.close();
    }

    @Test
    void anAccountAcceptsOnlyItsCredentialsOrAValidSignature() throws Exception {
        deribit.dialect().account("client-1", "s3cret");
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(auth(1, "\"grant_type\":\"client_credentials\",\"client_id\":\"client-1\","
                    + "\"client_secret\":\"wrong\""));
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(13004);
            client.send(auth(2, "\"grant_type\":\"client_signature\",\"client_id\":\"client-1\","
                    + "\"timestamp\":1790000000000,\"nonce\":\"abc\",\"data\":\"\",\"signature\":\""
                    + hmac("s3cret", "1790000000000\nabc\n") + "\""));
            assertThat(JSON.readTree(client.next()).path("result").path("token_type").asString()).isEqualTo("bearer");
            client.send(auth(3, "\"grant_type\":\"client_signature\",\"client_id\":\"client-1\","
                    + "\"timestamp\":1790000000000,\"nonce\":\"abc\",\"data\":\"\",\"signature\":\"00\""));
            assertThat(JSON.readTree(client.next()).path("error").path("message").asString())
                    .isEqualTo("invalid_credentials");
        }
    }

    @Test
    void unansweredTestRequestClosesTheConnection() throws Exception {
        deribit.dialect().heartbeatUnit(Duration.ofMillis(50));
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(setHeartbeat(1, 5));
            assertThat(JSON.readTree(client.next()).path("error").path("code").asInt()).isEqualTo(-32602);
            client.send(setHeartbeat(2, 10));
            assertThat(reply(client).get("result").asString()).isEqualTo("ok");

            assertThat(client.next()).isEqualTo(DeribitResponses.testRequest());
            client.send(TEST);
            assertThat(reply(client).path("result").path("version").asString()).isNotEmpty();

            assertThat(client.awaitEnd()).as("closed at the tick after the second, unanswered request")
                    .isEqualTo(1000);
            assertThat(deribit.dialect().heartbeatCloses()).isEqualTo(1);
            assertThat(deribit.dialect().testRequestsSent()).isEqualTo(2);
        }
    }

    @Test
    void aLostTestAnswerClosesTheConnectionAtTheNextTick() throws Exception {
        deribit.dialect().heartbeatUnit(Duration.ofMillis(50));
        deribit.dialect().loseTestAnswers(1);
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(TEST);
            assertThat(reply(client).path("result").path("version").asString()).as("no request yet: not lost")
                    .isNotEmpty();
            client.send(setHeartbeat(2, 10));
            assertThat(reply(client).get("result").asString()).isEqualTo("ok");
            assertThat(client.next()).isEqualTo(DeribitResponses.testRequest());
            client.send(TEST);
            assertThat(reply(client).path("result").path("version").asString()).as("answered, then lost")
                    .isNotEmpty();

            assertThat(client.awaitEnd()).isEqualTo(1000);
            assertThat(deribit.dialect().heartbeatCloses()).isEqualTo(1);
            assertThat(deribit.dialect().testRequestsSent()).isEqualTo(1);
        }
    }

    @Test
    void pausedHeartbeatsSendNothingAndCloseNothing() throws Exception {
        deribit.dialect().heartbeatUnit(Duration.ofMillis(10));
        deribit.dialect().pauseHeartbeats();
        try (JdkWsClient client = JdkWsClient.connect(deribit.wsUrl())) {
            client.send(setHeartbeat(1, 10));
            client.next();
            client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/get_time\",\"params\":{}}");
            client.next();
            client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"public/get_time\",\"params\":{}}");
            assertThat(JSON.readTree(client.next()).get("id").asLong()).as("no heartbeat in between").isEqualTo(3);
            assertThat(deribit.dialect().testRequestsSent()).isZero();
            assertThat(deribit.ws().connections().getFirst().isOpen()).isTrue();
        }
    }

    @Test
    void tooManyRequestsIsAnsweredOnceAndEndsTheSession() throws Exception {
        market.list(PERP);
        market.tooManyRequests("public/subscribe", 1);
        try (JdkWsClient first = JdkWsClient.connect(deribit.wsUrl())) {
            first.send(subscribe(7, "ticker.BTC-PERPETUAL.100ms"));
            JsonNode error = JSON.readTree(first.next());
            assertThat(fieldNames(error)).containsExactlyElementsOf(fieldNames(fixture("ws/control_error")));
            assertThat(error.path("error").path("code").asInt()).isEqualTo(10028);
            assertThat(error.path("error").path("message").asString()).isEqualTo("too_many_requests");
            assertThat(first.awaitEnd()).isEqualTo(1000);
        }
        try (JdkWsClient second = JdkWsClient.connect(deribit.wsUrl())) {
            second.send(subscribe(8, "ticker.BTC-PERPETUAL.100ms"));
            assertThat(JSON.readTree(second.next()).get("result")).hasSize(1);
        }
        assertThat(deribit.dialect().rateLimitCloses()).isEqualTo(1);
    }

    /** The next reply, skipping heartbeat notifications. */
    private static JsonNode reply(JdkWsClient client) throws InterruptedException {
        while (true) {
            JsonNode message = JSON.readTree(client.next());
            if (!message.path("method").asString("").equals("heartbeat")) {
                return message;
            }
        }
    }

    private static String setHeartbeat(long id, int seconds) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":"
                + seconds + "}}";
    }

    private static String auth(long id, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"public/auth\",\"params\":{" + params + "}}";
    }

    private static String hmac(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
