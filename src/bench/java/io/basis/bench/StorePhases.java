package io.basis.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.EventTable;
import io.basis.store.EventTables;
import io.basis.store.EventWriter;
import io.basis.store.InstrumentIds;
import io.basis.store.WriterStatistics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static io.basis.bench.BenchCli.seconds;

/**
 * The measured phases of {@code bench store} on one database: the writer phase, the raw COPY phase, the warm-up,
 * and the re-publish of the idempotency check; plus what they share (the event stream, fresh writers, emptying
 * the tables, row counts and bytes on disk per table).
 */
final class StorePhases {
    static final int QUEUE_CAPACITY = 131_072;
    static final Duration MAX_DELAY = Duration.ofMillis(200);

    /** Event types in the order of the mix (largest share first). */
    static final List<EventType> REPORT_ORDER = List.of(EventType.TRADE, EventType.BOOK_SNAPSHOT,
            EventType.MARK_PRICE, EventType.OPTION_TICKER, EventType.CANDLE, EventType.OPEN_INTEREST,
            EventType.LIQUIDATION, EventType.FUNDING_RATE, EventType.INDEX_PRICE, EventType.VOLATILITY_INDEX,
            EventType.LONG_SHORT_RATIO);

    /** The idempotency check: events published again, seconds, rows the tables gained, rows the writer counted. */
    record Republish(int events, double seconds, long newRows, long writerInserted) {
    }

    private final StoreOptions o;
    private final BenchDatabase db;
    private final HikariDataSource ds;
    private final Instant end;
    private final BenchInstruments universe;
    private final InstrumentIds ids;
    private final BenchWriters writers;
    private List<MarketEvent> pregenerated;

    StorePhases(StoreOptions o, BenchDatabase db, Instant end, BenchInstruments universe) throws SQLException {
        this.o = o;
        this.db = db;
        this.ds = db.dataSource();
        this.end = end;
        this.universe = universe;
        this.writers = new BenchWriters(db, o.batch());
        this.ids = writers.ids();
    }

    /** Generates the whole main stream now and keeps it in memory (--pregenerate). */
    void pregenerate() {
        pregenerated = EventMix.first(o.seed(), o.events(), universe, end);
    }

    /** Phase 1: every event through a fresh writer, one producer thread, clock stopped by awaitStored. */
    WriterRun writerPhase() throws Exception {
        HeapMonitor heap = new HeapMonitor();
        heap.reset();
        if (o.pgStats()) {
            PgStatements.reset(ds);
        }
        WriterStatistics stats = new WriterStatistics(BenchLatency.registry());
        EventWriter writer = writers.start(stats);
        ThreadCpu writerCpu = ThreadCpu.of("basis-writer");
        ThreadCpu producerCpu = ThreadCpu.current();
        WallProfiler profile = o.profile() ? WallProfiler.of("basis-writer") : null;
        long t0 = System.nanoTime();
        for (Iterator<MarketEvent> it = events(o.events()); it.hasNext(); ) {
            writer.publish(it.next());
        }
        long enqueued = System.nanoTime();
        if (!writer.awaitStored(Duration.ofHours(2))) {
            throw new IllegalStateException("the writer did not store the events within 2 hours");
        }
        long t1 = System.nanoTime();
        if (profile != null) {
            profile.close();
        }
        double writerSeconds = writerCpu.seconds();
        double producerSeconds = producerCpu.seconds();
        long peak = heap.peakUsed();
        long live = heap.peakLiveAfterGc();
        long gcCount = heap.collections();
        long gcMillis = heap.gcMillis();
        heap.close();
        writer.close();
        HistogramSnapshot latency = stats.commitLatency().takeSnapshot();
        WriterRun run = new WriterRun(seconds(t1 - t0), seconds(enqueued - t0), stats.insertedRows(),
                stats.batches(), stats.committedEvents(), stats.rejectedEvents(), stats.spooledEvents(),
                BenchLatency.percentile(latency, 0.5), BenchLatency.percentile(latency, 0.99), peak, live, gcCount, gcMillis,
                writerSeconds, producerSeconds);
        if (o.pgStats()) {
            PgStatements.print(ds, "phase 1, writer", 40);
        }
        if (profile != null) {
            profile.print("phase 1, writer thread", run.seconds());
        }
        return run;
    }

    /** Phase 2: the same events straight into the same tables with COPY (the tables must be empty). */
    RawCopy.Result rawPhase() throws Exception {
        if (o.pgStats()) {
            PgStatements.reset(ds);
        }
        WallProfiler profile = o.profile() ? WallProfiler.of(Thread.currentThread()) : null;
        long t0 = System.nanoTime();
        RawCopy.Result raw = RawCopy.load(ds, ids, events(o.events()), o.batch());
        long wall = System.nanoTime() - t0;
        if (profile != null) {
            profile.close();
        }
        if (o.pgStats()) {
            PgStatements.print(ds, "phase 2, raw COPY", 12);
        }
        if (profile != null) {
            profile.print("phase 2, raw COPY thread (generating the events included here, not in the timing)",
                    seconds(wall));
        }
        return raw;
    }

    /** Both paths once on a different, smaller stream so phase 1 does not run on cold code; then empty. */
    void warmUp() throws Exception {
        long t0 = System.nanoTime();
        EventWriter writer = writers.start(new WriterStatistics(BenchLatency.registry()));
        for (Iterator<MarketEvent> it = new EventMix(o.seed() + 1, o.warmup(), universe, end); it.hasNext(); ) {
            writer.publish(it.next());
        }
        if (!writer.awaitStored(Duration.ofHours(1))) {
            throw new IllegalStateException("warm-up did not finish");
        }
        writer.close();
        truncateEventTables(true);
        RawCopy.load(ds, ids, new EventMix(o.seed() + 1, o.warmup(), universe, end), o.batch());
        truncateEventTables(true);
        System.out.printf(Locale.ROOT, "warm-up  : %,d events through both paths in %.1f s%n", o.warmup(),
                seconds(System.nanoTime() - t0));
    }

    /** Idempotency: the first {@code republish} events once more through a fresh writer; no row may be added. */
    Republish republish() throws Exception {
        int again = Math.min(o.republish(), o.events());
        Map<EventType, Long> before = rowCounts();
        WriterStatistics againStats = new WriterStatistics(BenchLatency.registry());
        EventWriter againWriter = writers.start(againStats);
        long r0 = System.nanoTime();
        for (Iterator<MarketEvent> it = events(again); it.hasNext(); ) {
            againWriter.publish(it.next());
        }
        if (!againWriter.awaitStored(Duration.ofHours(1))) {
            throw new IllegalStateException("writer did not finish the re-publish within an hour");
        }
        double againSeconds = seconds(System.nanoTime() - r0);
        againWriter.close();
        Map<EventType, Long> after = rowCounts();
        long newRows = after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum();
        return new Republish(again, againSeconds, newRows, againStats.insertedRows());
    }

    /**
     * Latency below saturation: {@code n} fresh events published at a steady {@code rate} per second (as a live
     * feed arrives) through a fresh writer; returns {p50, p99} enqueue-to-committed in ms. Phase 1 measures the
     * latency of a full queue instead, which is queue length / throughput.
     */
    double[] pacedLatency(int rate, int n) throws Exception {
        WriterStatistics stats = new WriterStatistics(BenchLatency.registry());
        EventWriter writer = writers.start(stats);
        long t0 = System.nanoTime();
        long i = 0;
        for (Iterator<MarketEvent> it = new EventMix(o.seed() + 2, n, universe, end); it.hasNext(); i++) {
            long due = t0 + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            writer.publish(it.next());
        }
        if (!writer.awaitStored(Duration.ofHours(1))) {
            throw new IllegalStateException("the paced run did not finish");
        }
        writer.close();
        HistogramSnapshot latency = stats.commitLatency().takeSnapshot();
        return new double[]{BenchLatency.percentile(latency, 0.5), BenchLatency.percentile(latency, 0.99)};
    }

    /** The first {@code n} events of the main stream (a prefix: event times depend on the stream length). */
    Iterator<MarketEvent> events(int n) {
        if (pregenerated != null) {
            return pregenerated.subList(0, n).iterator();
        }
        Iterator<MarketEvent> all = new EventMix(o.seed(), o.events(), universe, end);
        return new Iterator<>() {
            private int left = n;

            @Override
            public boolean hasNext() {
                return left > 0 && all.hasNext();
            }

            @Override
            public MarketEvent next() {
                left--;
                return all.next();
            }
        };
    }

    /** TRUNCATE every event table (all partitions); the bookkeeping tables too when asked. */
    void truncateEventTables(boolean bookkeeping) throws SQLException {
        String tables = EventTables.timeSeries().stream().map(EventTable::table).collect(Collectors.joining(", "));
        db.sql("TRUNCATE " + tables + (bookkeeping ? ", stream_watermark, stored_rows" : ""));
    }

    /** Per event type: bytes of the table's partitions with indexes and TOAST, and its row count. */
    Map<EventType, long[]> diskUsage() throws SQLException {
        Map<EventType, long[]> out = new LinkedHashMap<>();
        for (EventType type : REPORT_ORDER) {
            String table = EventTables.of(type).table();
            out.put(type, new long[]{db.totalSize(table), db.count(table)});
        }
        return out;
    }

    private Map<EventType, Long> rowCounts() throws SQLException {
        Map<EventType, Long> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (EventType type : REPORT_ORDER) {
                out.put(type, BenchDatabase.count(c, EventTables.of(type).table()));
            }
        }
        return out;
    }
}
