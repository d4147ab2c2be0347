package io.basis.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestCollectorsTest {
    private static final long TEN_MINUTES = Duration.ofMinutes(10).toMillis();
    private static final long FIVE_SECONDS = 5_000;

    @Test
    void alignedRunsFallOnWholeIntervalsPlusTheOffset() {
        long at = Instant.parse("2026-11-22T03:17:30Z").toEpochMilli();
        long delay = RestCollectors.delayToNextSlot(at, TEN_MINUTES, FIVE_SECONDS);
        assertThat(Instant.ofEpochMilli(at + delay)).isEqualTo(Instant.parse("2026-11-22T03:20:05Z"));
    }

    @Test
    void justBeforeTheSlotWaitsForIt() {
        long at = Instant.parse("2026-11-22T03:00:04Z").toEpochMilli();
        long delay = RestCollectors.delayToNextSlot(at, TEN_MINUTES, FIVE_SECONDS);
        assertThat(Instant.ofEpochMilli(at + delay)).isEqualTo(Instant.parse("2026-11-22T03:00:05Z"));
    }

    @Test
    void exactlyOnTheSlotWaitsAWholePeriodBecauseTheFirstRunIsImmediate() {
        long at = Instant.parse("2026-11-22T03:00:05Z").toEpochMilli();
        assertThat(RestCollectors.delayToNextSlot(at, TEN_MINUTES, FIVE_SECONDS)).isEqualTo(TEN_MINUTES);
    }
}
