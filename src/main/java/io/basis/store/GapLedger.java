package io.basis.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gap ledger ({@code stream_gap}): one row per missing range per stream, its cause ({@link GapCauses}) and its
 * state through backfill ({@link GapState}).
 *
 * <p>Rows are written by the connection runtime (through {@link StreamGaps}, buffered in memory while the database
 * is down), by the start-up downtime check, by rate-limit pauses and by scans of stored data. A connection-level row
 * (symbol and type null) is {@link #expand expanded} by whoever knows the streams it carried into per-(symbol, type)
 * rows. The backfiller {@link #claim claims} open rows (atomically, {@code FOR UPDATE SKIP LOCKED}, so concurrent
 * claimers never get the same row), then marks each filled, unfillable or ignored, or releases it back to open.
 * An open row the automatic backfill leaves alone is {@link #annotate annotated} with the reason.
 * {@link #recoverInterrupted()} reopens rows a crash left backfilling.
 *
 * <p>Instrument-level rows use the stream name {@code <event type>:<symbol>}. Every method is thread-safe and runs
 * in its own transaction; {@link #summary()} never touches the database (the cached result of the last
 * {@link #refreshSummary()}), so /health and /metrics answer during an outage.
 */
public final class GapLedger {
    /** One ledger row. {@code symbol}/{@code eventType} are null for a connection-level row. */
    public record Gap(long id, String venue, String stream, String symbol, String eventType, Instant from,
                      Instant to, String cause, GapState state, String stateReason, long rowsRecovered,
                      Long parentId, Long backfillId, Instant detectedAt, Instant updatedAt) {
        public Duration length() {
            return Duration.between(from, to);
        }

        /** A whole connection's gap, not yet (or never) split into streams. */
        public boolean connectionLevel() {
            return symbol == null;
        }
    }

    /** One stream of a venue: venue symbol x event type id. */
    public record StreamKey(String symbol, String eventType) {
    }

    /** A half-open time range [from, to). */
    public record Range(Instant from, Instant to) {
    }

    /**
     * When a stream's rows are due: every {@code step}, either at fixed instants (candle open times, funding
     * settlements: a hole's start and every step after it) or whenever polled ({@code polled}: open interest; the
     * schedule restarts with every start, so only a whole step without a row is missing).
     */
    public record Spacing(Duration step, boolean polled) {
        /** Whether a row was due in {@code part} of a hole that starts at {@code holeFrom}. */
        public boolean dueIn(Instant holeFrom, Range part) {
            long stepNanos = step.toNanos();
            if (stepNanos <= 0) {
                return true;
            }
            if (polled) {
                return Duration.between(part.from(), part.to()).compareTo(step) >= 0;
            }
            if (part.from().isBefore(holeFrom)) {
                return true;
            }
            long k = Math.ceilDiv(Duration.between(holeFrom, part.from()).toNanos(), stepNanos);
            return holeFrom.plusNanos(k * stepNanos).isBefore(part.to());
        }
    }

    /**
     * API filter; every field may be null (any). {@code from}/{@code to}: rows overlapping [from, to).
     * {@code states} empty = any state. Ordered newest first.
     */
    public record Filter(String venue, String symbol, String eventType, Set<GapState> states, Instant from,
                         Instant to, int limit) {
        public static Filter all(int limit) {
            return new Filter(null, null, null, Set.of(), null, null, limit);
        }
    }

    /**
     * Which open instrument-level rows a backfill claims: of a venue (null: any), of these event types (empty: any),
     * at least {@code minLength} and at most {@code maxLength} long (null: unbounded), ending after
     * {@code endingAfter} (null: any), oldest first, at most {@code limit}.
     */
    public record Claim(String venue, Set<String> eventTypes, Duration minLength, Duration maxLength,
                        Instant endingAfter, int limit) {
    }

    /** Unresolved (open + backfilling) hours of one venue and data type ({@code connection} for unexpanded rows). */
    public record StreamHours(String venue, String stream, double hours) {
    }

    /**
     * Ledger totals at {@code at}.
     *
     * @param open                 rows open (leaf rows: expanded connection rows excluded)
     * @param backfilling          rows being backfilled
     * @param unfillable           rows a venue cannot fill any more
     * @param rowsRecovered        rows written by backfills into filled gaps, all time
     * @param backfillRowsWritten  rows written by all backfill jobs, all time
     * @param unresolvedHours      open + backfilling hours by venue and data type (bounded: venues x types)
     * @param longestUnresolved24h the longest open or backfilling range overlapping the last 24 h, clipped to
     *                             them; zero when none
     */
    public record Summary(Instant at, long open, long backfilling, long unfillable, long rowsRecovered,
                          long backfillRowsWritten, List<StreamHours> unresolvedHours,
                          Duration longestUnresolved24h) {
        public static Summary empty(Instant at) {
            return new Summary(at, 0, 0, 0, 0, 0, List.of(), Duration.ZERO);
        }
    }

    private final DataSource dataSource;
    private final StreamGaps writes;
    private final Clock clock;
    private final GapLedgerSql sql;
    private volatile Summary summary;

    public GapLedger(DataSource dataSource, StreamGaps writes, Clock clock) {
        this.dataSource = dataSource;
        this.writes = writes;
        this.clock = clock;
        this.sql = new GapLedgerSql(dataSource, clock);
        this.summary = Summary.empty(clock.instant());
    }

    /** The stream name of an instrument-level row. */
    public static String streamName(String symbol, String eventType) {
        return eventType + ":" + symbol;
    }

    // ---- recording ----

    /** Records a runtime (connection or {@code book:<symbol>}) gap; buffered while the database is down. */
    public void record(String venue, String stream, Instant from, Instant to, String cause) {
        writes.record(venue, stream, from, to, cause);
    }

    /** Records a gap of one instrument's data type; idempotent (a longer end extends an open row). Buffered. */
    public void record(String venue, String symbol, String eventType, Instant from, Instant to, String cause) {
        writes.record(venue, streamName(symbol, eventType), symbol, eventType, from, to, cause);
    }

    /** Writes buffered gaps; true when none is left. */
    public boolean flush() {
        return writes.flush();
    }

    /**
     * Records ranges a scan found missing in one stream, merged with the ledger: parts already covered by a row of
     * the same stream (any state) or by a connection-level row of the venue are dropped; a remaining part that
     * starts where an open {@code scan} row of the stream ends extends that row; the rest become new {@code scan}
     * rows. Rescanning the same holes therefore changes nothing.
     *
     * @param spacing when the stream's rows are due; a remaining part in which none was due is dropped (e.g. the
     *                seconds between the end of a start-up downtime row and the first candle or poll after it);
     *                null: every remaining part is kept
     * @return the rows inserted or extended
     */
    public int recordScan(String venue, String symbol, String eventType, List<Range> missing, Spacing spacing) {
        return sql.recordScan(venue, symbol, eventType, missing, spacing);
    }

    /**
     * Splits a connection-level gap into one open row per stream it carried (same range and cause, parent_id set)
     * and sets the connection row to {@code expanded}. Idempotent: streams already expanded are kept. No streams:
     * the row stays as it is (open), so the range stays listed and counted.
     *
     * @return the children of the row (all of them, also those made earlier)
     * @throws IllegalArgumentException when the row does not exist or is not connection-level
     */
    public List<Gap> expand(long connectionGapId, Collection<StreamKey> streams) {
        return sql.expand(connectionGapId, streams);
    }

    // ---- reading ----

    public Optional<Gap> get(long id) {
        return sql.get(id);
    }

    /** Rows matching the filter, newest start first. */
    public List<Gap> list(Filter filter) {
        return sql.list(filter);
    }

    /**
     * The venue's open per-stream rows after {@code after} (null: from the oldest), oldest first, at most
     * {@code limit}: pass the last row of one page to get the next, so every open row can be read.
     */
    public List<Gap> openStreamGaps(String venue, Gap after, int limit) {
        return after == null ? sql.openAfter(venue, Instant.EPOCH, 0, limit)
                : sql.openAfter(venue, after.from(), after.id(), limit);
    }

    /** Connection-level rows still open (not yet expanded), oldest first. */
    public List<Gap> unexpanded(String venue, int limit) {
        return sql.unexpanded(venue, limit);
    }

    // ---- backfill transitions ----

    /** Atomically moves the matching open rows to {@code backfilling} for the job; returns what it claimed. */
    public List<Gap> claim(Claim claim, long backfillId) {
        return sql.claim(claim, null, backfillId);
    }

    /** Claims these rows if they are open (rows taken by another claimer are skipped). */
    public List<Gap> claim(Collection<Long> ids, long backfillId) {
        return ids.isEmpty() ? List.of() : sql.claim(null, ids, backfillId);
    }

    /** Open or backfilling → filled with the rows the backfill wrote; false when the row was in another state. */
    public boolean markFilled(long id, long rowsRecovered) {
        return sql.transition(id, GapState.FILLED, null, rowsRecovered);
    }

    /** Open or backfilling → unfillable with the reason (e.g. "older than the venue's 30-day trade history"). */
    public boolean markUnfillable(long id, String reason) {
        return sql.transition(id, GapState.UNFILLABLE, reason, null);
    }

    /**
     * Open or backfilling → unfillable with the reason and the rows a backfill still recovered of it (a gap the venue
     * served only part of: the part it still serves was fetched).
     */
    public boolean markUnfillable(long id, String reason, long rowsRecovered) {
        return sql.transition(id, GapState.UNFILLABLE, reason, rowsRecovered);
    }

    /**
     * Sets the reason of an open row without changing its state or claiming it - why the automatic backfill leaves
     * it (e.g. longer than its maximum: needs a manual backfill); a manual job can still claim it. False when the
     * row is not open or already has this reason.
     */
    public boolean annotate(long id, String reason) {
        return sql.annotate(id, reason);
    }

    /** Open or backfilling → ignored with the reason (a data type no venue serves history of). */
    public boolean markIgnored(long id, String reason) {
        return sql.transition(id, GapState.IGNORED, reason, null);
    }

    /** Backfilling → open (failure or shutdown), keeping the job id for reference. */
    public boolean release(long id, String reason) {
        return sql.transition(id, GapState.OPEN, reason, null);
    }

    /** Every row the job still holds → open; returns how many. */
    public int releaseJob(long backfillId, String reason) {
        return sql.releaseJob(backfillId, reason);
    }

    /**
     * At start-up, after {@link BackfillJobs#recoverInterrupted()}: every row left backfilling by a job that is no
     * longer queued or running (or by none) → open; returns how many. Rows of a job still active - a
     * {@code basis backfill} running beside the starting service - stay with it.
     */
    public int recoverInterrupted() {
        return sql.releaseOrphaned("backfill interrupted by a restart");
    }

    // ---- totals ----

    /** The totals of the last {@link #refreshSummary()}; never touches the database. */
    public Summary summary() {
        return summary;
    }

    /** Recomputes the totals now (one query); keeps the previous ones if the database is unreachable. */
    public Summary refreshSummary() {
        try {
            summary = sql.summary(clock.instant());
        } catch (StoreException e) {
            // keep the last known totals
        }
        return summary;
    }

    DataSource dataSource() {
        return dataSource;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static void inTransaction(DataSource ds, SqlWork work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @FunctionalInterface
    interface SqlWork {
        void run(Connection c) throws SQLException;
    }
}
