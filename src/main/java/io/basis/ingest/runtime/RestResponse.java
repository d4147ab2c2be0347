package io.basis.ingest.runtime;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A venue's HTTP answer. The body array is the client's own copy and is not copied again: do not modify it.
 *
 * @param receivedAt when the response was complete, from the client's {@link TimeSource}
 */
public record RestResponse(int status, HttpHeaders headers, byte[] body, Instant receivedAt) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
