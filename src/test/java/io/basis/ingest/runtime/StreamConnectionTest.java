package io.basis.ingest.runtime;

import io.basis.ingest.SourceState;
import org.java_websocket.enums.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.basis.ingest.runtime.LoopbackWsServer.await;
import static io.basis.ingest.runtime.StreamFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Connecting, subscribing, delivery, heartbeats and the outgoing rate of a {@link StreamConnection}. */
class StreamConnectionTest {
    private StreamFixture fx;

    @BeforeEach
    void setUp() throws InterruptedException {
        fx = new StreamFixture();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fx.close();
    }

    @Test
    void subscribesAndDeliversFramesInOrder() throws Exception {
        fx.server.onMessage((conn, msg) -> {
            if (msg.equals("SUB b")) {
                IntStream.rangeClosed(1, 200).forEach(i -> conn.send("f" + i));
            }
        });
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB a", "SUB b"));

        fx.awaitFrames(200);
        fx.awaitLive(connection);

        assertThat(fx.handler.texts()).containsExactlyElementsOf(IntStream.rangeClosed(1, 200)
                .mapToObj(i -> "f" + i).toList());
        assertThat(fx.server.messages(1)).containsExactly("SUB a", "SUB b");
        assertThat(fx.handler.sessions).hasValue(1);
        StreamSnapshot snapshot = connection.snapshot();
        assertThat(snapshot.messages()).isEqualTo(200);
        assertThat(snapshot.bytes()).isEqualTo(IntStream.rangeClosed(1, 200).map(i -> ("f" + i).length()).sum());
        assertThat(snapshot.url()).isEqualTo(fx.server.uri("/market").toString());
        assertThat(snapshot.connectedSince()).isNotNull();
        assertThat(fx.collection.sourceStates()).containsEntry("sim", SourceState.ACTIVE);
        assertThat(fx.collection.successfulCollections()).isEqualTo(1);
    }

    @Test
    void tapSeesOpenOutgoingIncomingAndClose() throws Exception {
        fx.server.onMessage((conn, msg) -> conn.send("ack " + msg));
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB a"));
        fx.awaitFrames(1);

        connection.close();

        assertThat(connection.state()).isEqualTo(ConnectionState.STOPPED);
        assertThat(fx.tap.all()).hasSize(4);
        assertThat(fx.tap.all().getFirst().direction()).isEqualTo(FrameTap.Direction.OPEN);
        assertThat(fx.tap.all().getLast().direction()).isEqualTo(FrameTap.Direction.CLOSE);
        assertThat(fx.tap.of(FrameTap.Direction.OUT)).extracting(Recorders.Tapped::text).containsExactly("SUB a");
        assertThat(fx.tap.of(FrameTap.Direction.IN)).extracting(Recorders.Tapped::text).containsExactly("ack SUB a");
        assertThat(fx.collection.sourceStates()).containsEntry("sim", SourceState.DOWN);
        assertThat(fx.gaps.all()).isEmpty();
    }

    @Test
    void assemblesFragmentedMessages() throws Exception {
        String big = "{\"data\":\"" + "x".repeat(300_000) + "\"}";
        fx.server.onMessage((conn, msg) -> {
            conn.sendFragmentedFrame(Opcode.TEXT, utf8("{\"part\":"), false);
            conn.sendFragmentedFrame(Opcode.TEXT, utf8("\"é\","), false);
            conn.sendFragmentedFrame(Opcode.TEXT, utf8("\"end\":1}"), true);
            conn.send(big);
            conn.send("after");
        });
        fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));

        fx.awaitFrames(3);

        assertThat(fx.handler.texts()).containsExactly("{\"part\":\"é\",\"end\":1}", big, "after");
    }

    @Test
    void jdkAnswersProtocolPingsWithPongs() throws Exception {
        fx.server.onMessage((conn, msg) -> {
            conn.sendPing();
            conn.send("data");
        });
        fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));

        await("a pong", WAIT, () -> fx.server.pongs() >= 1);
        fx.awaitFrames(1);

        assertThat(fx.handler.texts()).containsExactly("data");
    }

    @Test
    void idleHeartbeatPingsAndConsumesPongs() throws Exception {
        fx.server.onMessage((conn, msg) -> conn.send(msg.equals("ping") ? "pong" : "subscribed"));
        fx.start(fx.settings().withStaleAfter(Duration.ofSeconds(5)),
                Heartbeat.whenIdle(Duration.ofMillis(80), "ping", "pong"::equals), List.of("SUB"));

        await("three pings", WAIT, () -> fx.server.messages(1).stream().filter("ping"::equals).count() >= 3);

        assertThat(fx.handler.texts()).containsExactly("subscribed");
        assertThat(fx.server.connectionCount()).isEqualTo(1);
    }

    @Test
    void answersVenueTestRequests() throws Exception {
        fx.server.onMessage((conn, msg) -> {
            if (msg.equals("SUB")) {
                conn.send("{\"type\":\"test_request\"}");
                conn.send("{\"data\":1}");
            }
        });
        Heartbeat deribitStyle = Heartbeat.replyingTo(List.of("{\"set_heartbeat\":30}"),
                f -> f.contains("test_request"), f -> "{\"method\":\"public/test\"}");
        fx.start(fx.settings(), deribitStyle, List.of("SUB"));

        await("the test reply", WAIT, () -> fx.server.messages(1).size() >= 3);
        fx.awaitFrames(1);

        assertThat(fx.server.messages(1)).containsExactly("{\"set_heartbeat\":30}", "SUB",
                "{\"method\":\"public/test\"}");
        assertThat(fx.handler.texts()).containsExactly("{\"data\":1}");
    }

    @Test
    void countsHandlerExceptionsAndReportedParseErrors() throws Exception {
        fx.server.onMessage((conn, msg) -> {
            conn.send("throw me");
            conn.send("good");
        });
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));
        fx.awaitFrames(1);

        connection.parseError("bad-number", "{\"p\":\"x\"}");
        connection.parseError("bad-number", "{\"p\":\"y\"}");

        assertThat(fx.handler.texts()).containsExactly("good");
        assertThat(connection.stats().parseErrors()).isEqualTo(3);
        assertThat(fx.collection.errors()).isEqualTo(3);
        assertThat(fx.registry.errorCounts()).containsEntry("sim/market handler-exception", 1L)
                .containsEntry("sim/market bad-number", 2L);
    }

    @Test
    void respectsTheOutgoingMessageRate() throws Exception {
        ManualTime time = new ManualTime();
        List<String> subscriptions = IntStream.range(0, 25).mapToObj(i -> "SUB " + i).toList();
        StreamConnection connection = fx.start(fx.settings().withOutgoingRate(10, Duration.ofSeconds(1))
                .withStaleAfter(null), Heartbeat.none(), subscriptions, time);

        await("25 subscriptions", WAIT, () -> fx.server.messages(1).size() == 25);
        fx.awaitLive(connection);

        assertThat(fx.server.messages(1)).containsExactlyElementsOf(subscriptions);
        assertThat(connection.outgoingLimiter().reserved()).isEqualTo(25);
        List<Instant> sentAt = fx.tap.of(FrameTap.Direction.OUT).stream().map(Recorders.Tapped::at).toList();
        assertThat(sentAt).hasSize(25);
        Instant first = sentAt.getFirst();
        long windows = sentAt.stream().map(t -> Duration.between(first, t).toSeconds()).distinct().count();
        assertThat(windows).isGreaterThanOrEqualTo(3);
        for (int i = 10; i < sentAt.size(); i++) {
            assertThat(Duration.between(sentAt.get(i - 10), sentAt.get(i))).isGreaterThanOrEqualTo(
                    Duration.ofSeconds(1));
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
