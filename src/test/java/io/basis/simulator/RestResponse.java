package io.basis.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted HTTP response: status, body, headers, an optional delay before answering, or a disconnect instead of an
 * answer. Immutable; the {@code with...} methods return changed copies.
 *
 * @param status     HTTP status code
 * @param body       response body, sent as UTF-8
 * @param headers    response headers (a header set here overrides a simulator-wide default of the same name)
 * @param delay      how long the simulator waits, after recording the request, before answering
 * @param noAnswer   close the connection without any response instead of answering
 */
public record RestResponse(int status, String body, Map<String, String> headers, Duration delay,
                           boolean noAnswer) {

    public RestResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(delay, "delay");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
    }

    /** 200 with a JSON body. */
    public static RestResponse json(String body) {
        return status(200, body);
    }

    /** {@code status} with a JSON body. */
    public static RestResponse status(int status, String body) {
        return new RestResponse(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, false);
    }

    /** No response at all: the server closes the connection once the request has been recorded. */
    public static RestResponse disconnect() {
        return new RestResponse(0, "", Map.of(), Duration.ZERO, true);
    }

    /** This response with header {@code name} set to {@code value}. */
    public RestResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RestResponse(status, body, copy, delay, noAnswer);
    }

    /** This response answered (or disconnected) only after {@code wait}. */
    public RestResponse delayed(Duration wait) {
        return new RestResponse(status, body, headers, wait, noAnswer);
    }
}
