package io.basis.ingest.capture;

import io.basis.ingest.capture.CaptureReader.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureFilesTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String WS = "wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice";
    private static final String REST = "https://fapi.binance.com/fapi/v1/exchangeInfo";

    @TempDir Path dir;

    static List<CaptureFrame> session() {
        return List.of(
                CaptureFrame.opened(T0, WS),
                CaptureFrame.sent(T0.plusMillis(1), WS,
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":1}"),
                CaptureFrame.received(T0.plusMillis(2), WS, "{\"result\":null,\"id\":1}"),
                CaptureFrame.received(T0.plusMillis(3), WS, "{\"a\":\"line\nbreak \\\"quoted\\\" ünï ₿ 🚀\"}"),
                CaptureFrame.restRequest(T0.plusMillis(4), REST, "GET"),
                CaptureFrame.restResponse(T0.plusMillis(5), REST, 429, "{\"code\":-1003,\"msg\":\"Too many\"}"),
                CaptureFrame.restResponse(T0.plusMillis(6), REST, 200, ""),
                CaptureFrame.closed(T0.plusMillis(7), WS, "1006 reset by peer"));
    }

    @Test
    void plainFileRoundTripsOneLinePerFrame() throws IOException {
        Path file = dir.resolve("session.jsonl");
        writeAll(CaptureWriter.create(file), session());

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(session().size())
                .allSatisfy(line -> assertThat(line).startsWith("{\"t\":\""));
        assertThat(readAll(file)).isEqualTo(session());
    }

    @Test
    void gzNameWritesGzipAndReaderDetectsIt() throws IOException {
        Path file = dir.resolve("session.jsonl.GZ");
        writeAll(CaptureWriter.create(file), session());

        assertThat(Arrays.copyOf(Files.readAllBytes(file), 2)).containsExactly(0x1f, 0x8b);
        assertThat(readAll(file)).isEqualTo(session());
    }

    @Test
    void gzipIsRecognisedByMagicBytesNotByName() throws IOException {
        Path gzipWithoutSuffix = dir.resolve("session.jsonl");
        writeAll(CaptureWriter.to(Files.newOutputStream(gzipWithoutSuffix), "mem", true), session());
        Path plainWithGzSuffix = dir.resolve("plain.jsonl.gz");
        writeAll(CaptureWriter.to(Files.newOutputStream(plainWithGzSuffix), "mem", false), session());

        assertThat(readAll(gzipWithoutSuffix)).isEqualTo(session());
        assertThat(readAll(plainWithGzSuffix)).isEqualTo(session());
    }

    @Test
    void appendingToGzipAddsAMemberReadAsOneCapture() throws IOException {
        Path file = dir.resolve("restarts.jsonl.gz");
        writeAll(CaptureWriter.append(file), session().subList(0, 3));
        writeAll(CaptureWriter.append(file), session().subList(3, session().size()));

        assertThat(readAll(file)).isEqualTo(session());
    }

    @Test
    void createReplacesAnExistingCapture() throws IOException {
        Path file = dir.resolve("again.jsonl");
        writeAll(CaptureWriter.create(file), session());
        writeAll(CaptureWriter.create(file), session().subList(0, 1));

        assertThat(readAll(file)).isEqualTo(session().subList(0, 1));
    }

    @Test
    void flushedGzipIsReadableWhileStillBeingWritten() throws IOException {
        Path file = dir.resolve("live.jsonl.gz");
        try (CaptureWriter writer = CaptureWriter.create(file)) {
            for (CaptureFrame frame : session().subList(0, 3)) {
                writer.write(frame);
            }
            writer.flush();

            try (CaptureReader reader = CaptureReader.open(file, Mode.LENIENT)) {
                assertThat(reader.stream().toList()).isEqualTo(session().subList(0, 3));
                assertThat(reader.truncated()).as("no gzip trailer yet").isTrue();
            }
            writer.write(session().get(3));
        }
        assertThat(readAll(file)).isEqualTo(session().subList(0, 4));
    }

    @Test
    void truncatedGzipFailsStrictlyAndEndsLeniently() throws IOException {
        Path whole = dir.resolve("whole.jsonl.gz");
        try (CaptureWriter writer = CaptureWriter.create(whole)) {
            for (int i = 0; i < 5_000; i++) {
                writer.write(CaptureFrame.received(T0.plusMillis(i), WS, "{\"n\":" + i + ",\"pad\":\"" + i * 31 + "\"}"));
            }
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> readAll(cut)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("read failed after line");
        try (CaptureReader lenient = CaptureReader.open(cut, Mode.LENIENT)) {
            long frames = lenient.stream().count();
            assertThat(frames).isPositive().isLessThan(5_000);
            assertThat(lenient.truncated()).isTrue();
        }
    }

    @Test
    void closeIsIdempotentAndLaterWritesFailLoudly() throws IOException {
        CaptureWriter writer = CaptureWriter.create(dir.resolve("closed.jsonl"));
        writer.write(session().get(0));
        writer.close();
        writer.close();

        assertThat(writer.framesWritten()).isEqualTo(1);
        assertThatThrownBy(() -> writer.write(session().get(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed.jsonl");
    }

    static void writeAll(CaptureWriter writer, List<CaptureFrame> frames) throws IOException {
        try (writer) {
            for (CaptureFrame frame : frames) {
                writer.write(frame);
            }
        }
    }

    static List<CaptureFrame> readAll(Path file) throws IOException {
        try (CaptureReader reader = CaptureReader.open(file)) {
            return reader.stream().toList();
        }
    }
}
