package io.basis.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request the simulator received, recorded before it was answered.
 *
 * @param seq        position in the simulator's logical order (shared with WebSocket events)
 * @param receivedAt the simulator clock's time on arrival
 * @param method     upper-case HTTP method
 * @param path       decoded path, e.g. {@code /fapi/v1/depth}
 * @param query      raw query string without {@code ?}, empty when none
 * @param params     decoded query parameters in order of appearance
 * @param headers    request headers, names in lower case
 * @param body       request body as UTF-8 text, empty when none
 */
public record RecordedRequest(long seq, Instant receivedAt, String method, String path, String query,
                              Map<String, List<String>> params, Map<String, List<String>> headers, String body) {

    /** The first value of query parameter {@code name}, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Path and query as the client sent them, e.g. {@code /fapi/v1/depth?symbol=BTCUSDT}. */
    public String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
