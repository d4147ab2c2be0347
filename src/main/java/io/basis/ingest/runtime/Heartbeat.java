package io.basis.ingest.runtime;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A venue's application-level keep-alive, plugged into a {@link StreamConnection}. WebSocket protocol pings from the
 * server need nothing here: the JDK client answers them with pongs itself.
 *
 * <p>Implementations hold no per-socket state (the connection tracks the times passed in), so one instance may
 * serve many connections and reconnects. {@link #due} is called on the connection's control thread;
 * {@link #replyTo} and {@link #consumes} on its dispatch thread. Messages returned are sent through the socket's
 * rate-limited sender like any other outgoing message.
 */
public interface Heartbeat {

    /** Sent on every new socket before the subscriptions, e.g. Deribit {@code public/set_heartbeat}. */
    default List<String> onOpen() {
        return List.of();
    }

    /** How often the control thread asks {@link #due}; {@code null} when the heartbeat never sends on its own. */
    default Duration checkEvery() {
        return null;
    }

    /**
     * A keep-alive message to send now, or {@code null}.
     *
     * @param sinceInbound time since the socket last received a message (or since it opened)
     * @param sincePing    time since this heartbeat last sent a message on the socket (or since it opened)
     */
    default String due(Duration sinceInbound, Duration sincePing) {
        return null;
    }

    /** The reply the venue demands for {@code frame} (e.g. Deribit {@code test_request}), or {@code null}. */
    default String replyTo(String frame) {
        return null;
    }

    /** Whether {@code frame} is keep-alive traffic the frame handler need not see (e.g. OKX {@code pong}). */
    default boolean consumes(String frame) {
        return false;
    }

    /** No application-level heartbeat (e.g. Binance: only protocol pings, answered by the JDK). */
    static Heartbeat none() {
        return new Heartbeat() { };
    }

    /**
     * Sends {@code message} every {@code interval} regardless of traffic (e.g. Bybit {@code {"op":"ping"}} every
     * 20 s); frames matching {@code isPong} are consumed.
     */
    static Heartbeat every(Duration interval, String message, Predicate<String> isPong) {
        return new PingHeartbeat(interval, message, isPong, false);
    }

    /**
     * Sends {@code message} once the socket has received nothing for {@code interval} (e.g. OKX: text
     * {@code ping} after N &lt; 30 s of silence, expecting {@code pong}); frames matching {@code isPong} are
     * consumed. A missing pong is caught by the connection's stale timeout, which should be larger than
     * {@code interval}.
     */
    static Heartbeat whenIdle(Duration interval, String message, Predicate<String> isPong) {
        return new PingHeartbeat(interval, message, isPong, true);
    }

    /**
     * Answers venue test requests (e.g. Deribit: {@code onOpen} = {@code public/set_heartbeat}, a frame with
     * {@code "type":"test_request"} is answered with {@code public/test}). Test requests are consumed; the
     * venue's other heartbeat frames still reach the handler unless {@code isTestRequest} matches them.
     */
    static Heartbeat replyingTo(List<String> onOpen, Predicate<String> isTestRequest,
                                Function<String, String> reply) {
        return new TestRequestHeartbeat(onOpen, isTestRequest, reply);
    }
}
