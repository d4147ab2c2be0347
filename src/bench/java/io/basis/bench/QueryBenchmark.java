package io.basis.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code basis bench query}: is the API's query layer ({@code EventQueries}) cheap enough to answer in milliseconds
 * on tens of millions of rows?
 *
 * <ol>
 *   <li>Start a fresh embedded PostgreSQL in a temporary directory and migrate it (Flyway, native partitions).
 *   <li>Load {@code --rows} rows (default 20 million) of {@code --days} days of history ({@link QueryDataset}:
 *       mostly trades, mark prices, 1m candles, funding rates) straight into the tables with COPY, in time order,
 *       then the writer's bookkeeping and VACUUM (ANALYZE) of every partition ({@link QueryLoader}).
 *   <li>Time each query shape ({@link QueryShapes}) many times through {@code EventQueries} itself with random
 *       parameters from a fixed seed ({@link QueryRunner}); EXPLAIN (ANALYZE, BUFFERS) one more run of each.
 *   <li>Report p50/p99/max per shape, the condensed plans and a {@code BENCH query} line per shape
 *       ({@link QueryReport}), flagged SLOW (and {@code ok=false}) when its p99 is above 50 ms. The exit status is
 *       1 only when the load went wrong.
 *   <li>Time the coverage measurement of every stream ({@link CoverageTiming}).
 * </ol>
 */
public final class QueryBenchmark {

    /** Coverage measurements take seconds each: a few runs give a stable median. */
    private static final int COVERAGE_RUNS = 3;

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        QueryOptions o = QueryOptions.parse(args);
        BenchCli.quietLogging();
        // Whole hours, so the history's days, candles and funding periods line up with the clock.
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        BenchInstruments universe = new BenchInstruments(o.instruments(), end);
        QueryDataset dataset;
        try {
            dataset = new QueryDataset(o.seed(), o.rows(), o.days(), universe, end);
        } catch (IllegalArgumentException e) {
            new BenchCli("query", args).fail(e.getMessage());
            return;
        }
        boolean ok;
        try (BenchDatabase db = BenchDatabase.start("basis-bench-query-", o.keep(), false)) {
            ok = run(o, db, universe, dataset, end);
        }
        if (!ok) {
            System.exit(1);
        }
    }

    private static boolean run(QueryOptions o, BenchDatabase db, BenchInstruments universe, QueryDataset dataset,
                               Instant end) throws Exception {
        QueryReport report = new QueryReport(o);
        report.header(db.serverVersion(), db.dir(), universe.all().size(), dataset);
        QueryLoader.Loaded loaded = new QueryLoader(db, o, universe, end).load(dataset);
        boolean ok = report.load(loaded, db);

        QueryRunner runner = new QueryRunner(db.dataSource(), o.runs(), o.warmup(), o.budgetSeconds());
        List<QueryShapes.Shape> shapes = QueryShapes.all(universe, dataset.candleInstruments(), end, o.days());
        List<QueryRunner.Result> results = new ArrayList<>();
        report.tableHeader();
        for (QueryShapes.Shape shape : shapes) {
            // each shape draws its own parameters: adding a shape changes no other shape's runs
            QueryRunner.Result r = runner.run(shape, o.seed() * 31 + shape.id().hashCode());
            report.row(r);
            results.add(r);
        }
        report.plans(results);
        report.bench(results);
        CoverageTiming.run(db.dataSource(), end, COVERAGE_RUNS);
        return ok;
    }
}
