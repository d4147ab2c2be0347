package io.basis.venue.deribit;

/**
 * A well-formed Deribit JSON-RPC reply carrying {@code error:{code,message[,data]}} instead of a {@code result}
 * (reference §1: REST answers many errors with HTTP 200, so the body must be checked). Not a malformed body: the
 * venue refused the request.
 *
 * <p>{@link #isRateLimited()} flags {@code 10028 too_many_requests} (reference §2): the session is terminated by the
 * venue and the caller must back off until credits refill.
 */
public class DeribitApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Deribit's {@code too_many_requests} error code. */
    public static final int TOO_MANY_REQUESTS = 10028;

    private final String method;
    private final int code;
    private final String venueMessage;
    private final String reason;

    /**
     * @param method       the method whose reply it was (for the message only)
     * @param code         {@code error.code}
     * @param venueMessage {@code error.message} ({@code ""} when absent)
     * @param reason       {@code error.data.reason} when sent (e.g. for {@code -32602 Invalid params}), else null
     */
    public DeribitApiException(String method, int code, String venueMessage, String reason) {
        super(method + ": Deribit error " + code + " " + venueMessage + (reason == null ? "" : " (" + reason + ")"));
        this.method = method;
        this.code = code;
        this.venueMessage = venueMessage;
        this.reason = reason;
    }

    /** The refusal {@code cause} with its code and venue message, described by {@code message}. */
    protected DeribitApiException(String message, DeribitApiException cause) {
        super(message, cause);
        this.method = cause.method;
        this.code = cause.code;
        this.venueMessage = cause.venueMessage;
        this.reason = cause.reason;
    }

    public String method() {
        return method;
    }

    public int code() {
        return code;
    }

    public String venueMessage() {
        return venueMessage;
    }

    /** {@code error.data.reason}, or null. */
    public String reason() {
        return reason;
    }

    public boolean isRateLimited() {
        return code == TOO_MANY_REQUESTS;
    }
}
