package io.basis.venue;

/**
 * A venue frame or response body that is not valid JSON, or lacks (or mistypes) a field its message type requires.
 * Shared by every venue's parser.
 *
 * <p>Unchecked: the runtime catches it per frame, counts it by {@link #reason()} and logs one sample per reason, so
 * a single bad frame never stops a stream. The reason is short and stable (no payload in it) so it can serve as the
 * counting key; the offending frame is the caller's to sample.
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

    /** What is wrong, e.g. {@code aggTrade: field 'p' missing or invalid}. */
    public String reason() {
        return reason;
    }
}
