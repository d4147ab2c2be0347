package io.basis.bench;

import io.basis.model.EventType;
import io.basis.store.EventTable;
import io.basis.store.EventTables;
import io.basis.store.EventWriter;
import io.basis.store.WriterStatistics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static io.basis.bench.BenchCli.seconds;

/**
 * {@code basis bench ingest}: Binance USD-M frames through the ingest path, against raw Jackson parsing of the same
 * bytes.
 *
 * <ol>
 *   <li>Generate {@code --frames} frames in the venue's exact combined-stream format ({@link IngestFrames}) and hold
 *       them in memory as byte arrays (not timed).
 *   <li>Phase A, raw parse: Jackson 3 streaming ({@code tools.jackson.core}, the factory configured as the
 *       parser's) tokenizes every frame completely and reads every name and value (strings as String, integers as
 *       long, booleans); no object is built. One warm-up pass, then {@code --rounds} passes, best kept.
 *   <li>Phase B, parse + normalize: {@link io.basis.venue.binanceusdm.BinanceUsdmParser#parse} of the same bytes with
 *       a fresh {@code Instant.now()} per frame, depth diffs into per-symbol book sequencers seeded with a snapshot, a
 *       top-20 book snapshot per symbol per second of event time ({@link IngestPipeline}); events counted, not
 *       stored. Same warm-up and rounds. Ratio = B frames/s ÷ A frames/s (target ≥ 0.5).
 *   <li>Phase C, end to end: a fresh embedded PostgreSQL (Flyway, native partitions); a warm-up prefix through a
 *       writer, tables emptied; then every frame through parse → normalize → {@code EventWriter.publish} on one
 *       thread (writer settings of the service: queue 131,072, batch 5,000, max delay 200 ms), the clock stopped by
 *       {@code awaitStored}. Latency from the writer's commit timer: it starts at {@code publish}, which follows the
 *       parse of the frame directly (receivedAt is taken just before the parse, microseconds earlier). Peak heap over
 *       phase C; it includes the frames held in memory, reported separately. Rows in every table are then checked
 *       against what the generator expects.
 *   <li>Steady feed: tables emptied, the first {@code --paced-frames} frames at {@code --rate} frames/s through a
 *       fresh writer, for receive-to-stored latency below saturation (phase C measures a full queue).
 * </ol>
 */
public final class IngestBenchmark {
    private static final long MB = 1024 * 1024;
    private static final int QUEUE_CAPACITY = StorePhases.QUEUE_CAPACITY;
    private static final Duration MAX_DELAY = StorePhases.MAX_DELAY;
    private static final List<EventType> TYPES = List.of(EventType.TRADE, EventType.BOOK_SNAPSHOT,
            EventType.MARK_PRICE, EventType.INDEX_PRICE, EventType.FUNDING_RATE, EventType.CANDLE,
            EventType.LIQUIDATION);

    /** Same configuration as the venue parser's factory (interned property names). */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES).build();

    private record Pass(double seconds, long events, long snapshots, long diffs, long gaps, long unexpected) {
    }

    private record StoreRun(double seconds, double enqueueSeconds, long events, long committed, long inserted,
                            long rejected, long spooled, long batches, double p50, double p99, long peakHeap,
                            long peakLive, long gcs, long gcMillis, double producerCpu, double writerCpu,
                            Map<EventType, Long> rows, long gaps, long unexpected) {
    }

    private static long blackhole;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--workload")) {
                String[] rest = new String[args.length - 2];
                System.arraycopy(args, 0, rest, 0, i);
                System.arraycopy(args, i + 2, rest, i, args.length - i - 2);
                switch (args[i + 1]) {
                    case "deribit-options" -> DeribitOptionsBenchmark.main(rest);
                    case "binance-usdm" -> main(rest);
                    default -> new BenchCli("ingest", args).fail("unknown workload '" + args[i + 1]
                            + "' (known: binance-usdm, deribit-options)");
                }
                return;
            }
        }
        IngestOptions o = IngestOptions.parse(args);
        BenchCli.quietLogging();
        if (!run(o)) {
            System.exit(1);
        }
    }

    private static boolean run(IngestOptions o) throws Exception {
        long g0 = System.nanoTime();
        long end = Instant.now().toEpochMilli() / 1000 * 1000;
        IngestFrames.Frames f = IngestFrames.generate(o.seed(), o.frames(), end);
        double genSeconds = seconds(System.nanoTime() - g0);
        System.out.printf(Locale.ROOT, "Basis ingest benchmark — %,d Binance USD-M frames, %d symbols, %d cores%n",
                f.size(), f.books().size(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "options  : %s%n", o.describe());
        System.out.printf(Locale.ROOT, "JVM      : %s, %s, -Xmx %s%n", Runtime.version(), HeapMonitor.gcName(),
                HeapMonitor.xmxArgument() != null ? HeapMonitor.xmxArgument() : (HeapMonitor.maxHeap() / MB) + "m");
        System.out.printf(Locale.ROOT, "frames   : %s; %,.1f MB, %.0f bytes/frame avg; venue time %s .. %s; "
                        + "generated in %.1f s%n", mix(f), f.bytes() / 1e6, (double) f.bytes() / f.size(),
                Instant.ofEpochMilli(f.startMillis()), Instant.ofEpochMilli(f.endMillis()), genSeconds);
        System.out.printf(Locale.ROOT, "expected : %,d events → rows %s%n", f.expectedEvents(), rows(f.expectedRows()));
        System.out.println();

        // Phase A and B alternate within a round so drift on a shared machine hits both alike.
        double bestA = Double.MAX_VALUE;
        double bestParse = Double.MAX_VALUE;
        Pass bestB = null;
        for (int round = 0; round <= o.rounds(); round++) {
            double a = rawPass(f.frames());
            double parseOnly = parseOnlyPass(f);
            Pass b = pipelinePass(f, o.profile() && round == o.rounds());
            String label = round == 0 ? "warm-up " : "round " + round + " ";
            System.out.printf(Locale.ROOT, "%s : raw %,.0f frames/s, parse only %,.0f, parse+normalize+books %,.0f "
                    + "frames/s, ratio %.2f%n", label, f.size() / a, f.size() / parseOnly, f.size() / b.seconds(),
                    a / b.seconds());
            if (round > 0) {
                bestA = Math.min(bestA, a);
                bestParse = Math.min(bestParse, parseOnly);
                if (bestB == null || b.seconds() < bestB.seconds()) {
                    bestB = b;
                }
            }
        }
        double rawFps = f.size() / bestA;
        double rawMBs = f.bytes() / bestA / 1e6;
        double fps = f.size() / bestB.seconds();
        double eps = bestB.events() / bestB.seconds();
        double ratio = fps / rawFps;
        boolean parseOk = bestB.gaps() == 0 && bestB.unexpected() == 0 && bestB.events() == f.expectedEvents();

        StoreRun c = null;
        double[] paced = null;
        boolean rowsOk = true;
        if (!o.skipStore()) {
            try (BenchDatabase db = BenchDatabase.start("basis-bench-ingest-", o.keep(), false)) {
                Store store = new Store(o, db, f);
                store.warmUp();
                StoreRun m = store.measured();
                c = m;
                rowsOk = TYPES.stream().allMatch(t -> m.rows().get(t).equals(f.expectedRows().getOrDefault(t, 0L)))
                        && m.rejected() == 0 && m.spooled() == 0 && m.gaps() == 0
                        && m.unexpected() == 0;
                if (o.pacedFrames() > 0) {
                    paced = store.paced();
                }
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "A raw    : %,.0f frames/s  %,.1f MB/s   (Jackson 3 streaming, every token "
                + "read as text/number, no objects; best of %d)%n", rawFps, rawMBs, o.rounds());
        System.out.printf(Locale.ROOT, "B parse  : %,.0f frames/s  %,.0f events/s   (BinanceUsdmParser.parse + %d "
                        + "book sequencers, %,d diffs applied, %,d top-%d snapshots; best of %d)%n", fps, eps,
                f.books().size(), bestB.diffs(), bestB.snapshots(), IngestFrames.BOOK_DEPTH, o.rounds());
        System.out.printf(Locale.ROOT, "  of which: BinanceUsdmParser.parse alone %,.0f frames/s (ratio %.2f to A): "
                        + "%.2f µs/frame parse+normalize, %.2f µs/frame book sequencing + snapshots; raw %.2f µs/frame%n",
                f.size() / bestParse, bestA / bestParse, bestParse / f.size() * 1e6,
                (bestB.seconds() - bestParse) / f.size() * 1e6, bestA / f.size() * 1e6);
        System.out.printf(Locale.ROOT, "ratio    : %.2f B/A (target ≥ 0.50)%s; B alone %s the 100k frames/s target%n",
                ratio, ratio >= 0.5 ? "" : "  BELOW TARGET", fps >= 100_000 ? "meets" : "MISSES");
        if (!parseOk) {
            System.out.printf(Locale.ROOT, "check    : FAILED in phase B: %,d events (expected %,d), %d gaps, %d "
                    + "unexpected frames%n", bestB.events(), f.expectedEvents(), bestB.gaps(), bestB.unexpected());
        }
        if (c != null) {
            long stored = c.rows().values().stream().mapToLong(Long::longValue).sum();
            double cfps = f.size() / c.seconds();
            System.out.printf(Locale.ROOT, "C store  : %,.0f frames/s  %,.0f events/s  %,.0f rows/s stored   "
                            + "(%s; target ≥ 100,000 frames/s)%n", cfps, c.events() / c.seconds(),
                    stored / c.seconds(), cfps >= 100_000 ? "meets" : "MISSES");
            System.out.printf(Locale.ROOT, "           (%,d frames → %,d events → %,d rows in %.2f s; the parser "
                            + "thread was done after %.2f s; %,d batches of %,.0f events; CPU: parser thread %.1f s, "
                            + "writer thread %.1f s)%n", f.size(), c.events(), stored, c.seconds(), c.enqueueSeconds(),
                    c.batches(), c.batches() == 0 ? 0.0 : (double) c.committed() / c.batches(), c.producerCpu(),
                    c.writerCpu());
            System.out.printf(Locale.ROOT, "latency  : receive-to-stored p50 %.0f ms, p99 %.0f ms at full speed "
                    + "(writer timer: publish → commit; publish follows the frame's parse directly; a full queue of "
                    + "%,d ≈ queue / throughput)%n", c.p50(), c.p99(), QUEUE_CAPACITY);
            if (paced != null) {
                System.out.printf(Locale.ROOT, "           at a steady %,d frames/s (%,d frames, %,.0f events/s): "
                                + "p50 %.0f ms, p99 %.0f ms (max delay %d ms)%n", o.rate(), o.pacedFrames(),
                        paced[2], paced[0], paced[1], MAX_DELAY.toMillis());
            }
            long held = f.bytes() + 16L * f.size() + 4L * f.size();
            System.out.printf(Locale.ROOT, "peak heap: %d MB over phase C (sum of heap pool peaks), of which ~%d MB are "
                            + "the %,d frames held in memory; live after GC ≤ %d MB; %d GCs, %,d ms%n",
                    c.peakHeap() / MB, held / MB, f.size(), c.peakLive() / MB, c.gcs(), c.gcMillis());
            System.out.printf(Locale.ROOT, "rows     : %s%n", rows(c.rows()));
            if (rowsOk) {
                System.out.printf(Locale.ROOT, "check    : ok, every table holds the expected rows (kline updates of "
                        + "one candle and funding estimates of one period upsert one row); 0 rejected, 0 spooled, 0 book gaps%n");
            } else {
                System.out.printf(Locale.ROOT, "check    : FAILED, expected %s; rejected %d, spooled %d, gaps %d, "
                                + "unexpected %d%n", rows(f.expectedRows()), c.rejected(), c.spooled(), c.gaps(),
                        c.unexpected());
            }
        }
        System.out.printf(Locale.ROOT, "BENCH ingest frames=%d raw_fps=%.0f raw_mb_s=%.1f parse_fps=%.0f "
                        + "parse_events_s=%.0f ratio=%.2f parse_only_fps=%.0f store_fps=%.0f store_rows_s=%.0f p50_ms=%.0f p99_ms=%.0f "
                        + "paced_p50_ms=%.0f paced_p99_ms=%.0f peak_heap_mb=%d rows_ok=%b%n", f.size(), rawFps, rawMBs,
                fps, eps, ratio, f.size() / bestParse, c == null ? Double.NaN : f.size() / c.seconds(),
                c == null ? Double.NaN : c.rows().values().stream().mapToLong(Long::longValue).sum() / c.seconds(),
                c == null ? Double.NaN : c.p50(), c == null ? Double.NaN : c.p99(),
                paced == null ? Double.NaN : paced[0], paced == null ? Double.NaN : paced[1],
                c == null ? -1 : c.peakHeap() / MB, rowsOk && parseOk);
        if (blackhole == 42) {
            System.out.print("");
        }
        return rowsOk && parseOk;
    }

    // --- phase A --------------------------------------------------------------------------------------------------

    /** Seconds to {@link #tokenize} every frame once (the raw-parse ceiling); the checksum goes to a blackhole. */
    static double rawPass(byte[][] frames) {
        long h = 0;
        long t0 = System.nanoTime();
        for (byte[] frame : frames) {
            h += tokenize(frame);
        }
        long t1 = System.nanoTime();
        blackhole += h;
        return seconds(t1 - t0);
    }

    /** Every token of the frame, every name and value read; returns a checksum so nothing is optimised away. */
    static long tokenize(byte[] frame) {
        long h = 0;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), frame)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case PROPERTY_NAME -> h += p.currentName().length();
                    case VALUE_STRING -> h += p.getString().length();
                    case VALUE_NUMBER_INT -> h += p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> h += (long) p.getDoubleValue();
                    case VALUE_TRUE -> h += 1;
                    case VALUE_FALSE -> h += 2;
                    default -> h += 3;
                }
            }
        }
        return h;
    }

    // --- phase B --------------------------------------------------------------------------------------------------

    private static double parseOnlyPass(IngestFrames.Frames f) {
        IngestPipeline pipeline = new IngestPipeline(Map.of(), e -> { });
        long h = 0;
        long t0 = System.nanoTime();
        for (byte[] frame : f.frames()) {
            h += pipeline.parseOnly(frame);
        }
        long t1 = System.nanoTime();
        blackhole += h;
        return seconds(t1 - t0);
    }

    private static Pass pipelinePass(IngestFrames.Frames f, boolean profile) throws InterruptedException {
        long[] seen = new long[1];
        IngestPipeline pipeline = new IngestPipeline(f.books(), e -> seen[0] += e.venueTime().getEpochSecond());
        WallProfiler profiler = profile ? WallProfiler.of(Thread.currentThread()) : null;
        long t0 = System.nanoTime();
        for (byte[] frame : f.frames()) {
            pipeline.accept(frame);
        }
        long t1 = System.nanoTime();
        blackhole += seen[0];
        if (profiler != null) {
            profiler.close();
            profiler.print("phase B, parser thread", seconds(t1 - t0));
        }
        return new Pass(seconds(t1 - t0), pipeline.events, pipeline.snapshots, pipeline.diffsApplied,
                pipeline.gaps(), pipeline.unexpected);
    }

    // --- phase C --------------------------------------------------------------------------------------------------

    /** The store side: one database, fresh writers configured as the service's. */
    private static final class Store {
        private final IngestOptions o;
        private final BenchDatabase db;
        private final IngestFrames.Frames f;
        private final BenchWriters writers;

        Store(IngestOptions o, BenchDatabase db, IngestFrames.Frames f) throws Exception {
            this.o = o;
            this.db = db;
            this.f = f;
            this.writers = new BenchWriters(db, o.batch());
        }

        void warmUp() throws Exception {
            if (o.warmup() == 0) {
                return;
            }
            long t0 = System.nanoTime();
            EventWriter writer = writers.start(new WriterStatistics(BenchLatency.registry()));
            IngestPipeline pipeline = new IngestPipeline(f.books(), writer::publish);
            byte[][] frames = f.frames();
            for (int i = 0; i < o.warmup(); i++) {
                pipeline.accept(frames[i]);
            }
            if (!writer.awaitStored(Duration.ofHours(1))) {
                throw new IllegalStateException("warm-up did not finish");
            }
            writer.close();
            truncate();
            System.out.printf(Locale.ROOT, "warm-up C: %,d frames through the store path in %.1f s, tables emptied%n",
                    o.warmup(), seconds(System.nanoTime() - t0));
        }

        StoreRun measured() throws Exception {
            db.sql("CHECKPOINT");
            HeapMonitor heap = new HeapMonitor();
            heap.reset();
            WriterStatistics stats = new WriterStatistics(BenchLatency.registry());
            EventWriter writer = writers.start(stats);
            IngestPipeline pipeline = new IngestPipeline(f.books(), writer::publish);
            ThreadCpu writerCpu = ThreadCpu.of("basis-writer");
            ThreadCpu producerCpu = ThreadCpu.current();
            WallProfiler profiler = o.profile() ? WallProfiler.of(Thread.currentThread()) : null;
            long t0 = System.nanoTime();
            for (byte[] frame : f.frames()) {
                pipeline.accept(frame);
            }
            long enqueued = System.nanoTime();
            if (profiler != null) {
                profiler.close();
            }
            if (!writer.awaitStored(Duration.ofHours(2))) {
                throw new IllegalStateException("the writer did not store the events within 2 hours");
            }
            long t1 = System.nanoTime();
            double wCpu = writerCpu.seconds();
            double pCpu = producerCpu.seconds();
            long peak = heap.peakUsed();
            long live = heap.peakLiveAfterGc();
            long gcs = heap.collections();
            long gcMillis = heap.gcMillis();
            heap.close();
            writer.close();
            HistogramSnapshot latency = stats.commitLatency().takeSnapshot();
            if (profiler != null) {
                profiler.print("phase C, parser thread (parse, normalize, publish)", seconds(enqueued - t0));
            }
            return new StoreRun(seconds(t1 - t0), seconds(enqueued - t0), pipeline.events, stats.committedEvents(),
                    stats.insertedRows(), stats.rejectedEvents(), stats.spooledEvents(), stats.batches(),
                    BenchLatency.percentile(latency, 0.5), BenchLatency.percentile(latency, 0.99), peak, live, gcs, gcMillis, pCpu, wCpu,
                    rowCounts(), pipeline.gaps(), pipeline.unexpected);
        }

        /** {p50 ms, p99 ms, events/s} of the first {@code --paced-frames} frames fed at {@code --rate}. */
        double[] paced() throws Exception {
            truncate();
            WriterStatistics stats = new WriterStatistics(BenchLatency.registry());
            EventWriter writer = writers.start(stats);
            IngestPipeline pipeline = new IngestPipeline(f.books(), writer::publish);
            byte[][] frames = f.frames();
            int n = o.pacedFrames();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long wait = t0 + (long) i * 1_000_000_000L / o.rate() - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pipeline.accept(frames[i]);
            }
            double s = seconds(System.nanoTime() - t0);
            if (!writer.awaitStored(Duration.ofHours(1))) {
                throw new IllegalStateException("the paced run did not finish");
            }
            writer.close();
            HistogramSnapshot latency = stats.commitLatency().takeSnapshot();
            return new double[]{BenchLatency.percentile(latency, 0.5), BenchLatency.percentile(latency, 0.99), pipeline.events / s};
        }

        private Map<EventType, Long> rowCounts() throws Exception {
            Map<EventType, Long> out = new EnumMap<>(EventType.class);
            for (EventType type : TYPES) {
                long n = db.count(EventTables.of(type).table());
                out.put(type, n);
            }
            return out;
        }

        private void truncate() throws Exception {
            String tables = EventTables.timeSeries().stream().map(EventTable::table)
                    .collect(Collectors.joining(", "));
            db.sql("TRUNCATE " + tables + ", stream_watermark, stored_rows");
        }
    }

    // --- report helpers -------------------------------------------------------------------------------------------

    private static String mix(IngestFrames.Frames f) {
        Map<IngestFrames.Kind, String> names = Map.of(IngestFrames.Kind.AGG_TRADE, "aggTrade",
                IngestFrames.Kind.DEPTH_UPDATE, "depthUpdate", IngestFrames.Kind.MARK_PRICE, "markPriceUpdate",
                IngestFrames.Kind.KLINE, "kline", IngestFrames.Kind.FORCE_ORDER, "forceOrder");
        Map<String, String> out = new LinkedHashMap<>();
        for (IngestFrames.Kind k : IngestFrames.Kind.values()) {
            out.put(names.get(k), String.format(Locale.ROOT, "%.1f%%",
                    100.0 * f.kindCounts().getOrDefault(k, 0L) / f.size()));
        }
        return out.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String rows(Map<EventType, Long> rows) {
        return TYPES.stream().map(t -> String.format(Locale.ROOT, "%s %,d", t.name().toLowerCase(Locale.ROOT),
                rows.getOrDefault(t, 0L))).collect(Collectors.joining(", "));
    }
}
