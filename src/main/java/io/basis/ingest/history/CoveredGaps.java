package io.basis.ingest.history;

import io.basis.store.GapLedger;
import io.basis.store.GapState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The open ledger gaps a manual range backfill covers entirely (same venue, symbol and type, inside a task's range):
 * claimed for the job before it fetches - so the automatic loop does not fetch them a second time - and afterwards
 * {@code filled} with the rows recovered in each gap's own range (stored rows after minus before), {@code unfillable}
 * when the venue refused their task or no longer serves their start, or released when their task failed or the job
 * stopped. This is how a gap longer than {@code max-gap} ends once the operator has run
 * the manual backfill. Used by one job's thread.
 *
 * <p>{@link #measure} is the same without the claim, for a range fetched as several jobs
 * ({@link Backfiller#rangeGaps}): {@link #fill} settles the gaps still open once they all completed.
 */
final class CoveredGaps implements Backfiller.RangeGaps {
    private record Covered(GapLedger.Gap gap, BackfillTask task, long before) {
    }

    private final GapLedger ledger;
    private final RangeRowCounter counter;
    private final List<Covered> covered;

    private CoveredGaps(GapLedger ledger, RangeRowCounter counter, List<Covered> covered) {
        this.ledger = ledger;
        this.counter = counter;
        this.covered = covered;
    }

    /** Claims the open gaps the tasks cover for the job and counts their stored rows. */
    static CoveredGaps claim(GapLedger ledger, RangeRowCounter counter, long jobId, Collection<BackfillTask> tasks) {
        List<Covered> out = new ArrayList<>();
        for (BackfillTask t : tasks) {
            for (GapLedger.Gap g : ledger.claim(inside(ledger, t).stream().map(GapLedger.Gap::id).toList(), jobId)) {
                out.add(new Covered(g, t, counter.count(t.venue(), t.symbol(), t.type(), g.from(), g.to())));
            }
        }
        return new CoveredGaps(ledger, counter, out);
    }

    /** The open gaps the tasks cover and their stored rows now, not claimed. */
    static CoveredGaps measure(GapLedger ledger, RangeRowCounter counter, Collection<BackfillTask> tasks) {
        List<Covered> out = new ArrayList<>();
        for (BackfillTask t : tasks) {
            for (GapLedger.Gap g : inside(ledger, t)) {
                out.add(new Covered(g, t, counter.count(t.venue(), t.symbol(), t.type(), g.from(), g.to())));
            }
        }
        return new CoveredGaps(ledger, counter, out);
    }

    private static List<GapLedger.Gap> inside(GapLedger ledger, BackfillTask t) {
        return ledger.list(new GapLedger.Filter(t.venue(), t.symbol(), t.type().id(), Set.of(GapState.OPEN),
                        t.from(), t.to(), GapSweep.MAX_GAPS_PER_PASS)).stream()
                .filter(g -> !g.connectionLevel() && !g.from().isBefore(t.from()) && !g.to().isAfter(t.to()))
                .toList();
    }

    /**
     * Measured gaps still open: claimed for the job (when given), unfillable when they overlap a range not served,
     * else filled with the rows recovered.
     */
    @Override
    public int fill(Long jobId, List<Backfiller.NotServed> notServed) {
        int n = 0;
        for (Covered c : covered) {
            GapLedger.Gap g = c.gap();
            boolean mine = jobId != null ? !ledger.claim(List.of(g.id()), jobId).isEmpty()
                    : ledger.get(g.id()).map(now -> now.state() == GapState.OPEN).orElse(false);
            if (!mine) {
                continue;
            }
            long recovered = Math.max(0, counter.count(c.task().venue(), c.task().symbol(), c.task().type(),
                    g.from(), g.to()) - c.before());
            Backfiller.NotServed refused = notServed.stream().filter(r -> r.overlaps(g.from(), g.to())).findFirst()
                    .orElse(null);
            if (refused != null) {
                ledger.markUnfillable(g.id(), "the venue did not serve [" + refused.from() + ", " + refused.to()
                        + ") of it: " + refused.reason(), recovered);
            } else if (ledger.markFilled(g.id(), recovered)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Settles the claimed gaps by their task's outcome: released when it failed transiently, unfillable with the
     * venue's reason when the venue refused it or no longer serves the gap's start, else filled.
     */
    void settle(BackfillRunner.Outcome outcome) {
        for (Covered c : covered) {
            if (outcome.failedTasks().contains(c.task())) {
                ledger.release(c.gap().id(), "the backfill of its range failed");
                continue;
            }
            GapLedger.Gap g = c.gap();
            long recovered = Math.max(0, counter.count(c.task().venue(), c.task().symbol(), c.task().type(),
                    g.from(), g.to()) - c.before());
            BackfillRunner.Refusal refusal = outcome.refusedTasks().get(c.task());
            if (refusal != null && refusal.covers(g.from())) {
                ledger.markUnfillable(g.id(), refusal.reason(), recovered);
            } else {
                ledger.markFilled(g.id(), recovered);
            }
        }
    }

    /** Releases every claimed gap (the job stopped). */
    void release(String reason) {
        covered.forEach(c -> ledger.release(c.gap().id(), reason));
    }

    @Override
    public int size() {
        return covered.size();
    }
}
