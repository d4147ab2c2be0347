package io.basis.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deribit JSON-RPC 2.0 envelopes for scripting the simulator, per {@code shared/venues/deribit.md} §1–§2: replies
 * {@code {"jsonrpc":"2.0","id":..,"result":..,"usIn":..,"usOut":..,"usDiff":..,"testnet":false}} (REST replies carry
 * no {@code id}), errors {@code {"jsonrpc":"2.0","id":..,"error":{"message":..,"code":..[,"data":..]},...}},
 * notifications {@code {"jsonrpc":"2.0","method":"subscription","params":{"channel":..,"data":..}}} and heartbeats.
 * Stateless.
 *
 * <p>HTTP status of REST errors (not stated by the reference): 400 for invalid params and unknown instruments (as
 * public client captures show), 429 for {@value #TOO_MANY_REQUESTS} unless a test asks for another.
 */
public final class DeribitResponses {
    /** {@code too_many_requests}: credits exhausted; the venue also ends the WebSocket session. */
    public static final int TOO_MANY_REQUESTS = 10028;
    /** {@code invalid_or_unsupported_instrument}. */
    public static final int UNSUPPORTED_INSTRUMENT = 10020;
    /** JSON-RPC {@code Invalid params}. */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC {@code Method not found}. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC {@code Parse error}. */
    public static final int PARSE_ERROR = -32700;
    /** {@code unauthorized}: a private method without {@code public/auth}. */
    public static final int UNAUTHORIZED = 13009;

    static final JsonMapper JSON = JsonMapper.shared();

    private DeribitResponses() {
    }

    /** A WebSocket reply to request {@code id} (null for REST) with {@code result}; server times from {@code usIn}. */
    public static String result(JsonNode id, Object result, long usIn) {
        ObjectNode reply = envelope(id);
        reply.set("result", JSON.valueToTree(result));
        return JSON.writeValueAsString(timed(reply, usIn));
    }

    /** An error reply; {@code data} (e.g. {@code {"reason":..,"param":..}}) may be null. */
    public static String error(JsonNode id, int code, String message, JsonNode data, long usIn) {
        ObjectNode reply = envelope(id);
        ObjectNode error = reply.putObject("error");
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        error.put("code", code);
        return JSON.writeValueAsString(timed(reply, usIn));
    }

    /** {@code -32602 Invalid params} with {@code data:{reason, param}}. */
    public static String invalidParams(JsonNode id, String reason, String param, long usIn) {
        ObjectNode data = JSON.createObjectNode().put("reason", reason).put("param", param);
        return error(id, INVALID_PARAMS, "Invalid params", data, usIn);
    }

    /** A subscription notification carrying {@code data} (raw JSON text) on {@code channel}. */
    public static String notification(String channel, String data) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + JSON.writeValueAsString(channel) + ",\"data\":" + data + "}}";
    }

    /** {@code {"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}}; answer: public/test. */
    public static String testRequest() {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}";
    }

    /** The plain {@code heartbeat} notification (no answer expected). */
    public static String heartbeat() {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}";
    }

    /** REST 200 with a result body. */
    public static RestResponse ok(Object result, long usIn) {
        return RestResponse.json(result(null, result, usIn));
    }

    /** REST {@code 10028 too_many_requests} with HTTP {@code status} (429 by default in the market). */
    public static RestResponse tooManyRequests(int status, long usIn) {
        return RestResponse.status(status, error(null, TOO_MANY_REQUESTS, "too_many_requests", null, usIn));
    }

    /** REST error with HTTP {@code status}. */
    public static RestResponse restError(int status, int code, String message, JsonNode data, long usIn) {
        return RestResponse.status(status, error(null, code, message, data, usIn));
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        if (id != null && !id.isMissingNode() && !id.isNull()) {
            reply.set("id", id);
        }
        return reply;
    }

    private static ObjectNode timed(ObjectNode reply, long usIn) {
        long usOut = usIn + 7;
        return reply.put("usIn", usIn).put("usOut", usOut).put("usDiff", usOut - usIn).put("testnet", false);
    }
}
