package io.basis.ingest.history;

import io.basis.model.EventType;
import io.basis.store.EventTables;
import io.basis.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Rows stored for one venue symbol and type in [from, to): counted before and after a backfill fetch, the
 * difference is the rows the backfill actually recovered - duplicates of live rows, and rows merged into existing
 * ones (funding, candles), add nothing. The figure assumes nothing else writes into the range meanwhile: true of a
 * ledger gap (it has ended, and a venue's jobs run one at a time by default), not quite of a manual range ending
 * now (live rows still in the writer's queue when counted first) or of two backfills of overlapping ranges at once
 * ({@code concurrency-per-venue} above 1, or {@code basis backfill} beside the service), where each counts the
 * other's rows too. Uses the table's natural-key index (instrument, ts). Thread-safe.
 */
final class RangeRowCounter {
    private final DataSource dataSource;

    RangeRowCounter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long count(String venue, String symbol, EventType type, Instant from, Instant to) {
        String sql = "SELECT count(*) FROM " + EventTables.of(type).table() + " t JOIN instrument i"
                + " ON i.id = t.instrument_id WHERE i.venue = ? AND i.venue_symbol = ? AND t.ts >= ? AND t.ts < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, venue);
            p.setString(2, symbol);
            p.setTimestamp(3, Timestamp.from(from));
            p.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
