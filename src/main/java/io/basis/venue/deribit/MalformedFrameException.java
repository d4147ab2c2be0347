package io.basis.venue.deribit;

/**
 * A Deribit frame or response body that is not valid JSON, or lacks (or mistypes) a field its message requires.
 *
 * <p>Unchecked: the runtime catches it per frame and counts it by {@link #reason()}, which is short and stable (no
 * payload in it) so it can serve as the counting key.
 */
public class MalformedFrameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public MalformedFrameException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public MalformedFrameException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** What is wrong, e.g. {@code trades: field 'price' missing or invalid}. */
    public String reason() {
        return reason;
    }
}
