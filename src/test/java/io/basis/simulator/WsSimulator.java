package io.basis.simulator;

import io.basis.ingest.capture.CaptureReader;
import org.java_websocket.WebSocket;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The WebSocket half of the simulator: accepts connections on any path of {@code ws://127.0.0.1:<port>}, records
 * them and every client message, lets the {@link WsDialect} answer and track subscriptions, and pushes frames that a
 * test scripts, broadcasts, publishes per stream or replays from a capture. Per-connection faults live on
 * {@link SimConnection}; simulator-wide ones (refusing connections, pinging, mutations matched by path) here.
 *
 * <p>Thread-safe. A new connection is visible to {@code await} helpers only after the dialect has set up the
 * subscriptions named in its URL and the {@link #onConnect scripted frames} have been queued; a client message is
 * recorded only after the dialect has applied it and its replies are queued. So a test that has seen either can
 * publish straight away, and anything it sends then follows them. Frames pushed from one test thread reach each
 * client in call order.
 */
public final class WsSimulator {
    private record Script(String pathPrefix, List<String> frames) {
    }

    private final SimTimeline timeline;
    private final SimServer server;
    private final List<SimConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final Mutations mutations = new Mutations();
    private final Pinger pinger = new Pinger(this::openConnections);
    private final List<Exception> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile WsDialect dialect;
    private volatile boolean autoReply = true;
    private volatile boolean refuseAll;

    WsSimulator(SimTimeline timeline, WsDialect dialect) throws IOException {
        this.timeline = timeline;
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.server = new SimServer(this);
        server.startAndWait();
    }

    /** Base URL, {@code ws://127.0.0.1:<port>}, without trailing slash. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort();
    }

    /** Replaces the dialect for messages and publishes from now on. */
    public void dialect(WsDialect replacement) {
        dialect = Objects.requireNonNull(replacement, "dialect");
    }

    /** Whether the dialect's replies (e.g. subscribe acks) are sent; on by default. */
    public void autoReply(boolean on) {
        autoReply = on;
    }

    boolean autoReplies() {
        return autoReply;
    }

    /** Sends {@code frames}, in order, as data frames to every connection opened later on a path with this prefix. */
    public void onConnect(String pathPrefix, List<String> frames) {
        scripts.add(new Script(pathPrefix, List.copyOf(frames)));
    }

    /** Sends {@code frame} to every open connection whose path starts with {@code pathPrefix}; returns how many. */
    public int broadcast(String pathPrefix, String frame) {
        int count = 0;
        for (SimConnection connection : openConnections()) {
            if (connection.path().startsWith(pathPrefix) && connection.send(frame)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Sends {@code event} of {@code stream} to every open connection subscribed to it, framed by the dialect (which
     * may withhold it, e.g. on the wrong route); returns how many connections got it.
     */
    public int publish(String stream, String event) {
        int count = 0;
        for (SimConnection connection : openConnections()) {
            if (connection.isSubscribed(stream)) {
                String frame = dialect.frame(connection, stream, event);
                if (frame != null && connection.send(frame)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Changes (or, by returning null, drops) the next data frame that matches {@code match} on any connection whose
     * path starts with {@code pathPrefix}; used once. Connection-level mutators ({@link SimConnection#mutateNext})
     * apply first.
     */
    public void mutateNext(String pathPrefix, Predicate<String> match, UnaryOperator<String> change) {
        mutations.add(pathPrefix, match, change);
    }

    /** Pings every open, non-silent connection at this interval, replacing an earlier schedule. */
    public void pingEvery(Duration interval) {
        pinger.every(interval);
    }

    public void stopPinging() {
        pinger.stop();
    }

    /** Rejects every new handshake (HTTP 404 instead of the upgrade) until {@link #acceptNewConnections()}. */
    public void refuseNewConnections() {
        refuseAll = true;
    }

    /** Rejects the next {@code count} handshakes, then accepts again. */
    public void refuseNext(int count) {
        refuseNext.set(count);
    }

    public void acceptNewConnections() {
        refuseAll = false;
        refuseNext.set(0);
    }

    /** Handshakes rejected so far. */
    public int refusedAttempts() {
        return refused.get();
    }

    public void awaitRefused(int count, Duration timeout) {
        timeline.await(() -> refused.get() >= count ? Boolean.TRUE : null, timeout,
                () -> count + " refused connection attempts; got " + refused.get());
    }

    /** Drops (TCP reset, no close frame) every open connection on a path with this prefix; returns how many. */
    public int dropAll(String pathPrefix) {
        List<SimConnection> targets = openConnections().stream()
                .filter(c -> c.path().startsWith(pathPrefix)).toList();
        targets.forEach(SimConnection::drop);
        return targets.size();
    }

    /** Every connection opened so far, open or not, in order of opening. */
    public List<SimConnection> connections() {
        return List.copyOf(connections);
    }

    public List<SimConnection> openConnections() {
        return connections.stream().filter(SimConnection::isOpen).toList();
    }

    /** Waits until {@code count} connections have been opened (ever) and returns the first {@code count}. */
    public List<SimConnection> awaitConnections(int count, Duration timeout) {
        return timeline.await(() -> connections.size() >= count ? connections().subList(0, count) : null, timeout,
                () -> count + " connections; got " + connections());
    }

    /** Waits for the first connection (already opened or not) that matches. */
    public SimConnection awaitConnection(Predicate<SimConnection> match, Duration timeout) {
        return timeline.await(() -> connections.stream().filter(match).findFirst().orElse(null), timeout,
                () -> "a matching connection; got " + connections());
    }

    /** Waits until an open connection is subscribed to {@code stream} and returns the first such. */
    public SimConnection awaitSubscribed(String stream, Duration timeout) {
        return timeline.await(() -> openConnections().stream().filter(c -> c.isSubscribed(stream)).findFirst()
                .orElse(null), timeout, () -> "a subscription to " + stream + "; have "
                + openConnections().stream().map(c -> c + "=" + c.subscriptions()).toList());
    }

    /** Every client message on every connection, in arrival order. */
    public List<ReceivedMessage> messages() {
        return connections.stream().flatMap(c -> c.received().stream())
                .sorted(Comparator.comparingLong(ReceivedMessage::seq)).toList();
    }

    /** Waits for the first client message (already received or not), on any connection, that matches. */
    public ReceivedMessage awaitMessage(Predicate<String> match, Duration timeout) {
        return timeline.await(() -> messages().stream().filter(m -> match.test(m.text())).findFirst().orElse(null),
                timeout, () -> "a matching client message; got " + messages().stream().map(m -> m.text()).toList());
    }

    /** {@link #replay(CaptureReader, Function)} to connections on the path of each captured URL. */
    public CaptureReplay.Stats replay(CaptureReader capture) {
        return replay(capture, CaptureReplay::pathOf);
    }

    /**
     * Sends every {@code "in"} frame of a {@code ws(s)://} connection in the capture, in file order, as a data frame to
     * the open connections whose path starts with {@code pathFor.apply(captureUrl)} (null skips the frame); other
     * lines are ignored. Runs on the calling thread, without pauses; connect the client first.
     */
    public CaptureReplay.Stats replay(CaptureReader capture, Function<String, String> pathFor) {
        return CaptureReplay.replayWebSocket(this, capture, pathFor);
    }

    /** Errors the WebSocket library reported (I/O failures, dialect exceptions), for diagnosing a failing test. */
    public List<Exception> errors() {
        return List.copyOf(errors);
    }

    SimTimeline timeline() {
        return timeline;
    }

    boolean refuse() {
        boolean refuse = refuseAll || refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (refuse) {
            refused.incrementAndGet();
            timeline.changed();
        }
        return refuse;
    }

    void opened(WebSocket socket, String resource) {
        synchronized (connections) {
            SimConnection connection = new SimConnection(this, socket, connections.size() + 1, resource,
                    timeline.next(), timeline.now());
            socket.setAttachment(connection);
            try {
                dialect.opened(connection);
            } catch (RuntimeException e) {
                errors.add(e);
            }
            for (Script script : scripts) {
                if (connection.path().startsWith(script.pathPrefix())) {
                    script.frames().forEach(connection::send);
                }
            }
            connections.add(connection);
        }
        timeline.changed();
    }

    void received(SimConnection connection, String message) {
        List<String> replies = List.of();
        try {
            replies = dialect.handle(connection, message);
        } catch (RuntimeException e) {
            errors.add(e);
        }
        if (autoReply) {
            replies.forEach(connection::reply);
        }
        connection.recordMessage(message);
    }

    String mutate(SimConnection connection, String frame) {
        return mutations.apply(connection.path(), frame);
    }

    void recordError(Exception error) {
        errors.add(error);
    }

    void close() {
        stopPinging();
        try {
            server.stop(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
