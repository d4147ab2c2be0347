package io.basis.simulator;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureReader;
import io.basis.ingest.capture.CaptureWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.basis.simulator.JdkWsClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

class CaptureReplayTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String MARKET = "wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade";
    private static final String BOOK = "wss://fstream.binance.com/public/ws/btcusdt@depth@100ms";
    private static final String DEPTH_URL = "https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000";

    @TempDir Path dir;
    private final VenueSimulator sim = VenueSimulator.start(BinanceDialect.usdm());
    private Path capture;

    @BeforeEach
    void record() throws Exception {
        capture = dir.resolve("session.jsonl.gz");
        try (CaptureWriter writer = CaptureWriter.create(capture)) {
            for (CaptureFrame frame : List.of(
                    CaptureFrame.opened(T0, MARKET),
                    CaptureFrame.opened(T0, BOOK),
                    CaptureFrame.sent(T0, MARKET, "{\"method\":\"SUBSCRIBE\",\"params\":[\"x\"],\"id\":1}"),
                    CaptureFrame.received(T0.plusMillis(1), MARKET, "{\"result\":null,\"id\":1}"),
                    CaptureFrame.received(T0.plusMillis(2), BOOK, "{\"U\":1,\"u\":5,\"pu\":0}"),
                    CaptureFrame.restRequest(T0.plusMillis(3), DEPTH_URL, "GET"),
                    CaptureFrame.restResponse(T0.plusMillis(4), DEPTH_URL, 429, "{\"code\":-1003}"),
                    CaptureFrame.restRequest(T0.plusMillis(5), DEPTH_URL, "GET"),
                    CaptureFrame.restResponse(T0.plusMillis(6), DEPTH_URL, 200, "{\"lastUpdateId\":4}"),
                    CaptureFrame.received(T0.plusMillis(7), MARKET, "{\"stream\":\"btcusdt@aggTrade\",\"data\":{}}"),
                    CaptureFrame.received(T0.plusMillis(8), BOOK, "{\"U\":6,\"u\":8,\"pu\":5}"),
                    CaptureFrame.received(T0.plusMillis(9), "wss://fstream.binance.com/private/ws", "{}"),
                    CaptureFrame.closed(T0.plusMillis(10), BOOK, "1006 reset"))) {
                writer.write(frame);
            }
        }
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void replaysReceivedFramesToTheConnectionsOnTheCapturedPaths() throws Exception {
        try (JdkWsClient market = JdkWsClient.connect(sim.wsUrl() + "/market/stream?streams=btcusdt@aggTrade");
             JdkWsClient book = JdkWsClient.connect(sim.wsUrl() + "/public/ws/btcusdt@depth@100ms");
             CaptureReader reader = CaptureReader.open(capture)) {
            sim.ws().awaitConnections(2, TIMEOUT);

            CaptureReplay.Stats stats = sim.ws().replay(reader);

            assertThat(stats).isEqualTo(new CaptureReplay.Stats(5, 4, 1));
            assertThat(List.of(market.next(), market.next())).containsExactly("{\"result\":null,\"id\":1}",
                    "{\"stream\":\"btcusdt@aggTrade\",\"data\":{}}");
            assertThat(List.of(book.next(), book.next())).containsExactly("{\"U\":1,\"u\":5,\"pu\":0}",
                    "{\"U\":6,\"u\":8,\"pu\":5}");
        }
    }

    @Test
    void mappingSendsCapturedUrlsToOtherSimulatorPaths() throws Exception {
        try (JdkWsClient legacy = JdkWsClient.connect(sim.wsUrl() + "/ws/btcusdt@depth@100ms");
             CaptureReader reader = CaptureReader.open(capture)) {
            sim.ws().awaitConnections(1, TIMEOUT);

            CaptureReplay.Stats stats = sim.ws().replay(reader, url -> url.equals(BOOK) ? "/ws" : null);

            assertThat(stats.delivered()).isEqualTo(2);
            assertThat(List.of(legacy.next(), legacy.next())).containsExactly("{\"U\":1,\"u\":5,\"pu\":0}",
                    "{\"U\":6,\"u\":8,\"pu\":5}");
        }
    }

    @Test
    void restResponsesBecomeScriptedRoutesInCaptureOrder() throws Exception {
        try (CaptureReader reader = CaptureReader.open(capture)) {
            assertThat(sim.rest().replay(reader)).isEqualTo(2);
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest depth = HttpRequest.newBuilder(URI.create(sim.restUrl()
                + "/fapi/v1/depth?symbol=BTCUSDT&limit=1000")).timeout(TIMEOUT).build();

        HttpResponse<String> first = http.send(depth, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(depth, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherSymbol = http.send(HttpRequest.newBuilder(URI.create(sim.restUrl()
                + "/fapi/v1/depth?symbol=ETHUSDT&limit=1000")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("{\"lastUpdateId\":4}");
        assertThat(otherSymbol.statusCode()).isEqualTo(404);
    }
}
