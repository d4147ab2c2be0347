package io.basis.bench;

import io.basis.api.CoverageRules;
import io.basis.model.EventType;
import io.basis.store.CoverageQueries;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times what {@code GET /api/v1/coverage} spends its time on: {@link CoverageQueries#measure} of every stream stored
 * in the last 7 days, with the API's own expected intervals ({@link CoverageRules#bucket}, default channel options).
 * Its cost follows expected buckets (streams × intervals), not rows, so the figure to read is microseconds per
 * bucket; the API keeps an answer for a minute and refreshes it behind the kept one.
 */
final class CoverageTiming {
    private static final Duration WEEK = Duration.ofDays(7);

    private CoverageTiming() {
    }

    static void run(DataSource dataSource, Instant end, int runs) {
        CoverageQueries queries = new CoverageQueries(dataSource);
        long started = System.nanoTime();
        List<CoverageQueries.Collected> streams = queries.collected(end.minus(WEEK));
        double listing = BenchCli.seconds(System.nanoTime() - started);
        List<CoverageQueries.Probe> probes = new ArrayList<>();
        long buckets = 0;
        for (CoverageQueries.Collected c : streams) {
            Duration bucket = CoverageRules.bucket(c.type(), null, c.fundingIntervalSeconds()).orElse(null);
            if (bucket != null) {
                probes.add(new CoverageQueries.Probe(c.instrumentId(), c.type(), bucket,
                        c.type() == EventType.CANDLE ? (int) bucket.toSeconds() : null));
                buckets += WEEK.dividedBy(bucket);
            }
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            queries.measure(probes, end);
            seconds[i] = BenchCli.seconds(System.nanoTime() - t);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        System.out.printf(Locale.ROOT, "%ncoverage : the /api/v1/coverage measurement (CoverageQueries) of every stream"
                + " stored in the last 7 days%n");
        System.out.printf(Locale.ROOT, "           %,d streams listed in %.2f s; %,d measured (trades and liquidations"
                + " are not), %,d expected buckets%n", streams.size(), listing, probes.size(), buckets);
        StringBuilder line = new StringBuilder("           runs:");
        for (double s : seconds) {
            line.append(String.format(Locale.ROOT, " %.2f s", s));
        }
        System.out.println(line);
        System.out.printf(Locale.ROOT, "           median %.2f s = %.2f µs per bucket%n", median,
                buckets == 0 ? 0 : median * 1e6 / buckets);
        System.out.printf(Locale.ROOT, "BENCH coverage streams=%d buckets=%d seconds_median=%.3f us_per_bucket=%.3f%n",
                probes.size(), buckets, median, buckets == 0 ? 0 : median * 1e6 / buckets);
    }
}
