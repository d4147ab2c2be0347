package io.basis.cli;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureWriter;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code basis replay} of a capture in the documented format, twice: the second run stores nothing new. */
class ReplayCommandIT {
    private static final String MARKET = "wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/"
            + "btcusdt@markPrice@1s/!forceOrder@arr/btcusdt@kline_1m";
    private static final String LEGACY = "wss://fstream.binance.com/stream?streams=ethusdt@aggTrade";
    private static final List<String> TABLES = List.of("trade", "liquidation", "funding_rate", "mark_price",
            "index_price", "candle");

    @Test
    void replayingACaptureTwiceGivesIdenticalRowCounts() throws Exception {
        Path capture = TestDatabase.tempDir("basis-replay").resolve("session.jsonl.gz");
        Instant t = Instant.parse("2026-05-28T20:26:40.100000Z");
        try (CaptureWriter w = CaptureWriter.create(capture)) {
            w.write(CaptureFrame.opened(t, MARKET));
            w.write(CaptureFrame.sent(t, MARKET, "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}"));
            w.write(CaptureFrame.received(t, MARKET, "{\"result\":null,\"id\":1}"));
            for (String fixture : List.of("trades_combined", "mark-price_combined", "liquidations_combined",
                    "candles_closed")) {
                w.write(CaptureFrame.received(t = t.plusMillis(100), MARKET, fixture(fixture)));
            }
            w.write(CaptureFrame.received(t = t.plusMillis(100), MARKET, "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\""));
            w.write(CaptureFrame.opened(t, LEGACY));
            w.write(CaptureFrame.received(t.plusMillis(100), LEGACY, fixture("trades_legacy")));
            w.write(CaptureFrame.closed(t.plusMillis(200), MARKET, "1000 bye"));
        }

        String first = replay(capture);
        long[] afterFirst = counts();
        String second = replay(capture);
        long[] afterSecond = counts();

        assertThat(afterSecond).containsExactly(afterFirst);
        assertThat(afterFirst[0]).as("trades of both connections").isGreaterThanOrEqualTo(2);
        assertThat(first).contains("binance-usdm").contains("frames    : 11 read").contains("1 parse errors");
        assertThat(first).contains("trade=2");
        assertThat(second).contains("stored    : 0 new rows");
    }

    private static String replay(Path capture) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(new String[]{
                capture.toString(), "--basis.db.url=" + TestDatabase.jdbcUrl(), "--basis.db.user=postgres",
                "--basis.data-dir=" + TestDatabase.tempDir("basis-replay-data")});
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        return text;
    }

    private static long[] counts() throws Exception {
        long[] n = new long[TABLES.size()];
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "")) {
            for (int i = 0; i < TABLES.size(); i++) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + TABLES.get(i)
                        + " t JOIN instrument i ON i.id = t.instrument_id WHERE i.venue = 'binance-usdm'")) {
                    rs.next();
                    n[i] = rs.getLong(1);
                }
            }
        }
        return n;
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/venues/binance-usdm/ws/" + name + ".json")).strip();
    }
}
