package io.basis.ingest.runtime;

import java.time.Instant;

/**
 * Receives a connection's text frames, complete (fragments already assembled), in arrival order, one at a time on
 * the connection's single dispatch thread. The next frame is not read from the socket before this returns, so a
 * slow handler slows the socket (back-pressure) instead of queueing without bound. A handler that throws has the
 * exception counted as a parse error of kind {@code handler-exception}; delivery continues.
 */
@FunctionalInterface
public interface FrameHandler {

    void frame(String text, Instant receivedAt);

    /**
     * Called on the dispatch thread right before the first frame of every new socket (the first connect, each
     * reconnect and each planned replacement). Continuity across sockets is not guaranteed, so stateful consumers
     * such as book sequencers resynchronise here.
     */
    default void sessionStarted(Instant firstFrameAt) {
    }
}
