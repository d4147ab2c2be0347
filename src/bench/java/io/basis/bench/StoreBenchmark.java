package io.basis.bench;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;

import static io.basis.bench.BenchCli.seconds;

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
 * {@link WallProfiler}). The phases are in {@link StorePhases}, the report in {@link StoreReport}.
 */
public final class StoreBenchmark {

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StoreOptions o = StoreOptions.parse(args);
        BenchCli.quietLogging();
        boolean ok;
        try (BenchDatabase db = BenchDatabase.start("basis-bench-store-", o.keep(), o.pgStats())) {
            ok = run(o, db);
        }
        if (!ok) {
            System.exit(1);
        }
    }

    private static boolean run(StoreOptions o, BenchDatabase db) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BenchInstruments universe = new BenchInstruments(o.instruments(), end);
        StorePhases phases = new StorePhases(o, db, end, universe);
        StoreReport report = new StoreReport(o);
        report.header(universe.all().size(), db.serverVersion(), db.dir());

        // The generator alone (and its JIT warm-up): in phase 1 the producer thread pays for it while it
        // publishes; phase 2 leaves it out of its timing.
        long g0 = System.nanoTime();
        long checksum = 0;
        for (Iterator<MarketEvent> it = new EventMix(o.seed(), o.events(), universe, end); it.hasNext(); ) {
            checksum += it.next().venueTime().getNano();
        }
        double genSeconds = seconds(System.nanoTime() - g0);
        if (o.pregenerate()) {
            phases.pregenerate();
        }
        if (o.warmup() > 0) {
            phases.warmUp();
        }

        WriterRun writer = null;
        RawCopy.Result raw = null;
        Map<EventType, long[]> disk = null;
        for (int round = 1; round <= o.rounds(); round++) {
            phases.truncateEventTables(true);
            db.sql("CHECKPOINT");
            WriterRun w = phases.writerPhase();
            if (disk == null) {
                disk = phases.diskUsage();
            }
            phases.truncateEventTables(false);
            db.sql("CHECKPOINT");
            RawCopy.Result r = phases.rawPhase();
            if (o.rounds() > 1) {
                report.round(round, w, r);
            }
            // best of the rounds for throughput (a busy machine only ever makes a phase slower)
            writer = WriterRun.best(writer, w);
            if (raw == null || r.nanos() < raw.nanos()) {
                raw = r;
            }
        }

        StorePhases.Republish again = phases.republish();
        boolean ok = report.results(writer, raw, disk, genSeconds, again);
        if (o.pacedEvents() > 0) {
            phases.truncateEventTables(false);
            double[] paced = phases.pacedLatency(o.rate(), o.pacedEvents());
            report.paced(o.rate(), o.pacedEvents(), paced[0], paced[1]);
        }
        if (checksum == 42) {
            System.out.print("");    // keeps the generator pass from being optimised away
        }
        return ok;
    }
}
