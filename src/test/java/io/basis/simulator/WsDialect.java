package io.basis.simulator;

import java.util.List;

/**
 * The venue-specific part of the WebSocket simulator: how a connection URL and client messages translate into
 * subscriptions and replies, and how an event on a stream is framed for one connection. One instance serves all
 * connections, so implementations keep per-connection state in {@link SimConnection#subscriptions()} and
 * {@link SimConnection#attributes()}.
 *
 * <p>Threading: {@link #opened} and {@link #handle} run on the connection's I/O thread, in order for that
 * connection ({@code opened} first); {@link #frame} runs on the thread that publishes. Implementations must be
 * thread-safe across connections.
 */
public interface WsDialect {
    /** No venue behaviour: no replies, no subscriptions from URLs, events sent as they are. */
    WsDialect PLAIN = new WsDialect() {
        @Override
        public List<String> handle(SimConnection connection, String message) {
            return List.of();
        }

        @Override
        public String frame(SimConnection connection, String stream, String event) {
            return event;
        }
    };

    /** Called once a connection is open, before any of its messages; e.g. subscribes the streams named in the URL. */
    default void opened(SimConnection connection) {
    }

    /**
     * Handles one client message: updates subscriptions and returns the replies to send, in order. Replies are sent
     * only while {@link WsSimulator#autoReply(boolean) auto-reply} is on; subscriptions change either way.
     */
    List<String> handle(SimConnection connection, String message);

    /**
     * The frame that carries {@code event} of {@code stream} to a subscribed connection, or null when the venue would
     * not deliver it there (e.g. a stream on the wrong route).
     */
    String frame(SimConnection connection, String stream, String event);
}
