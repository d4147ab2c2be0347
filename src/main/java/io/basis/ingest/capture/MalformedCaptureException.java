package io.basis.ingest.capture;

/**
 * A capture line that does not follow the format. The message reads {@code <source>:<line>: <reason>}, e.g.
 * {@code session.jsonl.gz:17: missing key "d"}.
 */
public final class MalformedCaptureException extends RuntimeException {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String reason;

    public MalformedCaptureException(String source, long line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** The file (or stream name) the line came from. */
    public String source() {
        return source;
    }

    /** The 1-based line number. */
    public long line() {
        return line;
    }

    /** What is wrong with the line, without source and line number. */
    public String reason() {
        return reason;
    }
}
