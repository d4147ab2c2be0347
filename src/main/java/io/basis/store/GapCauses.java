package io.basis.store;

import java.util.List;

/**
 * Why a range is missing: the {@code cause} of a {@code stream_gap} row. The first four are the connection runtime's
 * ({@code GapSink}) and keep its spelling; the venues' sequence checks use {@link #SEQUENCE_GAP}.
 */
public final class GapCauses {
    /** Socket closed or failed (by the venue or the network). */
    public static final String DISCONNECT = "disconnect";
    /** No message within the stale timeout; the runtime closed the socket. */
    public static final String STALE = "stale";
    /** Replacement before the venue's maximum lifetime that could not be made seamless. */
    public static final String PLANNED_RECONNECT = "planned-reconnect";
    /** The venue closed the socket as a refusal. */
    public static final String REJECTED = "rejected";
    /** A broken book sequence: the book was resynchronised, updates in between are lost. */
    public static final String SEQUENCE_GAP = "sequence-gap";
    /** Basis was not running: from a stream's newest stored event to the start-up. */
    public static final String PROCESS_DOWN = "process-down";
    /** The database was unreachable and the writer could not spool. */
    public static final String DATABASE_OUTAGE = "database-outage";
    /** A REST collection was paused by the venue's rate limit for longer than its interval. */
    public static final String RATE_LIMIT_PAUSE = "rate-limit-pause";
    /** Found by a periodic scan of stored data (missing candles, funding settlements, polls). */
    public static final String SCAN = "scan";

    public static final List<String> ALL = List.of(DISCONNECT, STALE, PLANNED_RECONNECT, REJECTED, SEQUENCE_GAP,
            PROCESS_DOWN, DATABASE_OUTAGE, RATE_LIMIT_PAUSE, SCAN);

    private GapCauses() {
    }
}
