package io.basis.store;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.basis.store.GapLedger.ts;

/**
 * Merges the holes a scan found in one stream into the ledger (see {@link GapLedger#recordScan}): subtracts what
 * the ledger already covers - rows of the stream in any state, and unexpanded connection rows of the venue - keeps
 * the remaining parts in which a row was due ({@link GapLedger.Spacing}), then extends an open {@code scan} row that
 * ends where a part starts, or inserts a new {@code scan} row. One transaction, serialised per stream by an advisory
 * lock, so two scans never both insert.
 */
final class GapScanMerge {
    private GapScanMerge() {
    }

    static int merge(DataSource dataSource, Clock clock, String venue, String symbol, String eventType,
                     List<GapLedger.Range> missing, GapLedger.Spacing spacing) {
        Instant lo = missing.stream().map(GapLedger.Range::from).min(Instant::compareTo).orElseThrow();
        Instant hi = missing.stream().map(GapLedger.Range::to).max(Instant::compareTo).orElseThrow();
        int[] changed = {0};
        Timestamp now = ts(clock.instant());
        GapLedger.inTransaction(dataSource, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                p.setString(1, "stream_gap:" + venue + ":" + symbol + ":" + eventType);
                p.execute();
            }
            List<GapLedger.Range> covered = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT gap_from, gap_to FROM stream_gap WHERE venue = ?"
                    + " AND ((symbol = ? AND event_type = ?) OR (symbol IS NULL AND state <> 'expanded'))"
                    + " AND gap_to > ? AND gap_from < ? ORDER BY gap_from")) {
                p.setString(1, venue);
                p.setString(2, symbol);
                p.setString(3, eventType);
                p.setTimestamp(4, ts(lo));
                p.setTimestamp(5, ts(hi));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        covered.add(new GapLedger.Range(rs.getTimestamp(1).toInstant(),
                                rs.getTimestamp(2).toInstant()));
                    }
                }
            }
            List<GapLedger.Range> uncovered = new ArrayList<>();
            for (GapLedger.Range hole : missing) {
                for (GapLedger.Range part : subtract(List.of(hole), covered)) {
                    if (spacing == null || spacing.dueIn(hole.from(), part)) {
                        uncovered.add(part);
                    }
                }
            }
            for (GapLedger.Range part : union(uncovered)) {
                try (PreparedStatement p = c.prepareStatement("UPDATE stream_gap SET gap_to = ?, updated_at = ?"
                        + " WHERE venue = ? AND symbol = ? AND event_type = ? AND cause = 'scan' AND state = 'open'"
                        + " AND gap_to = ?")) {
                    p.setTimestamp(1, ts(part.to()));
                    p.setTimestamp(2, now);
                    p.setString(3, venue);
                    p.setString(4, symbol);
                    p.setString(5, eventType);
                    p.setTimestamp(6, ts(part.from()));
                    if (p.executeUpdate() > 0) {
                        changed[0]++;
                        continue;
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO stream_gap (venue, stream, symbol,"
                        + " event_type, gap_from, gap_to, cause, detected_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'scan', ?, ?) ON CONFLICT DO NOTHING")) {
                    p.setString(1, venue);
                    p.setString(2, GapLedger.streamName(symbol, eventType));
                    p.setString(3, symbol);
                    p.setString(4, eventType);
                    p.setTimestamp(5, ts(part.from()));
                    p.setTimestamp(6, ts(part.to()));
                    p.setTimestamp(7, now);
                    p.setTimestamp(8, now);
                    changed[0] += p.executeUpdate();
                }
            }
        });
        return changed[0];
    }

    /**
     * The ranges joined where they overlap or touch, in order. A stream's holes can overlap - candles of several
     * intervals of one instrument are one {@code candle} stream - and each overlapping part would otherwise become a
     * row of its own, backfilled and counted twice.
     */
    static List<GapLedger.Range> union(List<GapLedger.Range> ranges) {
        List<GapLedger.Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> a.from().compareTo(b.from()));
        List<GapLedger.Range> out = new ArrayList<>();
        for (GapLedger.Range r : sorted) {
            GapLedger.Range last = out.isEmpty() ? null : out.getLast();
            if (last != null && !r.from().isAfter(last.to())) {
                if (r.to().isAfter(last.to())) {
                    out.set(out.size() - 1, new GapLedger.Range(last.from(), r.to()));
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The parts of {@code ranges} (not overlapping each other) not covered by {@code covered} (sorted by start). */
    static List<GapLedger.Range> subtract(List<GapLedger.Range> ranges, List<GapLedger.Range> covered) {
        List<GapLedger.Range> out = new ArrayList<>();
        List<GapLedger.Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> a.from().compareTo(b.from()));
        for (GapLedger.Range r : sorted) {
            Instant start = r.from();
            for (GapLedger.Range cov : covered) {
                if (!cov.to().isAfter(start) || !cov.from().isBefore(r.to())) {
                    continue;
                }
                if (cov.from().isAfter(start)) {
                    out.add(new GapLedger.Range(start, cov.from()));
                }
                if (cov.to().isAfter(start)) {
                    start = cov.to();
                }
            }
            if (start.isBefore(r.to())) {
                out.add(new GapLedger.Range(start, r.to()));
            }
        }
        return out;
    }
}
