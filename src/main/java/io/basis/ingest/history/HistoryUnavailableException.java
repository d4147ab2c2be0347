package io.basis.ingest.history;

/**
 * The venue does not serve what was asked and never will: a range older than its history window, a type it has no
 * history endpoint for, or a symbol it refuses (delisted). The gap becomes {@code unfillable} with
 * {@link #getMessage()} as the reason. Anything else that fails (I/O, 5xx, rate limits after retries) is transient
 * and thrown as it is.
 */
public class HistoryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public HistoryUnavailableException(String reason) {
        super(reason);
    }

    public HistoryUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
