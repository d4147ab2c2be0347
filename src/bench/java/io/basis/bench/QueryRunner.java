package io.basis.bench;

import io.basis.store.EventQueries;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times one query shape the way the API runs it: {@link EventQueries} on the pooled data source, one call after the
 * other on one thread, each with freshly drawn parameters (a fixed seed per shape). Untimed warm-up runs first (the
 * JIT, the driver's and the server's prepared statements, the page cache; at most a fifth of the budget); then up
 * to {@code runs} timed runs or as many as fit the time budget. Finally one more call through a {@link SqlCapture},
 * whose statement is EXPLAINed.
 */
final class QueryRunner {
    /** Latencies in ms, the rows a call returned on average, and the plan of one run. */
    record Result(QueryShapes.Shape shape, int runs, double meanRows, double p50, double p99, double max,
                  double mean, List<SqlCapture.Captured> statements, PlanSummary plan) {
    }

    private final DataSource ds;
    private final EventQueries queries;
    private final int runs;
    private final int warmup;
    private final long budgetNanos;

    QueryRunner(DataSource ds, int runs, int warmup, double budgetSeconds) {
        this.ds = ds;
        this.queries = new EventQueries(ds);
        this.runs = runs;
        this.warmup = warmup;
        this.budgetNanos = (long) (budgetSeconds * 1e9);
    }

    Result run(QueryShapes.Shape shape, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        long warm = System.nanoTime() + budgetNanos / 5;
        for (int i = 0; i < warmup && (i == 0 || System.nanoTime() < warm); i++) {
            shape.draw().apply(rnd).run(queries);
        }
        long[] nanos = new long[runs];
        long rows = 0;
        int n = 0;
        long deadline = System.nanoTime() + budgetNanos;
        while (n < runs && (n == 0 || System.nanoTime() < deadline)) {
            QueryShapes.Call call = shape.draw().apply(rnd);
            long t0 = System.nanoTime();
            rows += call.run(queries);
            nanos[n++] = System.nanoTime() - t0;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;

        SqlCapture capture = new SqlCapture();
        shape.draw().apply(rnd).run(new EventQueries(capture.wrap(ds)));
        List<SqlCapture.Captured> statements = capture.statements();
        PlanSummary plan = statements.isEmpty() ? null : PlanSummary.explain(ds, statements.getLast());
        return new Result(shape, n, (double) rows / n, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted[n - 1] / 1e6, mean, statements, plan);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in ms. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
