package io.basis.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * The state of a {@code stream_gap} row. {@code OPEN -> BACKFILLING -> FILLED | UNFILLABLE}, or back to
 * {@code OPEN} when a backfill fails, stops or crashes. {@code IGNORED}: data no venue serves history of (order
 * books, option tickers) - listed, never backfilled. {@code EXPANDED}: a connection-level row whose per-stream
 * children carry the work. The last four are terminal.
 */
public enum GapState {
    OPEN("open"), BACKFILLING("backfilling"), FILLED("filled"), UNFILLABLE("unfillable"), IGNORED("ignored"),
    EXPANDED("expanded");

    private final String id;

    GapState(String id) {
        this.id = id;
    }

    /** The stored (and API) spelling. */
    public String id() {
        return id;
    }

    /** Still missing and still to be worked on: open or backfilling. */
    public boolean unresolved() {
        return this == OPEN || this == BACKFILLING;
    }

    public static Optional<GapState> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
