package io.basis.analytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The service's 0..100 health score and the verdicts derived from it, as reported by {@code /health},
 * {@code /status} and the {@code crypto_derivatives_collector_health_score} gauge. A pure function of its
 * {@link Inputs}: no clock, no I/O, so every threshold is unit-testable.
 *
 * <p>The score starts at 100 and loses points per rule; within a rule only the worst matching step counts:
 * <ul>
 *   <li>data freshness (time since the newest stored venue time): &gt;24h −40, &gt;6h −20, &gt;2h −10; nothing stored
 *       at all counts as &gt;24h;</li>
 *   <li>collection success rate (successful / total collections): &lt;50% −30, &lt;80% −15, &lt;95% −5; when no
 *       collection has been attempted yet (just started) there is no rate to judge, so no deduction;</li>
 *   <li>stored records: &lt;1000 −20, &lt;3000 −10, &lt;5000 −5;</li>
 *   <li>error rate (errors / (events collected + errors), 0 when both are 0): &gt;20% −10, &gt;10% −5.</li>
 * </ul>
 * The result is clamped to 0..100. Rates are compared exactly in integer arithmetic, so e.g. exactly 95% success is
 * not "below 95%".
 */
public final class HealthScore {
    /** Below this gap the data counts as fresh; also the highest gap a "healthy" service may have. */
    public static final Duration FRESH_GAP = Duration.ofHours(2);
    private static final Duration STALE_GAP = Duration.ofHours(6);
    private static final Duration DEAD_GAP = Duration.ofHours(24);
    private static final int HEALTHY_ABOVE = 70;
    private static final int OPERATIONAL_ABOVE = 50;

    /**
     * What the score is computed from.
     *
     * @param gap                   time since the newest stored event's venue time; {@code null} when nothing is
     *                              stored; negative values (venue clock ahead of ours) count as zero
     * @param totalCollections      collections attempted
     * @param successfulCollections collections that succeeded, at most {@code totalCollections}
     * @param storedRecords         rows in the store
     * @param eventsCollected       events received from venues
     * @param errors                collection errors (failed collections and other errors)
     */
    public record Inputs(Duration gap, long totalCollections, long successfulCollections, long storedRecords,
                         long eventsCollected, long errors) {
    }

    private HealthScore() {
    }

    /** The score, 0..100. */
    public static int score(Inputs in) {
        int score = 100 - freshnessPenalty(in.gap()) - successPenalty(in.totalCollections(),
                in.successfulCollections()) - recordsPenalty(in.storedRecords())
                - errorPenalty(in.eventsCollected(), in.errors());
        return Math.clamp(score, 0, 100);
    }

    /** {@code /health} "healthy": score above 70 and data fresher than 2 hours; otherwise "degraded". */
    public static boolean healthy(int score, Duration gap) {
        return score > HEALTHY_ABOVE && fresh(gap);
    }

    /** {@code /status} "operational": score above 50; otherwise "degraded". */
    public static boolean operational(int score) {
        return score > OPERATIONAL_ABOVE;
    }

    /** Data freshness "healthy" when the gap is below 2 hours, else "stale" (also when nothing is stored). */
    public static boolean fresh(Duration gap) {
        return gap != null && gap.compareTo(FRESH_GAP) < 0;
    }

    /**
     * The gap in hours rounded half-up to one decimal, as reported in {@code gap_hours}; {@code null} when nothing is
     * stored. A negative gap (venue clock ahead of ours) reports as 0.0.
     */
    public static Double gapHours(Duration gap) {
        if (gap == null) {
            return null;
        }
        long millis = Math.max(0, gap.toMillis());
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(3_600_000L), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    static int freshnessPenalty(Duration gap) {
        if (gap == null || gap.compareTo(DEAD_GAP) > 0) {
            return 40;
        }
        if (gap.compareTo(STALE_GAP) > 0) {
            return 20;
        }
        return gap.compareTo(FRESH_GAP) > 0 ? 10 : 0;
    }

    static int successPenalty(long total, long successful) {
        if (total <= 0) {
            return 0; // nothing attempted yet: a fresh start is not a failure
        }
        if (below(successful, total, 50)) {
            return 30;
        }
        if (below(successful, total, 80)) {
            return 15;
        }
        return below(successful, total, 95) ? 5 : 0;
    }

    static int recordsPenalty(long records) {
        if (records < 1000) {
            return 20;
        }
        if (records < 3000) {
            return 10;
        }
        return records < 5000 ? 5 : 0;
    }

    static int errorPenalty(long events, long errors) {
        long all = events + errors;
        if (all <= 0) {
            return 0;
        }
        if (above(errors, all, 20)) {
            return 10;
        }
        return above(errors, all, 10) ? 5 : 0;
    }

    /** part / whole &lt; percent / 100, exactly. */
    private static boolean below(long part, long whole, int percent) {
        return comparePercent(part, whole, percent) < 0;
    }

    /** part / whole &gt; percent / 100, exactly. */
    private static boolean above(long part, long whole, int percent) {
        return comparePercent(part, whole, percent) > 0;
    }

    /** Sign of (part * 100 - whole * percent), without overflow for any counter value. */
    private static int comparePercent(long part, long whole, int percent) {
        return BigInteger.valueOf(part).multiply(BigInteger.valueOf(100))
                .compareTo(BigInteger.valueOf(whole).multiply(BigInteger.valueOf(percent)));
    }
}
