package io.basis.cli;

import io.basis.store.CompletedBackfills;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The units of a {@code basis backfill}: one per data type, symbol and UTC day of the range (the first and last
 * clipped to it). Each unit is queued as its own backfill job; a completed unit is never fetched again, so a
 * restarted command for the same range continues where the interrupted one stopped. Pure.
 */
final class BackfillPlan {
    static final Duration CHUNK = Duration.ofDays(1);

    private BackfillPlan() {
    }

    /**
     * @param symbolsByType per type id, the symbols its history is fetched for, in order
     */
    static List<CompletedBackfills.Unit> units(Map<String, List<String>> symbolsByType, Instant from, Instant to) {
        List<CompletedBackfills.Unit> out = new ArrayList<>();
        symbolsByType.forEach((type, symbols) -> {
            for (String symbol : symbols) {
                for (Instant start = from; start.isBefore(to); ) {
                    Instant dayEnd = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), CHUNK.toSeconds())
                            * CHUNK.toSeconds()).plus(CHUNK);
                    Instant end = dayEnd.isBefore(to) ? dayEnd : to;
                    out.add(new CompletedBackfills.Unit(type, symbol, start, end));
                    start = end;
                }
            }
        });
        return out;
    }

    /** The units not done yet, in plan order. */
    static List<CompletedBackfills.Unit> pending(Collection<CompletedBackfills.Unit> units,
                                                 Set<CompletedBackfills.Unit> done) {
        return units.stream().filter(u -> !done.contains(u)).toList();
    }
}
