package io.basis.ingest.runtime;

import java.time.Instant;

/**
 * Receives the periods in which a stream delivered nothing because its socket was down: from the receive time of
 * the last frame of the socket that stopped to the receive time of the first frame of the socket that replaced it.
 * Storage (the gap table) is implemented outside the runtime.
 *
 * <p>Called on the connection's dispatch thread, in order with that connection's frames; implementations must be
 * thread-safe across connections and should not block for long (frame delivery waits meanwhile).
 */
@FunctionalInterface
public interface GapSink {
    /** Socket closed or failed (by the venue or the network). */
    String DISCONNECT = "disconnect";
    /** No message within the stale timeout; the runtime closed the socket. */
    String STALE = "stale";
    /** Replacement before the venue's maximum lifetime, or on request, that could not be made seamless. */
    String PLANNED_RECONNECT = "planned-reconnect";
    /** The venue closed the socket as a refusal (protocol, data, policy or size close code). */
    String REJECTED = "rejected";

    GapSink NONE = (venue, connection, from, to, cause) -> { };

    void streamGap(String venue, String connection, Instant from, Instant to, String cause);
}
