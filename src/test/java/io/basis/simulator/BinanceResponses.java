package io.basis.simulator;

/**
 * Binance REST answers for scripting the {@link RestSimulator}, per {@code shared/venues/binance-usdm.md} §2.1:
 * {@code X-MBX-USED-WEIGHT-1M} on every answer, 429 and 418 with {@code Retry-After} in seconds, and error bodies
 * {@code {"code":-1121,"msg":"Invalid symbol."}}.
 */
public final class BinanceResponses {
    /** The used-weight header for the one-minute window. */
    public static final String USED_WEIGHT_1M = "X-MBX-USED-WEIGHT-1M";

    private BinanceResponses() {
    }

    /** 200 with {@code body} and the IP's used weight. */
    public static RestResponse ok(String body, int usedWeight) {
        return RestResponse.json(body).withHeader(USED_WEIGHT_1M, Integer.toString(usedWeight));
    }

    /** 429: request rate limit broken; retry after {@code retryAfterSeconds}. */
    public static RestResponse tooManyRequests(int retryAfterSeconds) {
        return error(429, -1003, "Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute."
                + " Please use the websocket for live updates to avoid polling the API.")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** 418: the IP is banned for continuing after 429s; retry after {@code retryAfterSeconds}. */
    public static RestResponse banned(int retryAfterSeconds) {
        return error(418, -1003, "Way too many requests; IP(127.0.0.1) banned."
                + " Please use the websocket for live updates to avoid bans.")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** An error answer: {@code status} with body {@code {"code":<code>,"msg":"<message>"}}. */
    public static RestResponse error(int status, int code, String message) {
        return RestResponse.status(status, "{\"code\":" + code + ",\"msg\":\"" + message.replace("\"", "\\\"") + "\"}");
    }
}
