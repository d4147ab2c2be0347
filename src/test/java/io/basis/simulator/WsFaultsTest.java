package io.basis.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.basis.simulator.JdkWsClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsFaultsTest {
    private final VenueSimulator sim = VenueSimulator.start(BinanceDialect.usdm());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void dropEndsTheConnectionWithoutACloseFrame() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            SimConnection connection = sim.ws().awaitConnections(1, TIMEOUT).getFirst();

            connection.drop();

            assertThat(client.awaitEnd()).as("error or 1006, never a clean close").isIn(-1, 1006);
            ConnectionClose close = connection.awaitClosed(TIMEOUT);
            assertThat(close.code()).isEqualTo(1006);
            assertThat(close.byClient()).isFalse();
            assertThat(connection.isOpen()).isFalse();
        }
    }

    @Test
    void closeSendsACloseFrameWithCodeAndReason() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            SimConnection connection = sim.ws().awaitConnections(1, TIMEOUT).getFirst();

            connection.close(1001, "24h limit");

            assertThat(client.awaitEnd()).isEqualTo(1001);
            assertThat(client.closeReason).isEqualTo("24h limit");
            assertThat(connection.awaitClosed(TIMEOUT).code()).isEqualTo(1001);
        }
    }

    @Test
    void silentConnectionSendsNothingUntilResumed() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            SimConnection connection = sim.ws().awaitConnections(1, TIMEOUT).getFirst();
            connection.goSilent();

            assertThat(sim.ws().broadcast("/", "lost")).isZero();
            connection.ping();
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}");
            client.ping();
            connection.awaitMessage(m -> m.contains("SUBSCRIBE"), TIMEOUT);
            sim.ws().awaitConnection(c -> c.clientPings() == 1, TIMEOUT);
            connection.resume();
            client.ping();
            sim.ws().awaitConnection(c -> c.clientPings() == 2, TIMEOUT);
            connection.send("after");

            assertThat(client.next()).as("nothing from the silent period").isEqualTo("after");
            assertThat(client.pongs.get()).as("only the ping after resume was answered").isEqualTo(1);
            assertThat(client.pings.get()).isZero();
            assertThat(connection.suppressedFrames()).isEqualTo(4);
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void sendsMalformedTruncatedAndBinaryFrames() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            SimConnection connection = sim.ws().awaitConnections(1, TIMEOUT).getFirst();

            connection.send("{not json");
            connection.sendTruncated("{\"e\":\"aggTrade\",\"p\":\"1\"}", 10);
            connection.sendBinary(new byte[]{0x1f, (byte) 0x8b});
            connection.send("end");

            assertThat(List.of(client.next(), client.next(), client.next())).containsExactly("{not json",
                    "{\"e\":\"aggT", "end");
            assertThat(client.binaries.get()).isEqualTo(1);
        }
    }

    @Test
    void mutatorsChangeOrDropExactlyTheNextMatchingFrame() throws Exception {
        try (JdkWsClient client = JdkWsClient.connect(sim.wsUrl() + "/public/ws/btcusdt@depth")) {
            SimConnection connection = sim.ws().awaitSubscribed("btcusdt@depth", TIMEOUT);
            connection.mutateNext(frame -> frame.replace("\"pu\":4", "\"pu\":3"));
            sim.ws().mutateNext("/public", frame -> frame.contains("\"u\":9"), frame -> null);

            sim.ws().publish("btcusdt@depth", "{\"U\":5,\"u\":5,\"pu\":4}");
            sim.ws().publish("btcusdt@depth", "{\"U\":6,\"u\":9,\"pu\":5}");
            sim.ws().publish("btcusdt@depth", "{\"U\":10,\"u\":12,\"pu\":9}");
            sim.ws().publish("btcusdt@depth", "{\"U\":13,\"u\":9,\"pu\":12}");

            assertThat(List.of(client.next(), client.next(), client.next())).containsExactly(
                    "{\"U\":5,\"u\":5,\"pu\":3}", "{\"U\":10,\"u\":12,\"pu\":9}", "{\"U\":13,\"u\":9,\"pu\":12}");
            assertThat(connection.sentFrames()).hasSize(3);
        }
    }

    @Test
    void serverPingsAreCountedWithTheClientsPongs() throws Exception {
        try (JdkWsClient ignored = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            SimConnection connection = sim.ws().awaitConnections(1, TIMEOUT).getFirst();

            connection.ping();
            connection.ping();
            connection.awaitPongs(2, TIMEOUT);
            sim.ws().pingEvery(Duration.ofMillis(20));
            connection.awaitPongs(4, TIMEOUT);
            sim.ws().stopPinging();

            assertThat(connection.pingsSent()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void refusesTheNextAttemptsThenAcceptsAgain() throws Exception {
        sim.ws().refuseNext(1);
        assertThatThrownBy(() -> JdkWsClient.connect(sim.wsUrl() + "/market/ws"))
                .isInstanceOf(ExecutionException.class);
        try (JdkWsClient ignored = JdkWsClient.connect(sim.wsUrl() + "/market/ws")) {
            sim.ws().awaitConnections(1, TIMEOUT);
        }

        sim.ws().refuseNewConnections();
        assertThatThrownBy(() -> JdkWsClient.connect(sim.wsUrl() + "/public/ws"))
                .isInstanceOf(ExecutionException.class);
        sim.ws().acceptNewConnections();
        try (JdkWsClient ignored = JdkWsClient.connect(sim.wsUrl() + "/public/ws")) {
            sim.ws().awaitConnections(2, TIMEOUT);
        }

        assertThat(sim.ws().refusedAttempts()).isEqualTo(2);
        assertThat(sim.ws().connections()).extracting(SimConnection::path).containsExactly("/market/ws", "/public/ws");
    }

    @Test
    void dropAllEndsOnlyConnectionsUnderThePrefix() throws Exception {
        try (JdkWsClient market = JdkWsClient.connect(sim.wsUrl() + "/market/ws");
             JdkWsClient book = JdkWsClient.connect(sim.wsUrl() + "/public/ws")) {
            sim.ws().awaitConnections(2, TIMEOUT);

            assertThat(sim.ws().dropAll("/market")).isEqualTo(1);

            assertThat(market.awaitEnd()).isIn(-1, 1006);
            sim.ws().broadcast("/public", "still here");
            assertThat(book.next()).isEqualTo("still here");
            assertThat(book.ended.isDone()).isFalse();
        }
    }
}
