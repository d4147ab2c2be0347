package io.basis.ingest.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * An immutable view of one stream connection for /status.
 *
 * @param lastMessageAge time since the last message at the moment of the snapshot; {@code null} if none yet
 * @param connectedSince when the current socket opened; {@code null} while not connected
 */
public record StreamSnapshot(String venue, String stream, ConnectionState state, String url, long messages,
                             long bytes, long parseErrors, long reconnects, long gaps, Instant lastMessageAt,
                             Duration lastMessageAge, Instant connectedSince) {
}
