package io.basis.analytics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HealthScoreTest {
    /** Inputs that deduct nothing; each test changes one dimension. */
    private static final Duration FRESH = Duration.ofMinutes(1);

    private static int score(Duration gap, long total, long successful, long records, long events, long errors) {
        return HealthScore.score(new HealthScore.Inputs(gap, total, successful, records, events, errors));
    }

    private static int withGap(Duration gap) {
        return score(gap, 100, 100, 10_000, 1000, 0);
    }

    @Test
    void perfectInputsScore100() {
        assertThat(withGap(FRESH)).isEqualTo(100);
        assertThat(withGap(Duration.ZERO)).isEqualTo(100);
    }

    @ParameterizedTest(name = "gap {0}s -> {1}")
    @CsvSource({
            "7199, 100", "7200, 100", "7201, 90",
            "21599, 90", "21600, 90", "21601, 80",
            "86399, 80", "86400, 80", "86401, 60"})
    void freshnessBoundaries(long gapSeconds, int expected) {
        assertThat(withGap(Duration.ofSeconds(gapSeconds))).isEqualTo(expected);
    }

    @Test
    void nothingStoredCountsAsOlderThan24Hours() {
        assertThat(withGap(null)).isEqualTo(60);
        assertThat(HealthScore.fresh(null)).isFalse();
        assertThat(HealthScore.gapHours(null)).isNull();
    }

    @Test
    void venueClockAheadOfOursCountsAsNoGap() {
        assertThat(withGap(Duration.ofMinutes(-5))).isEqualTo(100);
        assertThat(HealthScore.fresh(Duration.ofMinutes(-5))).isTrue();
        assertThat(HealthScore.gapHours(Duration.ofMinutes(-5))).isEqualTo(0.0);
    }

    @ParameterizedTest(name = "{1}/{0} successful -> {2}")
    @CsvSource({
            "100, 49, 70", "100, 50, 85", "2, 1, 85",
            "100, 79, 85", "100, 80, 95", "5, 4, 95",
            "100, 94, 95", "100, 95, 100", "20, 19, 100",
            "1, 0, 70", "1, 1, 100"})
    void successRateBoundaries(long total, long successful, int expected) {
        assertThat(score(FRESH, total, successful, 10_000, 1000, 0)).isEqualTo(expected);
    }

    @Test
    void noCollectionsAttemptedYetDeductsNothing() {
        assertThat(score(FRESH, 0, 0, 10_000, 1000, 0)).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0} records -> {1}")
    @CsvSource({"0, 80", "999, 80", "1000, 90", "2999, 90", "3000, 95", "4999, 95", "5000, 100"})
    void storedRecordBoundaries(long records, int expected) {
        assertThat(score(FRESH, 100, 100, records, 1000, 0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} errors, {0} events -> {2}")
    @CsvSource({
            "90, 10, 100", "89, 11, 95", "900, 101, 95",
            "80, 20, 95", "79, 21, 90", "800, 201, 90",
            "0, 0, 100", "0, 5, 90", "5, 0, 100"})
    void errorRateBoundaries(long events, long errors, int expected) {
        assertThat(score(FRESH, 100, 100, 10_000, events, errors)).isEqualTo(expected);
    }

    @Test
    void worstCaseIsClampedToZeroAndDeductionsCombine() {
        assertThat(score(null, 10, 0, 0, 0, 10)).isZero();
        assertThat(score(null, Long.MAX_VALUE, 0, 0, 0, Long.MAX_VALUE)).isBetween(0, 100);
        // -20 (gap > 6h) -15 (success 60%) -5 (4000 records) -5 (error 15%)
        assertThat(score(Duration.ofHours(7), 10, 6, 4000, 85, 15)).isEqualTo(55);
    }

    @Test
    void healthyNeedsScoreAbove70AndGapUnder2Hours() {
        Duration justUnder = HealthScore.FRESH_GAP.minusNanos(1);
        assertThat(HealthScore.healthy(71, Duration.ofMinutes(30))).isTrue();
        assertThat(HealthScore.healthy(70, Duration.ofMinutes(30))).isFalse();
        assertThat(HealthScore.healthy(100, justUnder)).isTrue();
        assertThat(HealthScore.healthy(100, Duration.ofHours(2))).isFalse();
        assertThat(HealthScore.healthy(100, null)).isFalse();
    }

    @Test
    void operationalNeedsScoreAbove50() {
        assertThat(HealthScore.operational(51)).isTrue();
        assertThat(HealthScore.operational(50)).isFalse();
        assertThat(HealthScore.operational(0)).isFalse();
    }

    @Test
    void freshMeansGapUnder2Hours() {
        assertThat(HealthScore.fresh(HealthScore.FRESH_GAP.minusNanos(1))).isTrue();
        assertThat(HealthScore.fresh(Duration.ofHours(2))).isFalse();
        assertThat(HealthScore.fresh(Duration.ofHours(3))).isFalse();
    }

    @ParameterizedTest(name = "{0}s -> {1}h")
    @CsvSource({"0, 0.0", "179, 0.0", "180, 0.1", "5400, 1.5", "10800, 3.0", "86399, 24.0", "360000, 100.0"})
    void gapHoursHasOneDecimalRoundedHalfUp(long seconds, double hours) {
        assertThat(HealthScore.gapHours(Duration.ofSeconds(seconds))).isEqualTo(hours);
    }
}
