package io.basis.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;
import io.basis.store.EventWriter;
import io.basis.store.OptionQuoteCompactor;
import io.basis.store.OptionQuotes;
import io.basis.store.WriterStatistics;
import io.basis.venue.deribit.DeribitParser;
import io.basis.venue.deribit.Parsed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.basis.bench.BenchCli.seconds;

/**
 * {@code basis bench ingest --workload deribit-options}: Deribit option ticker frames through the ingest path into
 * the two-tier option quote storage, against raw Jackson parsing of the same bytes.
 *
 * <ol>
 *   <li>Generate {@code --frames} {@code ticker.<instrument>.100ms} frames over {@code --instruments} BTC and ETH
 *       options ({@link DeribitOptionFrames}), spanning {@code --hours} of venue time that end at today's 00:00 UTC
 *       (a closed day, so compaction can close every hour and drop the day's partition); held in memory, not timed.
 *   <li>Raw parse: Jackson 3 streaming reads every token of every frame ({@link IngestBenchmark#tokenize}).
 *       Parse: {@link DeribitParser#parse} of the same bytes into {@link OptionTicker}s. One warm-up pass, then
 *       {@code --rounds} passes, best kept.
 *   <li>Store: a fresh embedded PostgreSQL; a warm-up prefix through a writer, tables emptied; then every frame
 *       through parse → {@code EventWriter.publish} (service settings: queue 131,072, batch 5,000, max delay 200 ms;
 *       the writer drops unchanged quotes) until {@code awaitStored}. Stored rows and skipped quotes are checked
 *       against the generator.
 *   <li>Bytes per stored quote on disk (heap, TOAST, free-space and visibility maps, every index) in rows, then
 *       after {@link OptionQuoteCompactor#compact} of every hour; the quotes of every instrument are read back
 *       through {@link OptionQuotes#range} before and after compaction and must be identical; the time of
 *       {@link OptionQuotes#latest} for all instruments is shown for both tiers.
 *   <li>Steady state: the frames again with compaction every 5 minutes of venue time, as the service runs it, for
 *       the peak size of the row tier.
 * </ol>
 */
public final class DeribitOptionsBenchmark {
    private static final long MB = 1024 * 1024;

    private DeribitOptionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DeribitOptionsOptions o = DeribitOptionsOptions.parse(args);
        BenchCli.quietLogging();
        if (!run(o)) {
            System.exit(1);
        }
    }

    private static boolean run(DeribitOptionsOptions o) throws Exception {
        long g0 = System.nanoTime();
        long end = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        DeribitOptionFrames.Frames f = DeribitOptionFrames.generate(o.seed(), o.frames(), o.instruments(),
                o.unchanged(), end, o.hours() * 3_600_000L);
        System.out.printf(Locale.ROOT, "Basis ingest benchmark — %,d Deribit option ticker frames, %d instruments "
                + "(BTC, ETH), %d cores%n", f.size(), f.instruments().size(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "options  : %s%n", o.describe());
        System.out.printf(Locale.ROOT, "JVM      : %s, %s, max heap %d MB%n", Runtime.version(), HeapMonitor.gcName(),
                HeapMonitor.maxHeap() / MB);
        System.out.printf(Locale.ROOT, "frames   : %,.1f MB, %.0f bytes/frame avg; venue time %s .. %s; %,d frames "
                        + "(%.1f%%) change no stored field; generated in %.1f s%n", f.bytes() / 1e6,
                (double) f.bytes() / f.size(), Instant.ofEpochMilli(f.startMillis()), Instant.ofEpochMilli(f.endMillis()),
                f.unchangedFrames(), 100.0 * f.unchangedFrames() / f.size(), seconds(System.nanoTime() - g0));
        System.out.println();

        double bestRaw = Double.MAX_VALUE;
        double bestParse = Double.MAX_VALUE;
        long quotes = 0;
        for (int round = 0; round <= o.rounds(); round++) {
            double raw = IngestBenchmark.rawPass(f.frames());
            long[] parsed = new long[1];
            double parse = parsePass(f, parsed);
            quotes = parsed[0];
            System.out.printf(Locale.ROOT, "%s : raw %,.0f frames/s, DeribitParser %,.0f frames/s, ratio %.2f%n",
                    round == 0 ? "warm-up " : "round " + round + " ", f.size() / raw, f.size() / parse, raw / parse);
            if (round > 0) {
                bestRaw = Math.min(bestRaw, raw);
                bestParse = Math.min(bestParse, parse);
            }
        }
        boolean ok = quotes == f.size();

        try (BenchDatabase db = BenchDatabase.start("basis-bench-deribit-", o.keep(), false)) {
            Store store = new Store(o, db, f);
            store.warmUp();
            Store.Run c = store.measured();
            long rowsBefore = db.count("option_ticker");
            long[] before = db.sizes("option_ticker");
            Map<String, Long> checksumBefore = store.checksums();
            double latestRows = store.latestMillis();

            long c0 = System.nanoTime();
            OptionQuoteCompactor.Result compaction = store.compactor.compact(Instant.ofEpochMilli(end)
                    .plus(OptionQuoteCompactor.PERIOD));
            double compactSeconds = seconds(System.nanoTime() - c0);
            long[] rowsAfter = db.sizes("option_ticker");
            long[] blocks = store.blockSizes();
            long[] blockData = store.blockData();
            Map<String, Long> checksumAfter = store.checksums();
            double latestBlocks = store.latestMillis();
            Store.Steady steady = store.steady();

            long stored = c.inserted();
            double bytesBefore = (double) before[0] / stored;
            double bytesAfter = (double) (rowsAfter[0] + blocks[0]) / stored;
            boolean rowsOk = stored == f.expectedStored() && c.skipped() == f.unchangedFrames()
                    && rowsBefore == stored && compaction.quotes() == stored && c.rejected() == 0 && c.spooled() == 0;
            boolean readsOk = checksumBefore.equals(checksumAfter) && checksumBefore.size() == f.instruments().size();
            ok &= rowsOk && readsOk;

            System.out.println();
            System.out.printf(Locale.ROOT, "raw      : %,.0f frames/s  %,.1f MB/s   (Jackson 3 streaming, every token "
                    + "read, no objects; best of %d)%n", f.size() / bestRaw, f.bytes() / bestRaw / 1e6, o.rounds());
            System.out.printf(Locale.ROOT, "parse    : %,.0f frames/s   (DeribitParser.parse → one OptionTicker per "
                    + "frame; ratio %.2f to raw; best of %d)%n", f.size() / bestParse, bestRaw / bestParse, o.rounds());
            System.out.printf(Locale.ROOT, "store    : %,.0f frames/s end to end, %,.0f rows/s stored   (%,d frames → "
                            + "%,d quotes → %,d rows in %.2f s; %,d skipped as unchanged; %,d batches; CPU: parser "
                            + "thread %.1f s, writer thread %.1f s)%n", f.size() / c.seconds(), stored / c.seconds(),
                    f.size(), quotes, stored, c.seconds(), c.skipped(), c.batches(), c.producerCpu(), c.writerCpu());
            System.out.printf(Locale.ROOT, "latency  : receive-to-stored p50 %.0f ms, p99 %.0f ms at full speed%n",
                    c.p50(), c.p99());
            System.out.printf(Locale.ROOT, "on disk  : rows (option_ticker, before compaction): %,.1f MB = %.0f "
                            + "bytes/quote (table %.0f, indexes %.0f)%n", before[0] / 1e6, bytesBefore,
                    (double) before[1] / stored, (double) before[2] / stored);
            System.out.printf(Locale.ROOT, "           after compaction: %,.1f MB = %.1f bytes/quote (blocks: table "
                            + "incl. TOAST %.1f, indexes %.2f; rows left %,d bytes)  target ≤ 60: %s%n",
                    (rowsAfter[0] + blocks[0]) / 1e6, bytesAfter, (double) blocks[1] / stored,
                    (double) blocks[2] / stored, rowsAfter[0], bytesAfter <= 60 ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "           %,d blocks of %.0f quotes avg; encoded %.1f bytes/quote, %.1f "
                            + "stored after TOAST compression; compaction took %.1f s (%,.0f quotes/s)%n",
                    blockData[0], (double) stored / Math.max(1, blockData[0]), (double) blockData[1] / stored,
                    (double) blockData[2] / stored, compactSeconds, stored / compactSeconds);
            System.out.printf(Locale.ROOT, "steady   : the frames again with compaction every 5 min of venue time "
                            + "(10 min lag, then VACUUM as autovacuum would): rows peak at %,.1f MB (%,.0f quotes' "
                            + "worth at %.0f bytes/quote, vs %,d stored); at the end %,.1f MB = %.1f bytes/quote in all; "
                            + "%d compactions, %.1f s of %.1f s%n", steady.peakRowBytes() / 1e6,
                    steady.peakRowBytes() / bytesBefore, bytesBefore, stored, steady.endBytes() / 1e6,
                    (double) steady.endBytes() / steady.stored(), steady.compactions(), steady.compactSeconds(),
                    steady.seconds());
            ok &= steady.stored() == stored;
            System.out.printf(Locale.ROOT, "reads    : OptionQuotes.latest of %d symbols: %.1f ms from rows, %.1f ms "
                            + "from blocks (best of 5); every quote read back identical after compaction: %s%n",
                    f.instruments().size(), latestRows, latestBlocks, readsOk ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "check    : %s%n", rowsOk ? "ok, stored and skipped quotes as generated; "
                    + "0 rejected, 0 spooled" : String.format(Locale.ROOT, "FAILED, expected %,d stored and %,d "
                    + "skipped; got %,d rows (%,d in option_ticker), %,d skipped, %,d compacted, %d rejected, %d "
                    + "spooled", f.expectedStored(), f.unchangedFrames(), stored, rowsBefore, c.skipped(),
                    compaction.quotes(), c.rejected(), c.spooled()));
            System.out.printf(Locale.ROOT, "BENCH ingest-deribit-options frames=%d raw_fps=%.0f parse_fps=%.0f "
                            + "store_fps=%.0f store_rows_s=%.0f skipped=%d bytes_per_quote_rows=%.1f "
                            + "bytes_per_quote_compacted=%.1f ok=%b%n", f.size(), f.size() / bestRaw,
                    f.size() / bestParse, f.size() / c.seconds(), stored / c.seconds(), c.skipped(), bytesBefore,
                    bytesAfter, ok);
        }
        return ok;
    }

    private static double parsePass(DeribitOptionFrames.Frames f, long[] quotes) {
        DeribitParser parser = new DeribitParser();
        long n = 0;
        long t0 = System.nanoTime();
        for (byte[] frame : f.frames()) {
            if (parser.parse(frame, Instant.now()) instanceof Parsed.Events e) {
                n += e.events().size();
            }
        }
        long t1 = System.nanoTime();
        quotes[0] = n;
        return seconds(t1 - t0);
    }

    /** The store side: one database, fresh writers configured as the service's. */
    private static final class Store {
        record Run(double seconds, long inserted, long skipped, long rejected, long spooled, long batches, double p50,
                   double p99, double producerCpu, double writerCpu) {
        }

        private final DeribitOptionsOptions o;
        private final BenchDatabase db;
        private final HikariDataSource ds;
        private final DeribitOptionFrames.Frames f;
        private final BenchWriters writers;
        private final OptionQuoteCompactor compactor;
        private final OptionQuotes quotes;

        Store(DeribitOptionsOptions o, BenchDatabase db, DeribitOptionFrames.Frames f) throws Exception {
            this.o = o;
            this.db = db;
            this.ds = db.dataSource();
            this.f = f;
            this.writers = new BenchWriters(db, o.batch());
            this.compactor = new OptionQuoteCompactor(ds, writers.partitions());
            this.quotes = new OptionQuotes(ds);
        }

        void warmUp() throws Exception {
            if (o.warmup() == 0) {
                return;
            }
            long t0 = System.nanoTime();
            EventWriter writer = writers.start(new WriterStatistics(BenchLatency.registry()));
            DeribitParser parser = new DeribitParser();
            byte[][] frames = f.frames();
            for (int i = 0; i < o.warmup(); i++) {
                publish(parser, frames[i], writer);
            }
            if (!writer.awaitStored(Duration.ofHours(1))) {
                throw new IllegalStateException("warm-up did not finish");
            }
            writer.close();
            db.sql("TRUNCATE option_ticker, option_quote_block, stream_watermark, stored_rows");
            System.out.printf(Locale.ROOT, "warm-up  : %,d frames through the store path in %.1f s, tables emptied%n",
                    o.warmup(), seconds(System.nanoTime() - t0));
        }

        Run measured() throws Exception {
            db.sql("CHECKPOINT");
            WriterStatistics stats = new WriterStatistics(BenchLatency.registry());
            EventWriter writer = writers.start(stats);
            DeribitParser parser = new DeribitParser();
            ThreadCpu writerCpu = ThreadCpu.of("basis-writer");
            ThreadCpu producerCpu = ThreadCpu.current();
            long t0 = System.nanoTime();
            for (byte[] frame : f.frames()) {
                publish(parser, frame, writer);
            }
            if (!writer.awaitStored(Duration.ofHours(2))) {
                throw new IllegalStateException("the writer did not store the quotes within 2 hours");
            }
            long t1 = System.nanoTime();
            double wCpu = writerCpu.seconds();
            double pCpu = producerCpu.seconds();
            writer.close();
            var latency = stats.commitLatency().takeSnapshot();
            return new Run(seconds(t1 - t0), stats.insertedRows(EventType.OPTION_TICKER),
                    stats.skippedUnchangedQuotes(), stats.rejectedEvents(), stats.spooledEvents(), stats.batches(),
                    BenchLatency.percentile(latency, 0.5), BenchLatency.percentile(latency, 0.99), pCpu, wCpu);
        }

        record Steady(long peakRowBytes, long endBytes, long stored, int compactions, double compactSeconds,
                      double seconds) {
        }

        /**
         * The service's steady state: every frame again, in venue-time order, and every 5 minutes of venue time the
         * writer is drained and the hours closed 10 minutes earlier are compacted, followed by a {@code VACUUM} of
         * {@code option_ticker} as autovacuum would do within a minute; the row tier's size is sampled after each.
         */
        Steady steady() throws Exception {
            db.sql("TRUNCATE option_ticker, option_quote_block, stream_watermark, stored_rows");
            WriterStatistics stats = new WriterStatistics(BenchLatency.registry());
            EventWriter writer = writers.start(stats);
            DeribitParser parser = new DeribitParser();
            long step = Duration.ofMinutes(5).toMillis();
            long lag = Duration.ofMinutes(10).toMillis();
            long next = f.startMillis() + step;
            long peak = 0;
            int compactions = 0;
            long compactNanos = 0;
            long t0 = System.nanoTime();
            for (byte[] frame : f.frames()) {
                if (parser.parse(frame, Instant.now()) instanceof Parsed.Events e) {
                    for (MarketEvent event : e.events()) {
                        writer.publish(event);
                        long t = event.venueTime().toEpochMilli();
                        if (t >= next) {
                            if (!writer.awaitStored(Duration.ofMinutes(10))) {
                                throw new IllegalStateException("the writer did not catch up");
                            }
                            long c0 = System.nanoTime();
                            compactor.compact(Instant.ofEpochMilli(t - lag));
                            db.sql("VACUUM option_ticker");
                            compactNanos += System.nanoTime() - c0;
                            compactions++;
                            peak = Math.max(peak, db.sizes("option_ticker")[0]);
                            next += step;
                        }
                    }
                }
            }
            if (!writer.awaitStored(Duration.ofHours(1))) {
                throw new IllegalStateException("the writer did not store the quotes within an hour");
            }
            writer.close();
            compactor.compact(Instant.ofEpochMilli(f.endMillis()).plus(OptionQuoteCompactor.PERIOD));
            double seconds = seconds(System.nanoTime() - t0);
            return new Steady(peak, db.sizes("option_ticker")[0] + blockSizes()[0],
                    stats.insertedRows(EventType.OPTION_TICKER), compactions, seconds(compactNanos), seconds);
        }

        /** Per instrument: count and order-sensitive hash of every quote read through {@link OptionQuotes#range}. */
        Map<String, Long> checksums() {
            Map<String, Long> out = new java.util.TreeMap<>();
            Instant from = Instant.ofEpochMilli(f.startMillis());
            Instant to = Instant.ofEpochMilli(f.endMillis() + 1);
            for (String symbol : f.instruments()) {
                List<OptionTicker> q = quotes.range(DeribitParser.VENUE, symbol, from, to, Integer.MAX_VALUE);
                long h = q.size();
                for (OptionTicker t : q) {
                    h = h * 31 + t.hashCode();
                }
                out.put(symbol, h);
            }
            return out;
        }

        /** Best of five {@link OptionQuotes#latest} of every instrument half an hour before the end. */
        double latestMillis() {
            Instant asOf = Instant.ofEpochMilli(f.endMillis()).minus(Duration.ofMinutes(30));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Map<String, OptionTicker> latest = quotes.latest(DeribitParser.VENUE, f.instruments(), asOf);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                if (latest.size() != f.instruments().size()) {
                    throw new IllegalStateException("latest found " + latest.size() + " of " + f.instruments().size());
                }
            }
            return best;
        }

        /** Bytes of option_quote_block: {total, table with TOAST and maps, indexes}. */
        long[] blockSizes() throws Exception {
            try (var c = ds.getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT pg_total_relation_size('option_quote_block'),"
                         + " pg_table_size('option_quote_block'), pg_indexes_size('option_quote_block')")) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }

        /** {blocks, encoded bytes, bytes as stored (after TOAST compression)} */
        long[] blockData() throws Exception {
            try (var c = ds.getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*), coalesce(sum(octet_length(data)), 0),"
                         + " coalesce(sum(pg_column_size(data)), 0) FROM option_quote_block")) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }

        private static void publish(DeribitParser parser, byte[] frame, EventWriter writer)
                throws InterruptedException {
            if (parser.parse(frame, Instant.now()) instanceof Parsed.Events e) {
                for (MarketEvent event : e.events()) {
                    writer.publish(event);
                }
            }
        }
    }
}
