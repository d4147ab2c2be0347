package io.basis.store;

import io.basis.store.GapLedger.Gap;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.basis.store.GapLedger.ts;

/** The SQL of {@link GapLedger}; values are always parameters. */
final class GapLedgerSql {
    static final String COLUMNS = "id, venue, stream, symbol, event_type, gap_from, gap_to, cause, state,"
            + " state_reason, rows_recovered, parent_id, backfill_id, detected_at, updated_at";

    /**
     * Open + backfilling hours by venue and data type, a range counted once per stream when its rows overlap (a
     * start-up downtime row and a rate-limit pause of the same stream, say): rows of a stream are joined into islands
     * ({@code island} counts the rows that start after every earlier row of the stream ended) before summing.
     */
    private static final String UNRESOLVED_HOURS = "WITH g AS (SELECT venue, coalesce(event_type, 'connection') AS t,"
            + " coalesce(symbol, stream) AS s, gap_from, gap_to FROM stream_gap"
            + " WHERE state IN ('open', 'backfilling')),"
            + " o AS (SELECT g.*, max(gap_to) OVER (PARTITION BY venue, t, s ORDER BY gap_from, gap_to"
            + "  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM g),"
            + " i AS (SELECT o.*, sum(CASE WHEN prev_end > gap_from THEN 0 ELSE 1 END) OVER (PARTITION BY venue, t, s"
            + "  ORDER BY gap_from, gap_to ROWS UNBOUNDED PRECEDING) AS island FROM o)"
            + " SELECT venue, t, sum(extract(epoch FROM e - b)) / 3600.0 FROM (SELECT venue, t, s, island,"
            + " min(gap_from) AS b, max(gap_to) AS e FROM i GROUP BY venue, t, s, island) x"
            + " GROUP BY venue, t ORDER BY venue, t";

    private final DataSource dataSource;
    private final Clock clock;

    GapLedgerSql(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    Optional<Gap> get(long id) {
        List<Gap> found = query("SELECT " + COLUMNS + " FROM stream_gap WHERE id = ?", p -> p.setLong(1, id));
        return found.stream().findFirst();
    }

    List<Gap> list(GapLedger.Filter f) {
        String[] states = f.states() == null ? new String[0]
                : f.states().stream().map(GapState::id).toArray(String[]::new);
        String sql = "SELECT " + COLUMNS + " FROM stream_gap WHERE (?::text IS NULL OR venue = ?)"
                + " AND (?::text IS NULL OR symbol = ?) AND (?::text IS NULL OR event_type = ?)"
                + " AND (cardinality(?::text[]) = 0 OR state = ANY(?::text[]))"
                + " AND (?::timestamptz IS NULL OR gap_to > ?) AND (?::timestamptz IS NULL OR gap_from < ?)"
                + " ORDER BY gap_from DESC, id DESC LIMIT ?";
        return query(sql, p -> {
            int i = pair(p, 1, f.venue());
            i = pair(p, i, f.symbol());
            i = pair(p, i, f.eventType());
            java.sql.Array arr = p.getConnection().createArrayOf("text", states);
            p.setArray(i++, arr);
            p.setArray(i++, arr);
            p.setTimestamp(i++, ts(f.from()));
            p.setTimestamp(i++, ts(f.from()));
            p.setTimestamp(i++, ts(f.to()));
            p.setTimestamp(i++, ts(f.to()));
            p.setInt(i, Math.max(0, f.limit()));
        });
    }

    List<Gap> openAfter(String venue, Instant afterFrom, long afterId, int limit) {
        return query("SELECT " + COLUMNS + " FROM stream_gap WHERE state = 'open' AND venue = ?"
                + " AND symbol IS NOT NULL AND (gap_from, id) > (?, ?) ORDER BY gap_from, id LIMIT ?", p -> {
            p.setString(1, venue);
            p.setTimestamp(2, ts(afterFrom));
            p.setLong(3, afterId);
            p.setInt(4, limit);
        });
    }

    List<Gap> unexpanded(String venue, int limit) {
        return query("SELECT " + COLUMNS + " FROM stream_gap WHERE symbol IS NULL AND state = 'open'"
                + " AND (?::text IS NULL OR venue = ?) ORDER BY gap_from, id LIMIT ?", p -> {
            int i = pair(p, 1, venue);
            p.setInt(i, limit);
        });
    }

    List<Gap> expand(long parentId, Collection<GapLedger.StreamKey> streams) {
        Gap parent = get(parentId).orElseThrow(() -> new IllegalArgumentException("no gap " + parentId));
        if (!parent.connectionLevel()) {
            throw new IllegalArgumentException("gap " + parentId + " is not a connection-level gap");
        }
        if (streams.isEmpty()) {
            // expanded into nothing, the missing range would leave every open count and list unnoticed
            return children(parentId);
        }
        String[] symbols = streams.stream().map(GapLedger.StreamKey::symbol).toArray(String[]::new);
        String[] types = streams.stream().map(GapLedger.StreamKey::eventType).toArray(String[]::new);
        Timestamp now = ts(clock.instant());
        GapLedger.inTransaction(dataSource, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO stream_gap (venue, stream, symbol, event_type, gap_from, gap_to, cause, state,"
                            + " detected_at, updated_at, parent_id)"
                            + " SELECT g.venue, s.type || ':' || s.symbol, s.symbol, s.type, g.gap_from, g.gap_to,"
                            + " g.cause, 'open', g.detected_at, ?, g.id"
                            + " FROM stream_gap g, unnest(?::text[], ?::text[]) AS s(symbol, type) WHERE g.id = ?"
                            + " ON CONFLICT (venue, stream, coalesce(symbol, ''), coalesce(event_type, ''),"
                            + " gap_from, cause) DO NOTHING")) {
                p.setTimestamp(1, now);
                p.setArray(2, c.createArrayOf("text", symbols));
                p.setArray(3, c.createArrayOf("text", types));
                p.setLong(4, parentId);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE stream_gap SET state = 'expanded', updated_at = ? WHERE id = ? AND state = 'open'")) {
                p.setTimestamp(1, now);
                p.setLong(2, parentId);
                p.executeUpdate();
            }
        });
        return children(parentId);
    }

    private List<Gap> children(long parentId) {
        return query("SELECT " + COLUMNS + " FROM stream_gap WHERE parent_id = ? ORDER BY symbol, event_type",
                p -> p.setLong(1, parentId));
    }

    List<Gap> claim(GapLedger.Claim claim, Collection<Long> ids, long backfillId) {
        String where;
        if (ids != null) {
            where = "state = 'open' AND id = ANY(?::bigint[])";
        } else {
            where = "state = 'open' AND symbol IS NOT NULL AND (?::text IS NULL OR venue = ?)"
                    + " AND (cardinality(?::text[]) = 0 OR event_type = ANY(?::text[]))"
                    + " AND extract(epoch FROM gap_to - gap_from) >= ?"
                    + " AND extract(epoch FROM gap_to - gap_from) <= ?"
                    + " AND (?::timestamptz IS NULL OR gap_to > ?)";
        }
        String sql = "UPDATE stream_gap SET state = 'backfilling', backfill_id = ?, state_reason = NULL,"
                + " updated_at = ? WHERE id IN (SELECT id FROM stream_gap WHERE " + where
                + " ORDER BY gap_from, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
        List<Gap> claimed = query(sql, p -> {
            int i = 1;
            p.setLong(i++, backfillId);
            p.setTimestamp(i++, ts(clock.instant()));
            if (ids != null) {
                p.setArray(i++, p.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
                p.setInt(i, ids.size());
                return;
            }
            i = pair(p, i, claim.venue());
            java.sql.Array types = p.getConnection().createArrayOf("text",
                    claim.eventTypes() == null ? new String[0] : claim.eventTypes().toArray(String[]::new));
            p.setArray(i++, types);
            p.setArray(i++, types);
            p.setDouble(i++, claim.minLength() == null ? -1 : claim.minLength().toMillis() / 1000.0);
            p.setDouble(i++, claim.maxLength() == null ? Double.MAX_VALUE : claim.maxLength().toMillis() / 1000.0);
            p.setTimestamp(i++, ts(claim.endingAfter()));
            p.setTimestamp(i++, ts(claim.endingAfter()));
            p.setInt(i, claim.limit());
        });
        List<Gap> sorted = new ArrayList<>(claimed);
        sorted.sort(Comparator.comparing(Gap::from).thenComparingLong(Gap::id));
        return sorted;
    }

    boolean transition(long id, GapState to, String reason, Long rows) {
        String from = to == GapState.OPEN ? "state = 'backfilling'" : "state IN ('open', 'backfilling')";
        return update("UPDATE stream_gap SET state = ?, state_reason = ?, rows_recovered = coalesce(?, rows_recovered),"
                + " updated_at = ? WHERE id = ? AND " + from, p -> {
            p.setString(1, to.id());
            p.setString(2, reason);
            if (rows == null) {
                p.setNull(3, Types.BIGINT);
            } else {
                p.setLong(3, rows);
            }
            p.setTimestamp(4, ts(clock.instant()));
            p.setLong(5, id);
        }) == 1;
    }

    boolean annotate(long id, String reason) {
        return update("UPDATE stream_gap SET state_reason = ?, updated_at = ? WHERE id = ? AND state = 'open'"
                + " AND state_reason IS DISTINCT FROM ?", p -> {
            p.setString(1, reason);
            p.setTimestamp(2, ts(clock.instant()));
            p.setLong(3, id);
            p.setString(4, reason);
        }) == 1;
    }

    int releaseJob(long backfillId, String reason) {
        return releaseWhere("backfill_id = ?", p -> p.setLong(3, backfillId), reason);
    }

    /** Rows left backfilling by no job or by a job no longer queued or running. */
    int releaseOrphaned(String reason) {
        return releaseWhere("(backfill_id IS NULL OR NOT EXISTS (SELECT 1 FROM backfill b"
                + " WHERE b.id = stream_gap.backfill_id AND b.state IN ('queued', 'running')))", p -> { }, reason);
    }

    private int releaseWhere(String condition, Binder conditionValues, String reason) {
        return update("UPDATE stream_gap SET state = 'open', state_reason = ?, updated_at = ?"
                + " WHERE state = 'backfilling' AND " + condition, p -> {
            p.setString(1, reason);
            p.setTimestamp(2, ts(clock.instant()));
            conditionValues.bind(p);
        });
    }

    int recordScan(String venue, String symbol, String eventType, List<GapLedger.Range> missing,
                   GapLedger.Spacing spacing) {
        if (missing.isEmpty()) {
            return 0;
        }
        return GapScanMerge.merge(dataSource, clock, venue, symbol, eventType, missing, spacing);
    }

    GapLedger.Summary summary(Instant now) {
        Timestamp dayAgo = ts(now.minus(Duration.ofHours(24)));
        Timestamp at = ts(now);
        long open = 0, backfilling = 0, unfillable = 0, rows = 0, written = 0;
        double longestSeconds = 0;
        List<GapLedger.StreamHours> hours = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FILTER (WHERE state = 'open'),"
                    + " count(*) FILTER (WHERE state = 'backfilling'), count(*) FILTER (WHERE state = 'unfillable'),"
                    + " coalesce(sum(rows_recovered) FILTER (WHERE state = 'filled'), 0),"
                    + " coalesce(max(extract(epoch FROM least(gap_to, ?) - greatest(gap_from, ?)))"
                    + " FILTER (WHERE state IN ('open', 'backfilling') AND gap_to > ? AND gap_from < ?), 0)"
                    + " FROM stream_gap"); ResultSet rs = bind(p, at, dayAgo, dayAgo, at).executeQuery()) {
                rs.next();
                open = rs.getLong(1);
                backfilling = rs.getLong(2);
                unfillable = rs.getLong(3);
                rows = rs.getLong(4);
                longestSeconds = Math.max(0, rs.getDouble(5));
            }
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(sum(rows_written), 0) FROM backfill");
                 ResultSet rs = p.executeQuery()) {
                rs.next();
                written = rs.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement(UNRESOLVED_HOURS);
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    hours.add(new GapLedger.StreamHours(rs.getString(1), rs.getString(2), rs.getDouble(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return new GapLedger.Summary(now, open, backfilling, unfillable, rows, written, List.copyOf(hours),
                Duration.ofMillis(Math.round(longestSeconds * 1000)));
    }

    private static PreparedStatement bind(PreparedStatement p, Timestamp... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            p.setTimestamp(i + 1, values[i]);
        }
        return p;
    }

    static Gap row(ResultSet rs) throws SQLException {
        long parent = rs.getLong(12);
        Long parentId = rs.wasNull() ? null : parent;
        long job = rs.getLong(13);
        Long backfillId = rs.wasNull() ? null : job;
        return new Gap(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8),
                GapState.fromId(rs.getString(9)).orElseThrow(), rs.getString(10), rs.getLong(11), parentId,
                backfillId, rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant());
    }

    private static int pair(PreparedStatement p, int i, String value) throws SQLException {
        p.setString(i, value);
        p.setString(i + 1, value);
        return i + 2;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private List<Gap> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            List<Gap> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
