package io.basis.ingest.runtime;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.basis.ingest.runtime.LoopbackWsServer.await;
import static io.basis.ingest.runtime.StreamFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Lost, silent, refused and aged sockets: reconnects, resubscription and gap markers. */
class StreamReconnectTest {
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
    void reconnectsResubscribesAndRecordsADisconnectGap() throws Exception {
        fx.server.onMessage((conn, msg) -> {
            int index = fx.server.connectionIndex(conn);
            conn.send("c" + index + "-1");
            conn.send("c" + index + "-2");
            if (index == 1) {
                conn.close(CloseFrame.GOING_AWAY, "bye");
            }
        });
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));

        fx.awaitFrames(4);
        await("LIVE again", WAIT, () -> connection.state() == ConnectionState.LIVE);

        assertThat(fx.handler.texts()).containsExactly("c1-1", "c1-2", "c2-1", "c2-2");
        assertThat(fx.server.messages(2)).containsExactly("SUB");
        assertThat(fx.handler.sessions).hasValue(2);
        assertThat(fx.gaps.all()).singleElement().satisfies(gap -> {
            assertThat(gap.cause()).isEqualTo(GapSink.DISCONNECT);
            assertThat(gap.venue()).isEqualTo("sim");
            assertThat(gap.connection()).isEqualTo("market");
            assertThat(gap.from()).isEqualTo(fx.handler.find("c1-2").at());
            assertThat(gap.to()).isEqualTo(fx.handler.find("c2-1").at());
        });
        assertThat(connection.snapshot().reconnects()).isEqualTo(1);
        assertThat(connection.snapshot().gaps()).isEqualTo(1);
    }

    @Test
    void keepsRetryingWhileTheVenueIsUnreachable() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        fx.server.onMessage((conn, msg) -> {
            if (fx.server.connectionIndex(conn) <= 3) {
                refused.incrementAndGet();
                conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "drop");
            } else {
                conn.send("finally");
            }
        });
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));

        fx.awaitFrames(1);
        fx.awaitLive(connection);

        assertThat(refused).hasValue(3);
        assertThat(fx.server.connectionCount()).isEqualTo(4);
        assertThat(fx.gaps.all()).isEmpty();
    }

    @Test
    void countsRefusedHandshakesAndKeepsTrying() throws Exception {
        fx.server.rejectHandshakes(2);
        fx.server.onMessage((conn, msg) -> conn.send("welcome"));
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));

        fx.awaitFrames(1);
        fx.awaitLive(connection);

        assertThat(fx.collection.failedCollections()).isEqualTo(2);
        assertThat(fx.collection.successfulCollections()).isEqualTo(1);
        assertThat(fx.registry.errorCounts()).containsEntry("sim/market connect-rejected", 2L);
        assertThat(connection.stats().reconnects()).isZero();
    }

    @Test
    void policyCloseIsRecordedAsRejected() throws Exception {
        fx.server.onMessage((conn, msg) -> {
            int index = fx.server.connectionIndex(conn);
            conn.send("c" + index);
            if (index == 1) {
                conn.close(CloseFrame.POLICY_VALIDATION, "too many requests");
            }
        });
        fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));

        fx.awaitFrames(2);

        assertThat(fx.gaps.all()).extracting(Recorders.Gap::cause).containsExactly(GapSink.REJECTED);
    }

    @Test
    void silentSocketIsDetectedAsStale() throws Exception {
        fx.server.onMessage((conn, msg) -> conn.send("hello " + fx.server.connectionIndex(conn)));
        StreamConnection connection = fx.start(fx.settings().withStaleAfter(Duration.ofMillis(300)),
                Heartbeat.none(), List.of("SUB"));

        fx.awaitFrames(2);

        assertThat(fx.handler.texts()).startsWith("hello 1", "hello 2");
        assertThat(fx.server.messages(2)).containsExactly("SUB");
        assertThat(fx.gaps.all()).first().satisfies(gap -> {
            assertThat(gap.cause()).isEqualTo(GapSink.STALE);
            assertThat(gap.from()).isEqualTo(fx.handler.find("hello 1").at());
            assertThat(gap.to()).isEqualTo(fx.handler.find("hello 2").at());
        });
        assertThat(connection.stats().reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void replacesTheSocketBeforeItsMaximumLifetimeWithoutAGap() throws Exception {
        fx.server.onMessage((conn, msg) -> tick(conn));
        StreamConnection connection = fx.start(fx.settings().withMaxLifetime(Duration.ofMillis(400)),
                Heartbeat.none(), List.of("SUB"));

        await("frames from the second socket", WAIT,
                () -> fx.handler.texts().stream().filter(t -> t.startsWith("c2-")).count() >= 3);
        connection.close();

        assertThat(fx.server.messages(2)).containsExactly("SUB");
        await("the old socket closed by the client", WAIT, () -> fx.server.closedByClient().contains(1));
        List<String> texts = fx.handler.texts();
        int firstOfSecond = texts.indexOf(texts.stream().filter(t -> t.startsWith("c2-")).findFirst().orElseThrow());
        assertThat(texts.subList(firstOfSecond, texts.size())).noneMatch(t -> t.startsWith("c1-"));
        assertThat(texts.subList(0, firstOfSecond)).isNotEmpty().allMatch(t -> t.startsWith("c1-"));
        assertThat(fx.gaps.all()).isEmpty();
        assertThat(fx.handler.sessions.get()).isGreaterThanOrEqualTo(2);
        assertThat(connection.stats().reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void requestedReconnectSwitchesSockets() throws Exception {
        fx.server.onMessage((conn, msg) -> tick(conn));
        StreamConnection connection = fx.start(fx.settings(), Heartbeat.none(), List.of("SUB"));
        fx.awaitFrames(3);

        connection.requestReconnect("service-upgrade");

        await("frames from the second socket", WAIT,
                () -> fx.handler.texts().stream().anyMatch(t -> t.startsWith("c2-")));
        assertThat(fx.gaps.all()).isEmpty();
        assertThat(connection.state()).isEqualTo(ConnectionState.LIVE);
    }

    /** Sends "c<connection>-<n>" every 10 ms while the connection is open. */
    private void tick(WebSocket conn) {
        int index = fx.server.connectionIndex(conn);
        AtomicInteger n = new AtomicInteger();
        fx.scheduler.scheduleAtFixedRate(() -> {
            if (conn.isOpen()) {
                conn.send("c" + index + "-" + n.incrementAndGet());
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
    }
}
