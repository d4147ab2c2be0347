package io.basis.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.BatchWriter;
import io.basis.store.EventCodec;
import io.basis.store.EventTable;
import io.basis.store.EventTables;
import io.basis.store.EventWriter;
import io.basis.store.InstrumentIds;
import io.basis.store.PartitionManager;
import io.basis.store.Spool;
import io.basis.store.WriterStatistics;
import io.basis.store.db.EmbeddedPostgresServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code basis bench store}: how fast the event writer stores a realistic mix of events in the embedded
 * PostgreSQL, compared with a raw COPY of the same rows into the same tables and indexes.
 *
 * <ol>
 *   <li>Start a fresh embedded PostgreSQL in a temporary directory and migrate it (Flyway, native partitions).
 *   <li>Warm up both paths with a smaller, different stream, then empty the tables (instruments stay).
 *   <li>Phase 1, writer: one producer thread publishes every event as fast as the queue takes them; the clock
 *       stops when {@code awaitStored} returns. Enqueue-to-committed latency comes from the writer's own timer.
 *   <li>Bytes per row on disk: every partition of every event table, indexes included.
 *   <li>Phase 2, raw COPY: empty the event tables and COPY the same events (regenerated from the seed), built
 *       with the same {@code EventTable.appendRow} and instrument ids, in chunks of the batch size, one
 *       transaction each, on one thread.
 *   <li>Idempotency: publish the first 100,000 events again through a writer; no row may be added.
 * </ol>
 * Peak heap is measured over phase 1. Events are generated lazily ({@link EventMix}): the producer of phase 1
 * generates while it publishes, phase 2 regenerates the same stream from the seed outside its timing. With
 * {@code --pregenerate} they are generated up front and held in memory (the heap figure then includes them).
 * {@code --rounds N} repeats phases 1 and 2 and keeps the best of each, for machines that are not quiet;
 * {@code --pg-stats} and {@code --profile} show where the time goes (see {@link PgStatements},
 * {@link WallProfiler}).
 */
public final class StoreBenchmark {
    private static final long SEED = 20_240_501L;
    private static final int QUEUE_CAPACITY = 131_072;
    private static final Duration MAX_DELAY = Duration.ofMillis(200);
    private static final long MB = 1024 * 1024;

    /** Event types in the order of the mix (largest share first). */
    private static final List<EventType> REPORT_ORDER = List.of(EventType.TRADE, EventType.BOOK_SNAPSHOT,
            EventType.MARK_PRICE, EventType.OPTION_TICKER, EventType.CANDLE, EventType.OPEN_INTEREST,
            EventType.LIQUIDATION, EventType.FUNDING_RATE, EventType.INDEX_PRICE, EventType.VOLATILITY_INDEX,
            EventType.LONG_SHORT_RATIO);

    record Options(int events, int instruments, int batch, boolean keep, long seed, int warmup, int republish,
                   boolean pregenerate, boolean pgStats, boolean profile, int rounds) {
    }

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        quietLogging();
        boolean ok = new Run(o).run();
        if (!ok) {
            System.exit(1);
        }
    }

    // ---- the run --------------------------------------------------------------------------------------------

    private static final class Run {
        private final Options o;
        private final Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private final BenchInstruments universe;
        private Path dir;
        private HikariDataSource ds;
        private InstrumentIds ids;
        private BatchWriter batchWriter;
        private final EventCodec codec = new EventCodec();
        private List<MarketEvent> pregenerated;
        private int writerNumber;

        Run(Options o) {
            this.o = o;
            this.universe = new BenchInstruments(o.instruments(), end);
        }

        boolean run() throws Exception {
            dir = Files.createTempDirectory("basis-bench-store-");
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir.resolve("postgres"), 0);
            try {
                server.start();
                if (o.pgStats()) {
                    PgStatements.preload(server);
                }
                ds = dataSource(server);
                Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                        .placeholders(Map.of("time_partitioning", "PARTITION BY RANGE (ts)")).load().migrate();
                if (o.pgStats()) {
                    PgStatements.install(ds);
                }
                PartitionManager partitions = new PartitionManager(ds);
                partitions.load();
                ids = new InstrumentIds(ds);
                batchWriter = new BatchWriter(ds, ids, partitions);
                return measure();
            } finally {
                if (ds != null) {
                    ds.close();
                }
                server.stop();
                if (o.keep()) {
                    System.out.println("data kept in " + dir);
                } else {
                    deleteRecursively(dir);
                }
            }
        }

        /** What phase 1 measured. */
        private record WriterRun(double seconds, double enqueueSeconds, long rows, long batches, long committedEvents,
                                 long rejected, long spooled, double p50, double p99, long peakHeap, long liveHeap,
                                 long gcCount, long gcMillis, double writerCpu, double producerCpu) {
            double rowsPerSecond() {
                return rows / seconds;
            }
        }

        private boolean measure() throws Exception {
            String xmx = HeapMonitor.xmxArgument();
            System.out.printf(Locale.ROOT, "Basis storage benchmark — %,d events, %d instruments, batch %d, "
                            + "PostgreSQL %s, %d cores%n", o.events(), universe.all().size(), o.batch(),
                    serverVersion(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "options  : --events %d --instruments %d --batch %d --seed %d --warmup %d "
                            + "--rounds %d%s%s%s%s; queue %,d, max delay %d ms%n",
                    o.events(), o.instruments(), o.batch(), o.seed(), o.warmup(), o.rounds(),
                    o.keep() ? " --keep" : "", o.pregenerate() ? " --pregenerate" : "",
                    o.pgStats() ? " --pg-stats" : "", o.profile() ? " --profile" : "", QUEUE_CAPACITY,
                    MAX_DELAY.toMillis());
            System.out.printf(Locale.ROOT, "JVM      : %s, %s, -Xmx %s%n", Runtime.version(), HeapMonitor.gcName(),
                    xmx != null ? xmx : "not set (max " + HeapMonitor.maxHeap() / MB + " MB)");
            System.out.printf(Locale.ROOT, "data     : %s%n", dir);

            // The generator alone (and its JIT warm-up): in phase 1 the producer thread pays for it while it
            // publishes; phase 2 leaves it out of its timing.
            long g0 = System.nanoTime();
            long checksum = 0;
            for (Iterator<MarketEvent> it = stream(o.seed(), o.events()); it.hasNext(); ) {
                checksum += it.next().venueTime().getNano();
            }
            double genSeconds = seconds(System.nanoTime() - g0);
            if (o.pregenerate()) {
                pregenerated = EventMix.first(o.seed(), o.events(), universe, end);
            }
            if (o.warmup() > 0) {
                warmUp();
            }

            WriterRun writer = null;
            RawCopy.Result raw = null;
            Map<EventType, long[]> disk = null;
            for (int round = 1; round <= o.rounds(); round++) {
                truncateEventTables(true);
                sql("CHECKPOINT");
                WriterRun w = writerPhase();
                if (disk == null) {
                    disk = diskUsage();
                }
                truncateEventTables(false);
                sql("CHECKPOINT");
                RawCopy.Result r = rawPhase();
                if (o.rounds() > 1) {
                    System.out.printf(Locale.ROOT, "round %d  : writer %,.0f rows/s, raw COPY %,.0f rows/s, ratio %.2f%n",
                            round, w.rowsPerSecond(), r.rows() / seconds(r.nanos()),
                            w.rowsPerSecond() / (r.rows() / seconds(r.nanos())));
                }
                // best of the rounds for throughput (a busy machine only ever makes a phase slower)
                if (writer == null || w.rowsPerSecond() > writer.rowsPerSecond()) {
                    writer = w.peakHeap() >= (writer == null ? 0 : writer.peakHeap()) ? w
                            : withPeak(w, writer.peakHeap(), writer.liveHeap());
                } else if (w.peakHeap() > writer.peakHeap()) {
                    writer = withPeak(writer, w.peakHeap(), Math.max(w.liveHeap(), writer.liveHeap()));
                }
                if (raw == null || r.nanos() < raw.nanos()) {
                    raw = r;
                }
            }
            long diskBytes = disk.values().stream().mapToLong(v -> v[0]).sum();
            long diskRows = disk.values().stream().mapToLong(v -> v[1]).sum();
            double writerRowsPerSecond = writer.rowsPerSecond();
            double rawSeconds = seconds(raw.nanos());
            double rawRowsPerSecond = raw.rows() / rawSeconds;
            double ratio = writerRowsPerSecond / rawRowsPerSecond;

            // ---- idempotency: the first events once more through the writer ---------------------------------
            int again = Math.min(o.republish(), o.events());
            Map<EventType, Long> before = rowCounts();
            WriterStatistics againStats = new WriterStatistics(registry());
            EventWriter againWriter = writer(againStats);
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

            // ---- report -------------------------------------------------------------------------------------
            boolean ok = true;
            double bytesPerRow = diskRows == 0 ? 0.0 : (double) diskBytes / diskRows;
            String best = o.rounds() > 1 ? "best of " + o.rounds() + " rounds; " : "";
            System.out.println();
            System.out.printf(Locale.ROOT, "writer   : %,.0f events/s  %,.0f rows/s  p50 %.0f ms  p99 %.0f ms%n",
                    o.events() / writer.seconds(), writerRowsPerSecond, writer.p50(), writer.p99());
            System.out.printf(Locale.ROOT, "           (%s%,d rows in %.2f s; %,d batches of %,.0f events; producer "
                            + "done after %.2f s; CPU: writer thread %.2f s, producer %.2f s)%n", best, writer.rows(),
                    writer.seconds(), writer.batches(),
                    writer.batches() == 0 ? 0.0 : (double) writer.committedEvents() / writer.batches(),
                    writer.enqueueSeconds(), writer.writerCpu(), writer.producerCpu());
            System.out.printf(Locale.ROOT, "raw COPY : %,.0f rows/s%n", rawRowsPerSecond);
            System.out.printf(Locale.ROOT, "           (%s%,d rows in %.2f s: building COPY text %.2f s, PostgreSQL "
                            + "%.2f s; %,d transactions)%n", best, raw.rows(), rawSeconds, seconds(raw.buildNanos()),
                    seconds(raw.databaseNanos()), raw.chunks());
            System.out.printf(Locale.ROOT, "ratio    : %.2f (target ≥ 0.70)%s%n", ratio,
                    ratio >= 0.70 ? "" : "  BELOW TARGET");
            System.out.printf(Locale.ROOT, "on disk  : %.0f bytes/row overall (%s)%n", bytesPerRow, perTable(disk));
            System.out.printf(Locale.ROOT, "           (%,.1f MB for %,d rows after phase 1; all partitions, indexes "
                    + "and TOAST)%n", diskBytes / (double) MB, diskRows);
            System.out.printf(Locale.ROOT, "peak heap: %d MB (target ≤ 512 MB)%s%n", writer.peakHeap() / MB,
                    writer.peakHeap() <= 512 * MB ? "" : "  ABOVE TARGET");
            System.out.printf(Locale.ROOT, "           (phase 1, sum of heap pool peaks; live after GC ≤ %d MB; %d GCs, "
                            + "%d ms; -Xmx %s)%n", writer.liveHeap() / MB, writer.gcCount(), writer.gcMillis(),
                    xmx != null ? xmx : "not set, max " + HeapMonitor.maxHeap() / MB + " MB: try -Xmx512m");
            System.out.printf(Locale.ROOT, "generator: %,.0f events/s on one thread (phase 1's producer generates "
                            + "while it publishes; phase 2 does not count it)%s%n", o.events() / genSeconds,
                    o.pregenerate() ? "; --pregenerate: all events held in memory" : "");
            if (newRows == 0 && againStats.insertedRows() == 0) {
                System.out.printf(Locale.ROOT, "re-publish: 0 new rows (%,d events again through the writer in "
                        + "%.2f s)%n", again, againSeconds);
            } else {
                System.out.printf(Locale.ROOT, "re-publish: FAILED, %,d new rows in the tables, writer counted %,d "
                        + "(%,d events again)%n", newRows, againStats.insertedRows(), again);
                ok = false;
            }
            if (writer.rows() != o.events() || raw.rows() != writer.rows() || diskRows != writer.rows()
                    || writer.rejected() != 0 || writer.spooled() != 0) {
                System.out.printf(Locale.ROOT, "check    : FAILED, %,d events but the writer stored %,d rows "
                                + "(%,d rejected, %,d spooled), raw COPY %,d, tables held %,d%n", o.events(),
                        writer.rows(), writer.rejected(), writer.spooled(), raw.rows(), diskRows);
                ok = false;
            }
            System.out.printf(Locale.ROOT, "BENCH store events=%d writer_rows_per_s=%.0f raw_rows_per_s=%.0f "
                            + "ratio=%.3f p50_ms=%.0f p99_ms=%.0f bytes_per_row=%.0f peak_heap_mb=%d live_heap_mb=%d "
                            + "xmx=%s ok=%s%n", o.events(), writerRowsPerSecond, rawRowsPerSecond, ratio, writer.p50(),
                    writer.p99(), bytesPerRow, writer.peakHeap() / MB, writer.liveHeap() / MB,
                    xmx != null ? xmx : "unset", ok);
            if (checksum == 42) {
                System.out.print("");    // keeps the generator pass from being optimised away
            }
            return ok;
        }

        private static WriterRun withPeak(WriterRun w, long peak, long live) {
            return new WriterRun(w.seconds(), w.enqueueSeconds(), w.rows(), w.batches(), w.committedEvents(),
                    w.rejected(), w.spooled(), w.p50(), w.p99(), peak, live, w.gcCount(), w.gcMillis(),
                    w.writerCpu(), w.producerCpu());
        }

        /** Phase 1: every event through a fresh writer, one producer thread, clock stopped by awaitStored. */
        private WriterRun writerPhase() throws Exception {
            HeapMonitor heap = new HeapMonitor();
            heap.reset();
            if (o.pgStats()) {
                PgStatements.reset(ds);
            }
            WriterStatistics stats = new WriterStatistics(registry());
            EventWriter writer = writer(stats);
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
                    percentile(latency, 0.5), percentile(latency, 0.99), peak, live, gcCount, gcMillis,
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
        private RawCopy.Result rawPhase() throws Exception {
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
        private void warmUp() throws Exception {
            long t0 = System.nanoTime();
            EventWriter writer = writer(new WriterStatistics(registry()));
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

        /** The first {@code n} events of the main stream (a prefix: event times depend on the stream length). */
        private Iterator<MarketEvent> events(int n) {
            if (pregenerated != null) {
                return pregenerated.subList(0, n).iterator();
            }
            Iterator<MarketEvent> all = stream(o.seed(), o.events());
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

        private Iterator<MarketEvent> stream(long seed, int n) {
            return new EventMix(seed, n, universe, end);
        }

        private EventWriter writer(WriterStatistics stats) {
            Path spoolDir = dir.resolve("spool-" + (++writerNumber));
            EventWriter w = new EventWriter(ds, batchWriter, new Spool(spoolDir, 20_000, codec), codec,
                    new EventWriter.Settings(QUEUE_CAPACITY, o.batch(), MAX_DELAY, Duration.ofSeconds(2), 20_000),
                    stats, Clock.systemUTC());
            w.start();
            return w;
        }

        /** TRUNCATE every event table (all partitions); the bookkeeping tables too when asked. */
        private void truncateEventTables(boolean bookkeeping) throws SQLException {
            String tables = EventTables.timeSeries().stream().map(EventTable::table).collect(Collectors.joining(", "));
            sql("TRUNCATE " + tables + (bookkeeping ? ", stream_watermark, stored_rows" : ""));
        }

        /** Per event type: bytes of the table's partitions with indexes and TOAST, and its row count. */
        private Map<EventType, long[]> diskUsage() throws SQLException {
            Map<EventType, long[]> out = new LinkedHashMap<>();
            try (Connection c = ds.getConnection();
                 PreparedStatement size = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(relid)), 0)"
                         + " FROM pg_partition_tree(?::regclass)")) {
                for (EventType type : REPORT_ORDER) {
                    String table = EventTables.of(type).table();
                    size.setString(1, table);
                    long bytes;
                    try (ResultSet rs = size.executeQuery()) {
                        rs.next();
                        bytes = rs.getLong(1);
                    }
                    out.put(type, new long[]{bytes, count(c, table)});
                }
            }
            return out;
        }

        private Map<EventType, Long> rowCounts() throws SQLException {
            Map<EventType, Long> out = new LinkedHashMap<>();
            try (Connection c = ds.getConnection()) {
                for (EventType type : REPORT_ORDER) {
                    out.put(type, count(c, EventTables.of(type).table()));
                }
            }
            return out;
        }

        private static long count(Connection c, String table) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private String serverVersion() throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                return rs.getString(1).split(" ")[0];
            }
        }

        private void sql(String statement) throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute(statement);
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(server.jdbcUrl());
        cfg.setUsername(server.user());
        cfg.setPoolName("basis-bench");
        cfg.setMaximumPoolSize(8);
        cfg.setConnectionTimeout(3_000);
        cfg.setValidationTimeout(2_000);
        cfg.setInitializationFailTimeout(30_000);
        // as the service configures its pool (DatabaseConfiguration)
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        cfg.addDataSourceProperty("ApplicationName", "basis-bench");
        return new HikariDataSource(cfg);
    }

    /** A registry whose latency percentiles cover the whole run (not the default two-minute window). */
    private static SimpleMeterRegistry registry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder().expiry(Duration.ofDays(1)).bufferLength(1)
                        .percentilePrecision(2).build().merge(config);
            }
        });
        return registry;
    }

    private static double percentile(HistogramSnapshot snapshot, double p) {
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            if (Math.abs(v.percentile() - p) < 1e-9) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static String perTable(Map<EventType, long[]> disk) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EventType, long[]> e : disk.entrySet()) {
            long[] v = e.getValue();
            if (v[1] == 0) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(EventTables.of(e.getKey()).table()).append(' ').append(Math.round((double) v[0] / v[1]));
        }
        return b.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Options parse(String[] args) {
        int events = 1_000_000;
        int instruments = 200;
        int batch = 5_000;
        boolean keep = false;
        long seed = SEED;
        Integer warmup = null;
        int republish = 100_000;
        boolean pregenerate = false;
        boolean pgStats = false;
        boolean profile = false;
        int rounds = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--events" -> events = (int) number(args, ++i, a);
                case "--instruments" -> instruments = (int) number(args, ++i, a);
                case "--batch" -> batch = (int) number(args, ++i, a);
                case "--seed" -> seed = number(args, ++i, a);
                case "--warmup" -> warmup = (int) number(args, ++i, a);
                case "--republish" -> republish = (int) number(args, ++i, a);
                case "--keep" -> keep = true;
                case "--pregenerate" -> pregenerate = true;
                case "--pg-stats" -> pgStats = true;
                case "--profile" -> profile = true;
                case "--rounds" -> rounds = (int) number(args, ++i, a);
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: basis bench store [options]
                              --events N        events to write (default 1,000,000)
                              --instruments N   instruments (default 200, at least 4)
                              --batch N         writer batch size and raw COPY chunk (default 5000)
                              --warmup N        warm-up events through both paths first (default min(100,000, events/10))
                              --rounds N        run both phases N times and keep the best of each (default 1)
                              --republish N     events published again for the idempotency check (default 100,000)
                              --seed N          event stream seed
                              --pregenerate     generate all events up front and keep them in memory
                              --pg-stats        report PostgreSQL time per statement (pg_stat_statements) per phase
                              --profile         wall-clock profile of the writer thread and the raw COPY thread
                              --keep            keep the temporary data directory (PostgreSQL data, spool)
                            """);
                    System.exit(0);
                }
                default -> usage("unknown option '" + a + "'");
            }
        }
        if (events < 1 || batch < 1 || republish < 0) {
            usage("--events and --batch must be positive");
        }
        if (instruments < 4) {
            usage("--instruments must be at least 4");
        }
        int w = warmup != null ? warmup : Math.min(100_000, events / 10);
        return new Options(events, instruments, batch, keep, seed, Math.max(0, w), republish, pregenerate,
                pgStats, profile, Math.max(1, rounds));
    }

    private static long number(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a number");
        }
        try {
            return Long.parseLong(args[i].replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            usage(option + " needs a number, not '" + args[i] + "'");
            return 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("basis bench store: " + problem + " (see --help)");
        System.exit(2);
    }
}
