package io.basis.simulator;

/**
 * How a simulator WebSocket connection ended.
 *
 * @param code     the close code (1006 when the connection ended without a close frame)
 * @param reason   the close reason, or the library's description of the failure
 * @param byClient whether the client (not the simulator) ended it
 * @param seq      position in the simulator's logical order
 */
public record ConnectionClose(int code, String reason, boolean byClient, long seq) {
}
