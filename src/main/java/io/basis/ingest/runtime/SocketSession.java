package io.basis.ingest.runtime;

import java.io.IOException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket of a {@link StreamConnection}, numbered by {@code generation}. As the JDK listener it assembles
 * fragmented text messages and hands each complete one to {@link Events#frame}; the next message is only
 * requested when the consumer calls {@link #requestNext()}, which bounds buffering to one message. Protocol pings
 * are answered by the JDK itself. The session ends exactly once — closed by the venue, failed, or closed by the
 * runtime — and reports that through {@link Events#ended}.
 *
 * <p>Listener callbacks run sequentially on JDK threads; {@link #send} and {@link #close} may be called from any
 * thread.
 */
final class SocketSession implements WebSocket.Listener {

    /** Receives what the socket does; both methods are called on JDK listener threads. */
    interface Events {
        void frame(SocketSession session, String text, Instant receivedAt);

        void binary(SocketSession session);

        void ended(SocketSession session, String cause);
    }

    /** The socket could not be opened; {@code cause} is a gap cause ({@code rejected} for a refused handshake). */
    static final class ConnectFailure extends IOException {
        final String cause;

        ConnectFailure(String cause, String message, Throwable error) {
            super(message, error);
            this.cause = cause;
        }
    }

    /** Close codes by which a venue refuses rather than drops: protocol, data, policy, size violations. */
    private static final Set<Integer> REFUSALS = Set.of(1002, 1003, 1007, 1008, 1009);

    private final long generation;
    private final StreamSettings settings;
    private final RuntimeContext context;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long openedNanos;
    private final Instant openedAt;
    private volatile WebSocket socket;
    private volatile OutboundSender sender;
    private volatile long lastInboundNanos;
    private volatile long lastPingNanos;
    private volatile boolean subscribed;
    private volatile String endCause;

    private SocketSession(long generation, StreamSettings settings, RuntimeContext context, Events events) {
        this.generation = generation;
        this.settings = settings;
        this.context = context;
        this.events = events;
        this.openedNanos = context.time().nanoTime();
        this.openedAt = context.time().now();
        this.lastInboundNanos = openedNanos;
        this.lastPingNanos = openedNanos;
    }

    /** Opens the socket (handshake within the connect timeout) and starts its sender. */
    static SocketSession open(long generation, StreamSettings settings, RuntimeContext context, Events events)
            throws ConnectFailure, InterruptedException {
        SocketSession session = new SocketSession(generation, settings, context, events);
        CompletableFuture<WebSocket> opening = context.http().newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout()).buildAsync(settings.uri(), session);
        try {
            WebSocket ws = opening.get(settings.connectTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            session.started(ws);
            return session;
        } catch (InterruptedException e) {
            opening.thenAccept(WebSocket::abort);
            throw e;
        } catch (TimeoutException e) {
            opening.thenAccept(WebSocket::abort);
            throw new ConnectFailure(GapSink.DISCONNECT, "connect timed out", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static ConnectFailure failure(Throwable error) {
        if (error instanceof WebSocketHandshakeException h) {
            return new ConnectFailure(GapSink.REJECTED, "handshake refused with HTTP "
                    + h.getResponse().statusCode(), h);
        }
        return new ConnectFailure(GapSink.DISCONNECT, "connect failed: " + error, error);
    }

    private void started(WebSocket ws) {
        socket = ws;
        String name = "basis-ws-out-" + settings.venue() + "-" + settings.name() + "-" + generation;
        sender = new OutboundSender(name, ws, new MessageRateLimiter(settings.outgoingRate().limit(),
                settings.outgoingRate().window()), context.time(), settings.sendTimeout(),
                text -> tap(FrameTap.Direction.OUT, text), error -> end(GapSink.DISCONNECT));
        if (ended.get()) {
            sender.stop();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        tap(FrameTap.Direction.OPEN, "");
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        String text;
        if (partial.isEmpty()) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        lastInboundNanos = context.time().nanoTime();
        events.frame(this, text, context.time().now());
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last) {
            lastInboundNanos = context.time().nanoTime();
            events.binary(this);
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(REFUSALS.contains(statusCode) ? GapSink.REJECTED : GapSink.DISCONNECT);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(GapSink.DISCONNECT);
    }

    /** Lets the JDK deliver the next message; call once per {@link Events#frame} or {@link Events#binary}. */
    void requestNext() {
        WebSocket ws = socket;
        if (ws != null && !ended.get()) {
            ws.request(1);
        }
    }

    /** Queues an outgoing text frame (rate-limited); fails if the session has ended. */
    CompletableFuture<Void> send(String text) {
        OutboundSender s = sender;
        if (s == null || ended.get()) {
            return CompletableFuture.failedFuture(new IOException("socket closed"));
        }
        return s.send(text);
    }

    /**
     * Ends the session with {@code cause} (no-op if it already ended). {@code graceful}: a close handshake,
     * aborted if the venue does not answer within a second; otherwise the connection is aborted at once.
     */
    void close(String cause, boolean graceful) {
        end(cause);
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        if (!graceful) {
            ws.abort();
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(1, TimeUnit.SECONDS)
                .whenComplete((r, e) -> CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(ws::abort));
    }

    private void end(String cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        endCause = cause;
        OutboundSender s = sender;
        if (s != null) {
            s.stop();
        }
        tap(FrameTap.Direction.CLOSE, cause);
        events.ended(this, cause);
    }

    private void tap(FrameTap.Direction direction, String text) {
        context.tap().frame(settings.uri().toString(), direction, text, context.time().now());
    }

    void markPinged(long nanos) { lastPingNanos = nanos; }
    void markSubscribed() { subscribed = true; }
    boolean subscribed() { return subscribed; }
    boolean ended() { return ended.get(); }
    /** Why the session ended, or {@code fallback} while it has not. */
    String endCause(String fallback) { return endCause == null ? fallback : endCause; }
    long generation() { return generation; }
    long openedNanos() { return openedNanos; }
    Instant openedAt() { return openedAt; }
    long lastInboundNanos() { return lastInboundNanos; }
    long lastPingNanos() { return lastPingNanos; }
    Duration age(long nowNanos) { return Duration.ofNanos(nowNanos - openedNanos); }
    MessageRateLimiter limiter() { return sender == null ? null : sender.limiter(); }
}
