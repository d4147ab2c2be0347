package io.basis.simulator;

import java.time.Instant;

/**
 * A text message a client sent over a simulator WebSocket.
 *
 * @param connection the connection it arrived on
 * @param seq        position in the simulator's logical order (shared with REST requests)
 * @param receivedAt the simulator clock's time on arrival
 * @param text       the complete message text
 */
public record ReceivedMessage(SimConnection connection, long seq, Instant receivedAt, String text) {
}
