package io.basis.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Backfill units already done: completed jobs of one data type and one symbol (what {@code basis backfill} queues
 * per unit) inside a range. A restarted command skips them, so an interrupted backfill resumes where it stopped
 * instead of fetching everything again. Read-only over the {@code backfill} table ({@link BackfillJobs} writes it).
 */
public final class CompletedBackfills {
    /** One unit: a type id, a venue symbol and a range. */
    public record Unit(String eventType, String symbol, Instant from, Instant to) {
    }

    private final DataSource dataSource;

    public CompletedBackfills(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Completed single-type, single-symbol jobs of the venue lying inside [from, to). */
    public Set<Unit> within(String venue, Instant from, Instant to) {
        String sql = "SELECT event_types[1], symbols[1], range_from, range_to FROM backfill"
                + " WHERE venue = ? AND state = ? AND range_from >= ? AND range_to <= ?"
                + " AND cardinality(event_types) = 1 AND cardinality(symbols) = 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, venue);
            p.setString(2, BackfillJobs.COMPLETED);
            p.setTimestamp(3, Timestamp.from(from));
            p.setTimestamp(4, Timestamp.from(to));
            Set<Unit> out = new HashSet<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Unit(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
