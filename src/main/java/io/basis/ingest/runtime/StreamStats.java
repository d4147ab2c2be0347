package io.basis.ingest.runtime;

import io.basis.ingest.CollectionStatistics;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one stream connection. The connection runtime updates them; connectors report malformed
 * frames through {@link #parseError}. Thread-safe; counters only grow.
 */
public final class StreamStats {
    private final String venue;
    private final String stream;
    private final ConnectionRegistry registry;
    private final CollectionStatistics collection;
    private final DistinctErrorLog errorLog;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong parseErrors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile String url;
    private volatile Instant lastMessageAt;
    private volatile Instant connectedSince;

    StreamStats(String venue, String stream, ConnectionRegistry registry, CollectionStatistics collection,
                DistinctErrorLog errorLog) {
        this.venue = venue;
        this.stream = stream;
        this.registry = registry;
        this.collection = collection;
        this.errorLog = errorLog;
    }

    /**
     * A frame (or part of one) the connector could not use: counted always, logged once per kind with a
     * truncated sample, and reported to {@link CollectionStatistics#error}.
     *
     * @param kind a small fixed vocabulary per venue, e.g. {@code bad-json}, {@code unknown-channel}
     */
    public void parseError(String kind, String sample) {
        parseError(kind, sample, null);
    }

    public void parseError(String kind, String sample, Throwable error) {
        parseErrors.incrementAndGet();
        collection.error(venue);
        errorLog.record(venue + "/" + stream, kind, sample, error);
    }

    void state(ConnectionState newState) {
        ConnectionState old = state;
        state = newState;
        if (old != newState) {
            registry.stateChanged(venue);
        }
    }

    void message(int size, Instant at) {
        messages.incrementAndGet();
        bytes.addAndGet(size);
        lastMessageAt = at;
    }

    void connected(URI uri, Instant at) {
        url = uri.toString();
        connectedSince = at;
        collection.collectionSucceeded(venue, 0);
    }

    void connectFailed() {
        collection.collectionFailed(venue);
    }

    void disconnected() {
        connectedSince = null;
    }

    void reconnected() {
        reconnects.incrementAndGet();
    }

    void gap() {
        gaps.incrementAndGet();
    }

    public String venue() { return venue; }
    public String stream() { return stream; }
    public ConnectionState state() { return state; }
    public long messages() { return messages.get(); }
    public long bytes() { return bytes.get(); }
    public long parseErrors() { return parseErrors.get(); }
    public long reconnects() { return reconnects.get(); }
    public long gaps() { return gaps.get(); }
    public Instant lastMessageAt() { return lastMessageAt; }

    /** Seconds since the last message at {@code now}; NaN if none yet. */
    double lastMessageAgeSeconds(Instant now) {
        Instant last = lastMessageAt;
        return last == null ? Double.NaN : Duration.between(last, now).toMillis() / 1000.0;
    }

    public StreamSnapshot snapshot(Instant now) {
        Instant last = lastMessageAt;
        return new StreamSnapshot(venue, stream, state, url, messages.get(), bytes.get(), parseErrors.get(),
                reconnects.get(), gaps.get(), last, last == null ? null : Duration.between(last, now),
                connectedSince);
    }
}
