package io.basis.ingest.runtime;

/**
 * Where a {@link StreamConnection} is in its life. {@code CONNECTING → SUBSCRIBING → LIVE}; a lost socket goes to
 * {@code RECONNECTING} (waiting out the backoff) and then {@code CONNECTING} again; {@code STOPPED} is final.
 * {@code LIVE} means the subscriptions went out on an open socket. A planned make-before-break replacement keeps
 * the connection {@code LIVE} throughout.
 */
public enum ConnectionState {
    CONNECTING, SUBSCRIBING, LIVE, RECONNECTING, STOPPED;

    /** Lower-case name used as a metric label. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
