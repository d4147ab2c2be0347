package io.basis.simulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * Deribit API v2 over WebSocket as {@code shared/venues/deribit.md} §1–§2 describes it: JSON-RPC 2.0 requests on
 * any path (the venue's is {@code /ws/api/v2}), answered with the request's {@code id} and {@code usIn/usOut/usDiff},
 * {@code testnet:false}; notifications framed as {@code {"jsonrpc":"2.0","method":"subscription","params":
 * {"channel":..,"data":..}}}.
 *
 * <ul>
 * <li>{@code public/subscribe} / {@code private/subscribe} (after {@code public/auth}): the result lists the channels
 *     subscribed. {@code .raw} channels need {@code public/auth} and are left out of the result otherwise. A channel
 *     of an instrument that is not listed (never, or {@link DeribitMarket#expire expired}) or that the market
 *     {@link DeribitMarket#rejectChannel rejects} fails the whole request with {@code 10020
 *     invalid_or_unsupported_instrument} — or, with {@link #omitUnknownChannels(boolean)}, is silently left out of
 *     the result as the production venue does ({@code "result":[]}). Every accepted
 *     {@code book.<instrument>.<interval>} is followed by its snapshot notification, before any later change.</li>
 * <li>{@code public/unsubscribe} (result: the channels removed), {@code public/unsubscribe_all} ({@code "ok"}).</li>
 * <li>{@code public/set_heartbeat {interval}} (≥ 10, else {@code -32602}): every {@code interval} heartbeat units
 *     ({@link #heartbeatUnit}, 1 s like the venue unless a test shortens it) the server sends a
 *     {@code test_request}; if the previous one has not been answered by {@code public/test}, it closes the
 *     connection instead (code 1000). {@code public/disable_heartbeat} stops it. Nothing is sent (or closed) while
 *     the connection is silent or heartbeats are {@link #pauseHeartbeats() paused}.</li>
 * <li>{@code public/auth} (any credentials, or only {@link #account the account} set, checking the
 *     {@code client_signature} HMAC), {@code public/hello}, and every {@link DeribitMethods} data method.</li>
 * <li>A scripted {@link DeribitMarket#tooManyRequests rate limit} answers {@code 10028 too_many_requests} and, as
 *     the venue "terminates the session", closes the connection (unless {@link #closeOnTooManyRequests(boolean)}
 *     is off).</li>
 * <li>Text that is not JSON: {@code -32700 Parse error}; no method: {@code -32600}; unknown method: {@code -32601}.
 *     </li>
 * </ul>
 *
 * <p>Replies are written directly from {@link #handle} under the market lock (never while
 * {@link WsSimulator#autoReply auto-reply} is off), so they and book snapshots are ordered against publishing.
 * Thread-safe; {@link #close()} stops the heartbeat scheduler.
 */
public final class DeribitDialect implements WsDialect, AutoCloseable {
    private static final String AUTH = "deribit.auth";

    private final DeribitMarket market;
    private final DeribitMethods methods;
    private final DeribitHeartbeats heartbeats;
    private final DeribitAuth auth = new DeribitAuth();
    private final AtomicInteger rateLimitCloses = new AtomicInteger();
    private volatile boolean omitUnknown;
    private volatile boolean closeOnTooManyRequests = true;

    public DeribitDialect(DeribitMarket market) {
        this.market = market;
        this.methods = new DeribitMethods(market);
        this.heartbeats = new DeribitHeartbeats();
    }

    /** How long one second of a {@code public/set_heartbeat} interval lasts here (tests shorten it). */
    public DeribitDialect heartbeatUnit(Duration unit) {
        heartbeats.unit(unit);
        return this;
    }

    /** Leave unknown channels out of the subscribe result instead of failing the request. */
    public DeribitDialect omitUnknownChannels(boolean omit) {
        omitUnknown = omit;
        return this;
    }

    public DeribitDialect closeOnTooManyRequests(boolean close) {
        closeOnTooManyRequests = close;
        return this;
    }

    /**
     * From now on {@code public/auth} accepts only this account, by {@code client_credentials} or a valid
     * {@code client_signature}; anything else gets {@code 13004 invalid_credentials}.
     */
    public DeribitDialect account(String clientId, String secret) {
        auth.account(clientId, secret);
        return this;
    }

    /** {@code expires_in} (whole seconds, at least 1) of the tokens granted from now on; a year by default. */
    public DeribitDialect tokenLifetime(Duration lifetime) {
        auth.expiresIn(lifetime);
        return this;
    }

    /** Stops sending test requests (and closing for unanswered ones) on every connection. */
    public void pauseHeartbeats() {
        heartbeats.paused(true);
    }

    public void resumeHeartbeats() {
        heartbeats.paused(false);
    }

    /**
     * The next {@code count} {@code public/test} answers to a test request are lost: the server still replies to
     * them but, at the next tick, closes the connection as if the client had never answered.
     */
    public void loseTestAnswers(int count) {
        heartbeats.loseAnswers(count);
    }

    /** Test requests sent so far, on all connections. */
    public int testRequestsSent() {
        return heartbeats.sent();
    }

    /** Connections closed because a test request went unanswered. */
    public int heartbeatCloses() {
        return heartbeats.closes();
    }

    /** Connections closed after a {@code too_many_requests} answer. */
    public int rateLimitCloses() {
        return rateLimitCloses.get();
    }

    DeribitMethods methods() {
        return methods;
    }

    @Override
    public List<String> handle(SimConnection connection, String message) {
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (JacksonException e) {
            send(connection, DeribitResponses.error(null, DeribitResponses.PARSE_ERROR, "Parse error", null,
                    market.micros()));
            return List.of();
        }
        JsonNode id = request.path("id");
        String method = request.path("method").asString("");
        JsonNode params = request.path("params");
        if (method.isEmpty()) {
            send(connection, DeribitResponses.error(id, -32600, "Invalid Request", null, market.micros()));
            return List.of();
        }
        if (market.takeRateLimit(method)) {
            send(connection, DeribitResponses.error(id, DeribitResponses.TOO_MANY_REQUESTS, "too_many_requests",
                    null, market.micros()));
            if (closeOnTooManyRequests) {
                rateLimitCloses.incrementAndGet();
                connection.close(1000, "too_many_requests");
            }
            return List.of();
        }
        String reply = switch (method) {
            case "public/subscribe", "private/subscribe" -> subscribe(connection, method, id, params);
            case "public/unsubscribe", "private/unsubscribe" -> unsubscribe(connection, id, params);
            case "public/unsubscribe_all", "private/unsubscribe_all" -> {
                connection.unsubscribe(connection.subscriptions());
                yield result(id, "ok");
            }
            case "public/set_heartbeat" -> setHeartbeat(connection, id, params);
            case "public/disable_heartbeat" -> {
                heartbeats.stop(connection);
                yield result(id, "ok");
            }
            case "public/test" -> {
                heartbeats.answered(connection);
                yield methods.call(method, params).reply(id, market.micros());
            }
            case "public/auth" -> auth(connection, id, params);
            case "public/hello" -> result(id, JSON.createObjectNode().put("version", "1.2.26"));
            default -> methods.serves(method) ? methods.call(method, params).reply(id, market.micros())
                    : DeribitResponses.error(id, DeribitResponses.METHOD_NOT_FOUND, "Method not found", null,
                    market.micros());
        };
        if (reply != null) {
            send(connection, reply);
        }
        return List.of();
    }

    @Override
    public String frame(SimConnection connection, String stream, String event) {
        return DeribitResponses.notification(stream, event);
    }

    @Override
    public void close() {
        heartbeats.close();
    }

    /** Subscribes under the market lock and sends the ack and book snapshots itself; returns null. */
    private String subscribe(SimConnection connection, String method, JsonNode id, JsonNode params) {
        boolean authorized = Boolean.TRUE.equals(connection.attributes().get(AUTH));
        if (method.startsWith("private/") && !authorized) {
            return DeribitResponses.error(id, DeribitResponses.UNAUTHORIZED, "unauthorized", null, market.micros());
        }
        List<String> channels = channels(params);
        if (channels == null) {
            return DeribitResponses.invalidParams(id, "value must be a list", "channels", market.micros());
        }
        synchronized (market.lock()) {
            List<String> accepted = new ArrayList<>();
            for (String channel : channels) {
                DeribitChannelCheck.Verdict verdict = DeribitChannelCheck.check(channel, market, authorized);
                if (verdict == DeribitChannelCheck.Verdict.ACCEPT) {
                    accepted.add(channel);
                } else if (verdict == DeribitChannelCheck.Verdict.UNKNOWN && !omitUnknown
                        || verdict == DeribitChannelCheck.Verdict.REJECTED) {
                    return DeribitResponses.error(id, DeribitResponses.UNSUPPORTED_INSTRUMENT,
                            "invalid_or_unsupported_instrument", null, market.micros());
                }
            }
            connection.subscribe(accepted);
            send(connection, result(id, accepted));
            for (String channel : accepted) {
                String book = DeribitChannelCheck.incrementalBook(channel);
                if (book != null && connection.autoReplies()) {
                    connection.send(DeribitResponses.notification(channel, market.bookSnapshot(book)));
                }
            }
            return null;
        }
    }

    private String auth(SimConnection connection, JsonNode id, JsonNode params) {
        if (!auth.accepts(params)) {
            return DeribitResponses.error(id, DeribitAuth.INVALID_CREDENTIALS, "invalid_credentials", null,
                    market.micros());
        }
        connection.attributes().put(AUTH, Boolean.TRUE);
        return result(id, JSON.createObjectNode().put("access_token", "sim-access-token")
                .put("expires_in", auth.expiresInSeconds()).put("refresh_token", "sim-refresh-token")
                .put("scope", "connection mainaccount").put("token_type", "bearer"));
    }

    private String unsubscribe(SimConnection connection, JsonNode id, JsonNode params) {
        List<String> channels = channels(params);
        if (channels == null) {
            return DeribitResponses.invalidParams(id, "value must be a list", "channels", market.micros());
        }
        List<String> removed = channels.stream().filter(connection::isSubscribed).toList();
        connection.unsubscribe(removed);
        return result(id, removed);
    }

    private String setHeartbeat(SimConnection connection, JsonNode id, JsonNode params) {
        JsonNode interval = params.path("interval");
        if (!interval.isNumber() || interval.asInt() < 10) {
            return DeribitResponses.invalidParams(id, "must be at least 10", "interval", market.micros());
        }
        heartbeats.start(connection, interval.asInt());
        return result(id, "ok");
    }

    private static List<String> channels(JsonNode params) {
        JsonNode list = params.path("channels");
        if (!list.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : list.values()) {
            if (!c.isString()) {
                return null;
            }
            out.add(c.stringValue());
        }
        return out;
    }

    private String result(JsonNode id, Object result) {
        return DeribitResponses.result(id, result, market.micros());
    }

    private static void send(SimConnection connection, String reply) {
        if (connection.autoReplies()) {
            connection.reply(reply);
        }
    }
}
