package io.basis.simulator;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One client WebSocket connection to the simulator: what the client sent, what the simulator sent back, and the
 * faults a test can inject into it.
 *
 * <p>Outgoing frames come in two kinds. <em>Data</em> frames ({@link #send}, scripted, broadcast, published and
 * replayed frames) pass through one-shot mutators first. <em>Replies</em> ({@link #reply}: the dialect's acks, and
 * the raw fault helpers) do not. While the connection is {@link #goSilent() silent} nothing at all is sent: data,
 * replies, server pings and answers to client pings are suppressed and counted. The exception is the close handshake:
 * a client's close frame is still answered, so a client can always tear a silent connection down.
 *
 * <p>Thread-safe. Frames sent from one thread reach the client in call order; sending is serialized per connection,
 * so a mutator applies to exactly one frame. Client messages are recorded in arrival order.
 */
public final class SimConnection {
    private final WsSimulator owner;
    private final WebSocket socket;
    private final long id;
    private final String path;
    private final String query;
    private final Map<String, List<String>> params;
    private final long openSeq;
    private final Instant openedAt;
    private final List<ReceivedMessage> received = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> subscriptions = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicInteger clientPings = new AtomicInteger();
    private final Outbox outbox;
    private volatile ConnectionClose close;

    SimConnection(WsSimulator owner, WebSocket socket, long id, String resource, long openSeq, Instant openedAt) {
        this.owner = owner;
        this.socket = socket;
        this.outbox = new Outbox(socket, frame -> owner.mutate(this, frame));
        this.id = id;
        int q = resource.indexOf('?');
        this.path = QueryParams.decode(q < 0 ? resource : resource.substring(0, q));
        this.query = q < 0 ? "" : resource.substring(q + 1);
        this.params = QueryParams.parse(query);
        this.openSeq = openSeq;
        this.openedAt = openedAt;
    }

    /** 1-based, in order of opening. */
    public long id() {
        return id;
    }

    /** The decoded request path, e.g. {@code /market/stream} or {@code /public/ws/btcusdt@depth}. */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}, empty when none. */
    public String query() {
        return query;
    }

    /** The first decoded value of query parameter {@code name}, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null ? null : values.getFirst();
    }

    public long openSeq() {
        return openSeq;
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** Texts the client sent so far, in arrival order. */
    public List<String> messages() {
        return received().stream().map(ReceivedMessage::text).toList();
    }

    public List<ReceivedMessage> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits for the first client message (already received or not) that matches, and returns its text. */
    public String awaitMessage(Predicate<String> match, Duration timeout) {
        return owner.timeline().await(() -> messages().stream().filter(match).findFirst().orElse(null), timeout,
                () -> "a matching message on connection " + this + "; got " + messages());
    }

    /** Streams this connection is subscribed to, in order of subscription (maintained by the dialect). */
    public List<String> subscriptions() {
        synchronized (subscriptions) {
            return List.copyOf(subscriptions);
        }
    }

    public boolean isSubscribed(String stream) {
        return subscriptions.contains(stream);
    }

    public void subscribe(Collection<String> streams) {
        subscriptions.addAll(streams);
        owner.timeline().changed();
    }

    public void unsubscribe(Collection<String> streams) {
        subscriptions.removeAll(streams);
        owner.timeline().changed();
    }

    /** Free per-connection state for dialects (e.g. Binance's {@code combined} property). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Sends a data frame: the next pending mutator may change or drop it.
     *
     * @return whether a frame was written (false when silent, dropped by a mutator, or closed)
     */
    public boolean send(String frame) {
        return outbox.send(frame);
    }

    /** Sends a frame as is, bypassing mutators (still suppressed while silent). */
    public boolean reply(String frame) {
        return outbox.reply(frame);
    }

    /** Sends the first {@code keepChars} characters of {@code frame}: a truncated message. */
    public boolean sendTruncated(String frame, int keepChars) {
        return reply(frame.substring(0, Math.min(keepChars, frame.length())));
    }

    /** Sends a binary message where a venue would send text. */
    public boolean sendBinary(byte[] data) {
        return outbox.sendBinary(data);
    }

    /** Changes (or, by returning null, drops) the next data frame sent on this connection. */
    public void mutateNext(UnaryOperator<String> mutation) {
        outbox.mutateNext(mutation);
    }

    /** Frames actually written to the client (after mutation), in order. */
    public List<String> sentFrames() {
        return outbox.sentFrames();
    }

    /** Sends a WebSocket ping now (unless silent). */
    public void ping() {
        outbox.ping();
    }

    public int pingsSent() {
        return outbox.pingsSent();
    }

    /** Pong frames received from the client, solicited or not. */
    public int pongs() {
        return pongs.get();
    }

    public int clientPings() {
        return clientPings.get();
    }

    /** Waits until the client has sent at least {@code count} pongs. */
    public void awaitPongs(int count, Duration timeout) {
        owner.timeline().await(() -> pongs.get() >= count ? Boolean.TRUE : null, timeout,
                () -> count + " pongs on connection " + this + "; got " + pongs.get());
    }

    /** Stops sending anything, including pings and pongs, while keeping the TCP connection open. */
    public void goSilent() {
        outbox.silent(true);
    }

    /** Ends silence; frames suppressed meanwhile are not sent later. */
    public void resume() {
        outbox.silent(false);
    }

    public boolean isSilent() {
        return outbox.isSilent();
    }

    /** Frames, pings and pongs not sent because the connection was silent. */
    public int suppressedFrames() {
        return outbox.suppressed();
    }

    /** Closes normally, with a close frame carrying {@code code} and {@code reason}. */
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    /** Ends the connection abruptly: TCP reset, no close frame. */
    public void drop() {
        if (socket instanceof WebSocketImpl impl && impl.getChannel() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot arm a reset on " + this, e);
            }
        }
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by simulator");
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    public Optional<ConnectionClose> closed() {
        return Optional.ofNullable(close);
    }

    /** Waits until the connection has ended, however it ended. */
    public ConnectionClose awaitClosed(Duration timeout) {
        return owner.timeline().await(() -> close, timeout, () -> "connection " + this + " to close");
    }

    /** Whether the simulator sends dialect replies now ({@link WsSimulator#autoReply}). */
    boolean autoReplies() {
        return owner.autoReplies();
    }

    void recordMessage(String text) {
        synchronized (received) {
            received.add(new ReceivedMessage(this, owner.timeline().next(), owner.timeline().now(), text));
        }
        owner.timeline().changed();
    }

    void recordPong() {
        pongs.incrementAndGet();
        owner.timeline().changed();
    }

    boolean mayAnswerPing() {
        return outbox.mayAnswerPing();
    }

    /** Counts a client ping, after any pong for it has been queued. */
    void recordClientPing() {
        clientPings.incrementAndGet();
        owner.timeline().changed();
    }

    void recordClose(int code, String reason, boolean byClient) {
        close = new ConnectionClose(code, reason, byClient, owner.timeline().next());
        owner.timeline().changed();
    }

    @Override
    public String toString() {
        return "#" + id + " " + path + (query.isEmpty() ? "" : "?" + query);
    }
}
