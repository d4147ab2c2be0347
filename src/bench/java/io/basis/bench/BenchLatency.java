package io.basis.bench;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Latency percentiles of the writer's commit timer over a whole benchmark run. */
final class BenchLatency {
    private BenchLatency() {
    }

    /** A registry whose latency percentiles cover the whole run (not the default two-minute window). */
    static SimpleMeterRegistry registry() {
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

    /** The published percentile {@code p} in milliseconds, NaN when the timer does not publish it. */
    static double percentile(HistogramSnapshot snapshot, double p) {
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            if (Math.abs(v.percentile() - p) < 1e-9) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
