package io.basis.store;

import io.basis.model.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buffered write path into the gap ledger ({@code stream_gap}, see {@link GapLedger}): time ranges a stream
 * delivered nothing, and why. Recording the same gap again is a no-op (natural key venue + stream + symbol + type +
 * start + cause; a longer end extends the row while it is open). A runtime stream named {@code book:<symbol>} (a
 * sequence gap) is stored with its symbol and type {@code book-snapshot}. If the database is unreachable the gap is
 * kept in memory and written by the next {@link #flush()} (the ledger's summary refresh calls it every
 * {@code basis.gaps.summary-interval}), so a gap during a database outage is not lost; while gaps are held that way
 * {@link #record} only adds to them, so a connection reporting its gap does not wait out the database's connection
 * timeout again and again. A gap the database refuses for its content is logged and dropped instead of holding back
 * the ones after it.
 * Thread-safe.
 */
public final class StreamGaps {
    /** One recorded gap. */
    public record Gap(long id, String venue, String stream, Instant from, Instant to, String cause, String state) {
    }

    private record Pending(String venue, String stream, String symbol, String eventType, Instant from, Instant to,
                           String cause, Instant detectedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(StreamGaps.class);
    private static final String BOOK_PREFIX = "book:";

    private final DataSource dataSource;
    private final Clock clock;
    private final List<Pending> unwritten = new ArrayList<>();

    public StreamGaps(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A gap of a runtime stream (a connection name, or {@code book:<symbol>}). */
    public void record(String venue, String stream, Instant from, Instant to, String cause) {
        if (stream.startsWith(BOOK_PREFIX) && stream.length() > BOOK_PREFIX.length()) {
            record(venue, stream, stream.substring(BOOK_PREFIX.length()), EventType.BOOK_SNAPSHOT.id(), from, to,
                    cause);
        } else {
            record(venue, stream, null, null, from, to, cause);
        }
    }

    /** A gap of one instrument's data type ({@code symbol} and {@code eventType} null for a connection gap). */
    public void record(String venue, String stream, String symbol, String eventType, Instant from, Instant to,
                       String cause) {
        synchronized (unwritten) {
            boolean databaseDown = !unwritten.isEmpty();   // the last write failed
            unwritten.add(new Pending(venue, stream, symbol, eventType, from, to.isBefore(from) ? from : to, cause,
                    clock.instant()));
            if (databaseDown) {
                return;
            }
            try {
                writeAll();
            } catch (SQLException e) {
                // kept in memory; the next flush() writes it
            }
        }
    }

    /** Writes gaps that could not be written before; true when none is left. */
    public boolean flush() {
        synchronized (unwritten) {
            try {
                writeAll();
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
    }

    /**
     * At shutdown: writes what is held; if the database is still down, logs each gap it could not write, so the
     * ranges to check are on record (the next start-up measures its own downtime, not these).
     */
    public void close() {
        synchronized (unwritten) {
            if (flush()) {
                return;
            }
            log.warn("shutdown with the database unreachable: {} gap(s) not recorded in the ledger", unwritten.size());
            for (Pending g : unwritten) {
                log.warn("gap not recorded: {} {} {} {} [{}, {}) {}", g.venue(), g.stream(),
                        g.symbol() == null ? "-" : g.symbol(), g.eventType() == null ? "-" : g.eventType(), g.from(),
                        g.to(), g.cause());
            }
            unwritten.clear();
        }
    }

    public int unwritten() {
        synchronized (unwritten) {
            return unwritten.size();
        }
    }

    /** Gaps of a venue (all venues when null) that overlap [from, to), oldest first. */
    public List<Gap> list(String venue, Instant from, Instant to, int limit) {
        String sql = "SELECT id, venue, stream, gap_from, gap_to, cause, state FROM stream_gap"
                + " WHERE (?::text IS NULL OR venue = ?) AND gap_to >= ? AND gap_from < ? ORDER BY gap_from, id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, venue);
            p.setString(2, venue);
            p.setTimestamp(3, Timestamp.from(from));
            p.setTimestamp(4, Timestamp.from(to));
            p.setInt(5, limit);
            List<Gap> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Gap(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Writes every pending gap. A gap whose key row is already resolved (filled, unfillable, ignored, expanded) and
     * ends earlier cannot extend it: the part after its end is written as a row of its own (same cause, starting
     * there), so a second restart without new data since a filled downtime row still lists the new downtime. On
     * failure everything pending stays pending; writing it again changes nothing already written.
     */
    private void writeAll() throws SQLException {
        while (!unwritten.isEmpty()) {
            List<Pending> tails;
            try (Connection c = dataSource.getConnection()) {
                tails = write(c, unwritten);
            }
            unwritten.clear();
            unwritten.addAll(tails);
        }
    }

    /**
     * Writes the gaps one statement each (they are few; a multi-row upsert would fail as a whole on two pending gaps
     * with the same key); returns the parts past the end of a resolved row of the same key, still to write.
     */
    private static List<Pending> write(Connection c, List<Pending> gaps) throws SQLException {
        List<Pending> tails = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO stream_gap (venue, stream, symbol, event_type, gap_from, gap_to, cause, detected_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (venue, stream, coalesce(symbol, ''), coalesce(event_type, ''), gap_from,"
                        + " cause) DO UPDATE SET gap_to = greatest(stream_gap.gap_to, excluded.gap_to),"
                        + " updated_at = excluded.updated_at"
                        + " WHERE stream_gap.state = 'open' AND excluded.gap_to > stream_gap.gap_to")) {
            for (Pending g : gaps) {
                p.setString(1, g.venue());
                p.setString(2, g.stream());
                p.setString(3, g.symbol());
                p.setString(4, g.eventType());
                p.setTimestamp(5, Timestamp.from(g.from()));
                p.setTimestamp(6, Timestamp.from(g.to()));
                p.setString(7, g.cause());
                p.setTimestamp(8, Timestamp.from(g.detectedAt()));
                p.setTimestamp(9, Timestamp.from(g.detectedAt()));
                int written;
                try {
                    written = p.executeUpdate();
                } catch (SQLException e) {
                    if (!refusedContent(e)) {
                        throw e;
                    }
                    // not kept: it would be refused again on every write and hold back every gap recorded after it
                    log.error("gap not recorded, the database refuses it: {} {} [{}, {}) {}: {}", g.venue(),
                            g.stream(), g.from(), g.to(), g.cause(), e.getMessage());
                    continue;
                }
                Optional<Instant> end = written == 0 ? resolvedEnd(c, g) : Optional.empty();
                if (end.isPresent() && end.get().isBefore(g.to())) {
                    tails.add(new Pending(g.venue(), g.stream(), g.symbol(), g.eventType(), end.get(), g.to(),
                            g.cause(), g.detectedAt()));
                }
            }
        }
        return tails;
    }

    /** Data exception or integrity violation (SQLSTATE classes 22, 23): the row, not the database, is at fault. */
    private static boolean refusedContent(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The end of the resolved (not open) row with the gap's key, if there is one. */
    private static Optional<Instant> resolvedEnd(Connection c, Pending g) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT gap_to FROM stream_gap WHERE venue = ? AND stream = ?"
                + " AND coalesce(symbol, '') = coalesce(?, '') AND coalesce(event_type, '') = coalesce(?, '')"
                + " AND gap_from = ? AND cause = ? AND state <> 'open'")) {
            p.setString(1, g.venue());
            p.setString(2, g.stream());
            p.setString(3, g.symbol());
            p.setString(4, g.eventType());
            p.setTimestamp(5, Timestamp.from(g.from()));
            p.setString(6, g.cause());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }
}
