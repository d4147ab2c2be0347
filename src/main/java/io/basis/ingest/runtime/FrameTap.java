package io.basis.ingest.runtime;

import java.time.Instant;

/**
 * Sees every frame a {@link StreamConnection} exchanges, for recording captures ({@code basis record}).
 *
 * <p>{@code IN} frames are tapped on the connection's dispatch thread in delivery order, exactly the frames the
 * {@link FrameHandler} and the heartbeat saw (frames of a replacement socket dropped during a make-before-break
 * overlap are not tapped). {@code OUT} frames are tapped by the socket's sender thread after the send completed;
 * {@code OPEN}/{@code CLOSE} by whichever thread observed them ({@code text} is empty on open and the close cause
 * on close). Implementations must be thread-safe and fast.
 */
@FunctionalInterface
public interface FrameTap {

    enum Direction { IN, OUT, OPEN, CLOSE }

    FrameTap NONE = (url, direction, text, at) -> { };

    void frame(String connectionUrl, Direction direction, String text, Instant at);

    /**
     * One REST exchange of a {@link VenueRestClient}, tapped on the calling thread after it ended: the full request
     * URL, when it was sent, the HTTP status and body ({@code status} null and {@code body} the cause when no
     * response came). Headers are never tapped, so credentials never reach a capture.
     */
    default void restExchange(String url, Instant sentAt, Integer status, String body, Instant at) {
    }
}
