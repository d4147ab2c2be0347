package io.basis.ingest;

import io.basis.store.GapCauses;
import io.basis.support.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A collection held by a rate limit for more than two intervals reports a rate-limit-pause gap. */
class RestCollectorsPauseGapTest {
    private static final Instant T = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMillis(40);

    private record Gap(String venue, String stream, Instant from, Instant to, String cause) {
    }

    @Test
    void onlyARunHeldLongerThanTwoIntervalsAfterTheFirstIsAGap() throws Exception {
        SettableClock clock = new SettableClock(T);
        List<Gap> gaps = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        try (RestCollectors collectors = new RestCollectors(new CollectionStatistics(clock), clock,
                (venue, stream, from, to, cause) -> gaps.add(new Gap(venue, stream, from, to, cause)))) {
            RestCollectors.Registration r = collectors.register(new RestCollectors.Collector() {
                @Override public String venue() { return "v"; }
                @Override public String name() { return "open-interest"; }
                @Override public Duration interval() { return INTERVAL; }
                @Override public long collect() {
                    int n = runs.incrementAndGet();
                    if (n <= 2) {   // the first run (catching up) and the second are held ten intervals
                        clock.advance(INTERVAL.multipliedBy(10));
                    } else if (n == 3) {   // held under two intervals: no gap
                        clock.advance(INTERVAL.multipliedBy(2));
                    }
                    return 1;
                }
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (runs.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            r.cancel();
        }
        Instant secondStart = T.plus(INTERVAL.multipliedBy(10));
        assertThat(gaps).containsExactly(new Gap("v", "rest:open-interest", secondStart.plus(INTERVAL),
                secondStart.plus(INTERVAL.multipliedBy(10)), GapCauses.RATE_LIMIT_PAUSE));
    }
}
