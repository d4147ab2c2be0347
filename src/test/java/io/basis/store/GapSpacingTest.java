package io.basis.store;

import io.basis.store.GapLedger.Range;
import io.basis.store.GapLedger.Spacing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which remainders of a scan hole were due a row, and how a scan's holes are joined and cut. */
class GapSpacingTest {
    private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

    private static Instant s(long seconds) {
        return T.plusSeconds(seconds);
    }

    @Test
    void fixedInstantsAreTheHoleStartAndEveryStepAfterIt() {
        Spacing minute = new Spacing(Duration.ofMinutes(1), false);
        assertThat(minute.dueIn(T, new Range(s(50), s(60)))).as("the next candle opens at 60").isFalse();
        assertThat(minute.dueIn(T, new Range(s(50), s(61)))).isTrue();
        assertThat(minute.dueIn(T, new Range(s(120), s(121)))).isTrue();
        assertThat(minute.dueIn(T, new Range(T, s(1)))).isTrue();
    }

    @Test
    void aPolledStreamMissesARowOnlyAfterAWholeStep() {
        Spacing fiveMinutes = new Spacing(Duration.ofMinutes(5), true);
        assertThat(fiveMinutes.dueIn(T, new Range(s(3000), s(3270)))).isFalse();
        assertThat(fiveMinutes.dueIn(T, new Range(s(3000), s(3300)))).isTrue();
    }

    @Test
    void holesAreJoinedWhereTheyOverlapOrTouchAndCutByWhatIsCovered() {
        List<Range> joined = GapScanMerge.union(List.of(new Range(s(10), s(20)), new Range(s(0), s(5)),
                new Range(s(15), s(30)), new Range(s(30), s(40)), new Range(s(50), s(60))));
        assertThat(joined).containsExactly(new Range(s(0), s(5)), new Range(s(10), s(40)), new Range(s(50), s(60)));

        assertThat(GapScanMerge.subtract(joined, List.of(new Range(s(-5), s(2)), new Range(s(12), s(14)),
                new Range(s(13), s(20)), new Range(s(55), s(70))))).containsExactly(new Range(s(2), s(5)),
                new Range(s(10), s(12)), new Range(s(20), s(40)), new Range(s(50), s(55)));
    }
}
