package io.basis.venue.binanceusdm;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureReader;
import io.basis.simulator.BinanceDialect;
import io.basis.simulator.BinanceResponses;
import io.basis.simulator.VenueSimulator;
import io.basis.support.CommandRuns;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.aggTrade;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.depth;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.depthSnapshot;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.exchangeInfo;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.openInterest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code basis record} against the simulator writes WebSocket frames and REST exchanges in the capture format, and
 * {@code basis replay} of that capture rebuilds instruments, trades and order-book snapshots from it.
 */
class RecordReplayIT {
    private static final long VT = 1_780_000_000_000L;

    @Test
    void aRecordedSessionReplaysIntoTheSameEvents() throws Exception {
        Path dir = TestDatabase.tempDir("basis-record");
        Path capture = dir.resolve("session.jsonl.gz");
        try (VenueSimulator sim = VenueSimulator.start(BinanceDialect.usdm())) {
            sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok(exchangeInfo(List.of("BTCUSDT")), 1));
            sim.rest().on("/fapi/v1/depth").respond(BinanceResponses.ok(depthSnapshot(105, VT, "99:5", "|", "101:5"), 20));
            sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(openInterest("BTCUSDT", "12.5", VT), 1));
            Path venues = Files.writeString(dir.resolve("venues.yaml"), """
                    venues:
                      binance-usdm:
                        enabled: true
                        rest-url: %s
                        ws-url: %s
                        symbols: [BTCUSDT]
                        large-trade-usd: { BTC: 100000, default: 20000 }
                        channels:
                          instruments: all
                          trades: all
                          open-interest: { storage: all, poll-interval: 1h }
                          book: { storage: all, depth: 5, snapshot-interval: 0ms }
                    """.formatted(sim.restUrl(), sim.wsUrl()));
            CompletableFuture<String> recording = CompletableFuture.supplyAsync(() -> CommandRuns.record(
                    "--venue", "binance-usdm", "--duration", "6s", "--out", capture.toString(),
                    "--basis.venues-file=" + venues, "--basis.db.url=" + TestDatabase.jdbcUrl(),
                    "--basis.db.user=postgres", "--basis.data-dir=" + dir.resolve("data")),
                    // its own thread, as from the command line: the JDK WebSocket completes stages on the common
                    // pool, which on 2 cores has one worker that the sleeping recorder would otherwise hold
                    runnable -> Thread.ofPlatform().name("record").start(runnable));
            CommandRuns.awaitSubscribedWhile(sim.ws(), recording, "btcusdt@aggTrade");
            CommandRuns.awaitSubscribedWhile(sim.ws(), recording, "btcusdt@depth@100ms");
            sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 7001, "100000", "2", VT, false));
            sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 100, 110, 95, VT, "99:6", "|", "101:4"));
            sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 111, 120, 110, VT + 100, "99:7", "|", "101:3"));
            assertThat(recording.get()).contains("recorded  :");
        }

        List<CaptureFrame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            reader.forEachRemaining(frames::add);
        }
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).startsWith("GET /fapi/v1/exchangeInfo"));
        assertThat(frames).anySatisfy(f -> {
            assertThat(f.isRest()).isTrue();
            assertThat(f.status()).hasValue(200);
            assertThat(f.message()).contains("BTCUSDT");
        });
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).contains("SUBSCRIBE"));
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).contains("\"a\":7001"));

        String replay = CommandRuns.replay(capture.toString(), "--venue", "binance-usdm",
                "--basis.db.url=" + TestDatabase.jdbcUrl(), "--basis.db.user=postgres",
                "--basis.data-dir=" + dir.resolve("replay-data"));
        assertThat(replay).contains("binance-usdm").contains("instrument=1").contains("trade=1")
                .contains("book-snapshot=").contains("open-interest=1");
    }
}
