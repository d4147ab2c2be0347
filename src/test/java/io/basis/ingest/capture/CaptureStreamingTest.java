package io.basis.ingest.capture;

import io.basis.ingest.capture.CaptureReader.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureStreamingTest {
    private static final Instant T0 = Instant.parse("2026-01-02T00:00:00Z");
    private static final String WS = "wss://fstream.binance.com/public/ws/btcusdt@depth@100ms";

    @TempDir Path dir;

    @Test
    void largeGzipCaptureStreamsBackInOrder() throws IOException {
        int count = 200_000;
        Path file = dir.resolve("large.jsonl.gz");
        try (CaptureWriter writer = CaptureWriter.create(file)) {
            for (int i = 0; i < count; i++) {
                writer.write(CaptureFrame.received(T0.plusNanos(i * 1_000L), WS, depth(i)));
            }
        }

        try (CaptureReader reader = CaptureReader.open(file)) {
            long n = 0;
            while (reader.hasNext()) {
                CaptureFrame frame = reader.next();
                if (n % 9_973 == 0) {
                    assertThat(frame.message()).isEqualTo(depth(n));
                    assertThat(frame.time()).isEqualTo(T0.plusNanos(n * 1_000L));
                }
                n++;
            }
            assertThat(n).isEqualTo(count);
            assertThat(reader.framesRead()).isEqualTo(count);
        }
    }

    @Test
    void readsFromAnEndlessSourceWithoutBufferingIt() throws IOException {
        try (CaptureReader reader = CaptureReader.of(new EndlessCapture(), "endless", Mode.STRICT)) {
            for (long i = 0; i < 300_000; i++) {
                assertThat(reader.hasNext()).isTrue();
                CaptureFrame frame = reader.next();
                if (i % 50_000 == 0) {
                    assertThat(frame.message()).isEqualTo(depth(i));
                }
            }
            assertThat(reader.lineNumber()).isEqualTo(300_000);
        }
    }

    @Test
    void concurrentWritersNeverInterleaveOrLoseFrames() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        Path file = dir.resolve("concurrent.jsonl.gz");
        CaptureWriter writer = CaptureWriter.create(file);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String url = "ws://h/" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        writer.write(CaptureFrame.received(T0, url, "{\"i\":" + i + ",\"text\":\"a\\nb\"}"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            writer.close();
        }

        List<List<String>> byThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byThread.add(new ArrayList<>());
        }
        try (CaptureReader reader = CaptureReader.open(file)) {
            reader.forEachRemaining(f -> byThread.get(f.connection().charAt(7) - '0').add(f.message()));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
            expected.add("{\"i\":" + i + ",\"text\":\"a\\nb\"}");
        }
        assertThat(byThread).allSatisfy(messages -> assertThat(messages).isEqualTo(expected));
        assertThat(Collections.frequency(byThread.stream().map(List::size).toList(), perThread)).isEqualTo(threads);
    }

    @Test
    void emptyFileHasNoFrames() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        try (CaptureReader reader = CaptureReader.open(empty)) {
            assertThat(reader.hasNext()).isFalse();
        }
    }

    private static String depth(long i) {
        return "{\"e\":\"depthUpdate\",\"E\":" + (1_700_000_000_000L + i) + ",\"U\":" + (i * 3) + ",\"u\":"
                + (i * 3 + 2) + ",\"pu\":" + (i * 3 - 1) + ",\"b\":[[\"4.0" + i % 97 + "\",\"431\"]],\"a\":[]}";
    }

    /** Generates capture lines forever, one at a time. */
    private static final class EndlessCapture extends InputStream {
        private byte[] line = new byte[0];
        private int pos;
        private long next;

        @Override
        public int read() {
            if (pos == line.length) {
                String text = CaptureCodec.encode(CaptureFrame.received(T0.plusMillis(next), WS, depth(next))) + "\n";
                line = text.getBytes(StandardCharsets.UTF_8);
                pos = 0;
                next++;
            }
            return line[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len && (n == 0 || pos < line.length)) {
                b[off + n++] = (byte) read();
            }
            return n;
        }
    }
}
