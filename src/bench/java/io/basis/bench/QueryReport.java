package io.basis.bench;

import io.basis.model.EventType;
import io.basis.store.EventTables;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code bench query}: setup, the load, sizes on disk, one aligned line per query shape as it
 * finishes, the condensed plan of each shape, and machine-readable {@code BENCH query ...} lines at the end.
 */
final class QueryReport {
    /** What "answers in milliseconds" is taken to mean: p99 at most this. */
    static final double TARGET_P99_MS = 50;
    private static final double MB = 1024 * 1024;
    private static final String ROW = "%-52s %5s %9s %8s %8s %8s %8s  %s%n";

    private final QueryOptions o;

    QueryReport(QueryOptions o) {
        this.o = o;
    }

    void header(String serverVersion, Path dir, int instruments, QueryDataset dataset) {
        System.out.printf(Locale.ROOT, "Basis query benchmark — %,d rows over %d days, %d instruments, "
                        + "PostgreSQL %s, %d cores%n", o.rows(), o.days(), instruments, serverVersion,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "options  : %s%n", o.describe());
        System.out.printf(Locale.ROOT, "JVM      : %s, -Xmx %s%n", Runtime.version(),
                HeapMonitor.xmxArgument() != null ? HeapMonitor.xmxArgument() : "not set");
        System.out.printf(Locale.ROOT, "data     : %s (1m candles for %d instruments: %,d rows; %,d funding rows)%n",
                dir, dataset.candleInstruments().length, dataset.candleRows(), dataset.fundingRows());
    }

    /** Prints the load, the sizes on disk, and whether PostgreSQL took every generated row; false if not. */
    boolean load(QueryLoader.Loaded l, BenchDatabase db) throws SQLException {
        RawCopy.Result c = l.copy();
        System.out.printf(Locale.ROOT, "load     : %,d rows in %.1f s = %,.0f rows/s (COPY, %,d transactions; "
                        + "building COPY text %.1f s, PostgreSQL %.1f s, waiting for the generator %.1f s)%n",
                l.total(), l.wallSeconds(), l.total() / l.wallSeconds(), c.chunks(),
                BenchCli.seconds(c.buildNanos()), BenchCli.seconds(c.databaseNanos()),
                BenchCli.seconds(c.generateNanos()));
        System.out.printf(Locale.ROOT, "           then %,d stream watermarks + stored_rows in %.2f s, %s of every "
                        + "leaf partition in %.1f s (%d partitions in all, the week ahead included)%n", l.streams(),
                l.bookkeepingSeconds(), o.vacuum() ? "VACUUM (ANALYZE)" : "ANALYZE", l.analyzeSeconds(),
                l.partitions());
        long total = 0;
        for (EventType type : QueryLoader.TYPES) {
            String table = EventTables.of(type).table();
            long[] size = db.sizes(table);
            Map<String, Long> indexes = db.indexSizes(table);
            long rows = l.rows().getOrDefault(type, 0L);
            total += size[0];
            System.out.printf(Locale.ROOT, "  %-12s %,11d rows %9.1f MB = table %8.1f MB + indexes %7.1f MB"
                            + " (%.0f bytes/row)%n", table, rows, size[0] / MB, size[1] / MB,
                    indexes.values().stream().mapToLong(Long::longValue).sum() / MB,
                    rows == 0 ? 0.0 : (double) size[0] / rows);
        }
        System.out.printf(Locale.ROOT, "on disk  : %,.1f MB in all%n", total / MB);
        boolean ok = l.total() == o.rows() && c.rows() == o.rows();
        if (!ok) {
            System.out.printf(Locale.ROOT, "check    : FAILED, %,d rows asked for, %,d generated, %,d COPYed%n",
                    o.rows(), l.total(), c.rows());
        }
        System.out.printf(Locale.ROOT, "BENCH query load rows=%d seconds=%.1f rows_per_s=%.0f analyze_s=%.1f "
                        + "bytes=%d ok=%s%n", l.total(), l.wallSeconds(), l.total() / l.wallSeconds(),
                l.analyzeSeconds(), total, ok);
        return ok;
    }

    void tableHeader() {
        System.out.println();
        System.out.printf(Locale.ROOT, "queries  : through EventQueries on the pool, one at a time; %d warm-up runs, "
                + "then up to %d timed runs per shape (at most %.0f s each); latencies in ms%n", o.warmup(), o.runs(),
                o.budgetSeconds());
        System.out.printf(Locale.ROOT, ROW, "shape", "runs", "rows/run", "p50", "p99", "max", "EXPLAIN", "");
    }

    void row(QueryRunner.Result r) {
        String verdict = r.p99() <= TARGET_P99_MS ? "" : "SLOW (p99 > " + (int) TARGET_P99_MS + " ms)";
        System.out.printf(Locale.ROOT, ROW, r.shape().label(), r.runs(), String.format(Locale.ROOT, "%,.1f",
                        r.meanRows()), ms(r.p50()), ms(r.p99()), ms(r.max()),
                r.plan() == null ? "-" : ms(r.plan().executionMs), verdict);
    }

    void plans(List<QueryRunner.Result> results) {
        System.out.println();
        System.out.println("plans    : EXPLAIN (ANALYZE, BUFFERS) of one more run of each shape, the exact statement "
                + "EventQueries sent (partitions shown as _p*; equal sibling plans merged as ×count)");
        for (QueryRunner.Result r : results) {
            PlanSummary p = r.plan();
            if (p == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%n%s: execution %s ms, planning %s ms, shared buffers %,d hit / %,d read%n",
                    r.shape().label(), ms(p.executionMs), ms(p.planningMs), p.sharedHit, p.sharedRead);
            System.out.println("    " + p.nodeKinds());
            for (String line : p.lines) {
                System.out.println("      " + line);
            }
        }
    }

    void bench(List<QueryRunner.Result> results) {
        System.out.println();
        for (QueryRunner.Result r : results) {
            boolean fast = r.p99() <= TARGET_P99_MS;
            PlanSummary p = r.plan();
            System.out.printf(Locale.ROOT, "BENCH query shape=%s rows=%d runs=%d rows_per_run=%.1f p50_ms=%.2f "
                            + "p99_ms=%.2f max_ms=%.2f mean_ms=%.2f explain_exec_ms=%.2f explain_plan_ms=%.2f ok=%s%n",
                    r.shape().id(), o.rows(), r.runs(), r.meanRows(), r.p50(), r.p99(), r.max(), r.mean(),
                    p == null ? Double.NaN : p.executionMs, p == null ? Double.NaN : p.planningMs, fast);
        }
    }

    private static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
