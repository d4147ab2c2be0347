package io.basis.store;

import io.basis.store.BackfillJobs.Job;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static io.basis.store.GapLedger.ts;

/** The SQL of {@link BackfillJobs}; values are always parameters. */
final class BackfillJobsSql {
    private static final String COLUMNS = "id, venue, range_from, range_to, event_types, symbols, origin, state,"
            + " requests_done, requests_total, rows_written, created_at, started_at, updated_at, finished_at, error";
    private static final String ACTIVE_KEY = "(venue, range_from, range_to, event_types, symbols)"
            + " WHERE state IN ('queued', 'running')";

    private final DataSource dataSource;
    private final Clock clock;

    BackfillJobsSql(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    BackfillJobs.Created create(String venue, Instant from, Instant to, Collection<String> eventTypes,
                                Collection<String> symbols, String origin) {
        String[] types = new TreeSet<>(eventTypes).toArray(String[]::new);
        String[] syms = new TreeSet<>(symbols).toArray(String[]::new);
        Timestamp now = ts(clock.instant());
        // Insert, or find the active twin; a twin finishing between the two statements makes the loop insert again.
        for (int attempt = 0; attempt < 3; attempt++) {
            List<Job> inserted = query("INSERT INTO backfill (venue, range_from, range_to, event_types, symbols,"
                    + " origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT " + ACTIVE_KEY
                    + " DO NOTHING RETURNING " + COLUMNS, p -> {
                p.setString(1, venue);
                p.setTimestamp(2, ts(from));
                p.setTimestamp(3, ts(to));
                p.setArray(4, p.getConnection().createArrayOf("text", types));
                p.setArray(5, p.getConnection().createArrayOf("text", syms));
                p.setString(6, origin);
                p.setTimestamp(7, now);
                p.setTimestamp(8, now);
            });
            if (!inserted.isEmpty()) {
                return new BackfillJobs.Created(inserted.getFirst(), false);
            }
            List<Job> existing = query("SELECT " + COLUMNS + " FROM backfill WHERE venue = ? AND range_from = ?"
                    + " AND range_to = ? AND event_types = ? AND symbols = ? AND state IN ('queued', 'running')", p -> {
                p.setString(1, venue);
                p.setTimestamp(2, ts(from));
                p.setTimestamp(3, ts(to));
                p.setArray(4, p.getConnection().createArrayOf("text", types));
                p.setArray(5, p.getConnection().createArrayOf("text", syms));
            });
            if (!existing.isEmpty()) {
                return new BackfillJobs.Created(existing.getFirst(), true);
            }
        }
        throw new IllegalStateException("backfill job for " + venue + " kept changing state while created");
    }

    boolean start(long id) {
        return update("UPDATE backfill SET state = 'running', started_at = ?, updated_at = ?"
                + " WHERE id = ? AND state = 'queued'", p -> {
            Timestamp now = ts(clock.instant());
            p.setTimestamp(1, now);
            p.setTimestamp(2, now);
            p.setLong(3, id);
        }) == 1;
    }

    void requestsTotal(long id, long total) {
        update("UPDATE backfill SET requests_total = ?, updated_at = ? WHERE id = ?", p -> {
            p.setLong(1, total);
            p.setTimestamp(2, ts(clock.instant()));
            p.setLong(3, id);
        });
    }

    void progress(long id, long requests, long rows) {
        update("UPDATE backfill SET requests_done = requests_done + ?, rows_written = rows_written + ?,"
                + " updated_at = ? WHERE id = ?", p -> {
            p.setLong(1, requests);
            p.setLong(2, rows);
            p.setTimestamp(3, ts(clock.instant()));
            p.setLong(4, id);
        });
    }

    boolean finish(long id, String state, String error) {
        return update("UPDATE backfill SET state = ?, error = ?, finished_at = ?, updated_at = ?"
                + " WHERE id = ? AND state IN ('queued', 'running')", p -> {
            Timestamp now = ts(clock.instant());
            p.setString(1, state);
            p.setString(2, error);
            p.setTimestamp(3, now);
            p.setTimestamp(4, now);
            p.setLong(5, id);
        }) == 1;
    }

    Optional<Job> get(long id) {
        return query("SELECT " + COLUMNS + " FROM backfill WHERE id = ?", p -> p.setLong(1, id)).stream().findFirst();
    }

    List<Job> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM backfill ORDER BY created_at DESC, id DESC LIMIT ?",
                p -> p.setInt(1, limit));
    }

    List<Job> notServedWithin(String venue, Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM backfill WHERE venue = ? AND state = 'completed'"
                + " AND range_from >= ? AND range_to <= ? AND starts_with(error, ?) ORDER BY range_from, id", p -> {
            p.setString(1, venue);
            p.setTimestamp(2, ts(from));
            p.setTimestamp(3, ts(to));
            p.setString(4, BackfillJobs.NOT_SERVED);
        });
    }

    List<Job> active() {
        return query("SELECT " + COLUMNS + " FROM backfill WHERE state IN ('queued', 'running') ORDER BY id",
                p -> { });
    }

    int recoverInterrupted(Duration cliAbandonedAfter) {
        return update("UPDATE backfill SET state = 'failed', error = 'interrupted by a restart', finished_at = ?,"
                + " updated_at = ? WHERE state IN ('queued', 'running') AND (origin <> ? OR updated_at < ?)", p -> {
            Instant now = clock.instant();
            p.setTimestamp(1, ts(now));
            p.setTimestamp(2, ts(now));
            p.setString(3, BackfillJobs.CLI);
            p.setTimestamp(4, ts(now.minus(cliAbandonedAfter)));
        });
    }

    long rowsWrittenTotal() {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT coalesce(sum(rows_written), 0) FROM backfill"); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static Job row(ResultSet rs) throws SQLException {
        return new Job(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                strings(rs.getArray(5)), strings(rs.getArray(6)), rs.getString(7), rs.getString(8), rs.getLong(9),
                rs.getLong(10), rs.getLong(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)), rs.getString(16));
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : List.copyOf(Arrays.asList((String[]) a.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private List<Job> query(String sql, GapLedgerSql.Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            List<Job> out = new ArrayList<>();
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

    private int update(String sql, GapLedgerSql.Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
