package io.basis.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.basis.store.GapLedger.ts;

/**
 * What gap detection reads from stored data: the stream watermarks (start-up downtime) and holes between stored
 * rows (periodic scans). A hole is found with {@code lead(ts)} over one instrument's rows in the window, so only
 * ranges between two stored rows count - never before the first or after the newest, which the start-up check and
 * the runtime cover - and consecutive missing intervals come out as one range. Each scan is one index-ordered pass
 * over the window's partitions. Thread-safe.
 */
public final class GapDetectionQueries {
    /** One stream's watermark: newest venue time and newest receive time. */
    public record Watermark(String venue, String symbol, String eventType, Instant newestTs,
                            Instant newestReceivedAt) {
    }

    /** Missing [from, to) of one stream, and when its rows are due there. */
    public record Hole(String venue, String symbol, String eventType, Instant from, Instant to,
                       GapLedger.Spacing spacing) {
    }

    /** An open-interest row received within this of its venue time was polled live, not fetched by a backfill. */
    static final Duration POLLED_WITHIN = Duration.ofMinutes(10);

    /** {@code m}: per instrument of {@code s} (instrument_id, ts, next), the median spacing of its rows in seconds. */
    private static final String MEDIAN_SPACING = " m AS (SELECT instrument_id, percentile_cont(0.5) WITHIN GROUP"
            + " (ORDER BY extract(epoch FROM next - ts)::float8) AS median FROM s WHERE next IS NOT NULL"
            + " GROUP BY instrument_id)";

    private final DataSource dataSource;

    public GapDetectionQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The watermarks of the venues' streams. */
    public List<Watermark> watermarks(Collection<String> venues) {
        List<Watermark> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT i.venue, i.venue_symbol, w.event_type, w.newest_ts, w.newest_received_at"
                        + " FROM stream_watermark w JOIN instrument i ON i.id = w.instrument_id"
                        + " WHERE i.venue = ANY(?::text[]) ORDER BY 1, 2, 3")) {
            p.setArray(1, c.createArrayOf("text", venues.toArray(String[]::new)));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Watermark(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /**
     * A backfill job's reach: rows of these types and symbols (empty: all) of the venue with venue times in
     * [from, to) may have been stored by it rather than by live collection.
     */
    public record BackfillReach(String venue, Instant from, Instant to, List<String> eventTypes,
                                List<String> symbols) {
        public boolean covers(Watermark w) {
            return venue.equals(w.venue()) && !w.newestTs().isBefore(from) && w.newestTs().isBefore(to)
                    && (eventTypes.isEmpty() || eventTypes.contains(w.eventType()))
                    && (symbols.isEmpty() || symbols.contains(w.symbol()));
        }
    }

    /** The backfill jobs of the venues (any state) whose range ends after {@code after}. */
    public List<BackfillReach> backfillsEndingAfter(Collection<String> venues, Instant after) {
        List<BackfillReach> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT venue, range_from, range_to, event_types, symbols FROM backfill"
                        + " WHERE venue = ANY(?::text[]) AND range_to > ?")) {
            p.setArray(1, c.createArrayOf("text", venues.toArray(String[]::new)));
            p.setTimestamp(2, ts(after));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new BackfillReach(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), List.of((String[]) rs.getArray(4).getArray()),
                            List.of((String[]) rs.getArray(5).getArray())));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /** Candles missing between stored candles of the same instrument and interval (any interval). */
    public List<Hole> candleHoles(Collection<String> venues, Instant from, Instant to) {
        return holes("candle", "SELECT instrument_id, ts, lead(ts) OVER (PARTITION BY instrument_id, interval_s"
                + " ORDER BY ts) AS next, make_interval(secs => interval_s) AS step FROM candle"
                + " WHERE ts >= ? AND ts < ?", venues, from, to);
    }

    /**
     * Funding settlements missing between stored ones; a gap counts when the next settlement is more than 1.5 steps
     * later. The step is the shorter of the row's funding interval ({@code interval_s}, 8 h when the venue does not
     * say) and the median spacing of the instrument's rows in the window: Deribit stores a perpetual's funding per
     * hour but with the rate's 8-hour normalisation as its interval, so the interval alone would hide up to 11
     * missing hours, and a Binance symbol on 4-hour funding has live rows without an interval. A symbol whose
     * interval was shortened inside the window can show its older, longer periods as holes; backfilling them stores
     * nothing new and fills them.
     */
    public List<Hole> fundingHoles(Collection<String> venues, Instant from, Instant to) {
        return holes("funding-rate", "WITH s AS (SELECT instrument_id, ts, lead(ts) OVER (PARTITION BY instrument_id"
                + " ORDER BY ts) AS next, coalesce(interval_s, 28800) AS interval_s FROM funding_rate"
                + " WHERE ts >= ? AND ts < ?)," + MEDIAN_SPACING
                + " SELECT s.instrument_id, s.ts, s.next, make_interval(secs => least(s.interval_s, m.median)) AS step"
                + " FROM s JOIN m USING (instrument_id)", venues, from, to, 1.5, false);
    }

    /**
     * Open-interest polls missing: the poll interval of an instrument is the median spacing of its polled rows in the
     * window; a spacing above twice that after a polled row is a hole from one interval after it to the next row.
     * Rows a backfill stored (received more than {@link #POLLED_WITHIN} after their venue time) are left out as
     * earlier rows and from the median: history comes in coarser periods than the live poll (Binance: 5 min against
     * 1 min), so every period of history stored before an instrument's live polls began would read as a hole.
     */
    public List<Hole> openInterestHoles(Collection<String> venues, Instant from, Instant to) {
        return holes("open-interest", "WITH s AS (SELECT instrument_id, ts, lead(ts) OVER (PARTITION BY instrument_id"
                + " ORDER BY ts) AS next, received_at - ts <= make_interval(secs => " + POLLED_WITHIN.toSeconds()
                + ") AS polled FROM open_interest WHERE ts >= ? AND ts < ?),"
                + " m AS (SELECT instrument_id, percentile_cont(0.5) WITHIN GROUP"
                + " (ORDER BY extract(epoch FROM next - ts)::float8) AS median FROM s WHERE next IS NOT NULL AND polled"
                + " GROUP BY instrument_id)"
                + " SELECT s.instrument_id, s.ts, s.next, make_interval(secs => m.median) AS step"
                + " FROM s JOIN m USING (instrument_id) WHERE s.polled", venues, from, to, 2.0, true);
    }

    private List<Hole> holes(String type, String rows, Collection<String> venues, Instant from, Instant to) {
        return holes(type, rows, venues, from, to, 1.0, false);
    }

    /**
     * {@code rows} yields (instrument_id, ts, next, step) for the window; a hole is [ts + step, next) where
     * next - ts exceeds {@code factor} x step.
     */
    private List<Hole> holes(String type, String rows, Collection<String> venues, Instant from, Instant to,
                             double factor, boolean polled) {
        String sql = "SELECT i.venue, i.venue_symbol, r.ts + r.step, r.next, extract(epoch FROM r.step)::float8"
                + " FROM (" + rows + ") r"
                + " JOIN instrument i ON i.id = r.instrument_id WHERE i.venue = ANY(?::text[])"
                + " AND r.next IS NOT NULL AND r.step > interval '0' AND r.next - r.ts > r.step * ?"
                + " ORDER BY 1, 2, 3";
        List<Hole> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setTimestamp(1, ts(from));
            p.setTimestamp(2, ts(to));
            p.setArray(3, c.createArrayOf("text", venues.toArray(String[]::new)));
            p.setDouble(4, factor);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Hole(rs.getString(1), rs.getString(2), type, rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), new GapLedger.Spacing(
                                    Duration.ofNanos(Math.round(rs.getDouble(5) * 1e9)), polled)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }
}
