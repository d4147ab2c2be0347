package io.basis.analytics.gaps;

import io.basis.store.GapDetectionQueries.BackfillReach;
import io.basis.store.GapDetectionQueries.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the start-up check tells when a venue last delivered live. */
class DowntimeCheckTest {
    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    private static Instant ago(long minutes) {
        return START.minus(Duration.ofMinutes(minutes));
    }

    private static Watermark mark(String venue, String symbol, String type, Instant ts, Instant received) {
        return new Watermark(venue, symbol, type, ts, received);
    }

    @Test
    void venueTimesCountNotReceiveTimes() {
        List<Watermark> marks = List.of(
                mark("a", "BTC", "trade", ago(180), ago(180)),
                mark("a", "OLD", "candle", ago(5000), ago(1)),              // backfilled a minute ago
                mark("b", "ETH", "candle", START.plusSeconds(30), START));   // clamped to the start

        assertThat(DowntimeCheck.lastAlive(marks, List.of(), START)).isEqualTo(Map.of("a", ago(180), "b", START));
    }

    @Test
    void streamsABackfillMayHaveReachedDoNotCountUnlessNothingElseIsLeft() {
        List<Watermark> marks = List.of(
                mark("a", "BTC", "candle", ago(1), ago(1)),
                mark("a", "BTC", "trade", ago(180), ago(180)),
                mark("b", "ETH", "candle", ago(2), ago(2)));
        List<BackfillReach> backfills = List.of(
                new BackfillReach("a", ago(200), START, List.of("candle"), List.of("BTC")),
                new BackfillReach("b", ago(200), START, List.of(), List.of()));

        assertThat(DowntimeCheck.lastAlive(marks, backfills, START)).isEqualTo(Map.of("a", ago(180), "b", ago(2)));
    }
}
