package io.basis.ingest.runtime;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * A scripted WebSocket server on 127.0.0.1 for the runtime tests: records connections, client messages and pongs,
 * and lets each test react to messages through {@link #onMessage}.
 */
final class LoopbackWsServer extends WebSocketServer implements AutoCloseable {
    /** A client message with the 1-based index of the connection it arrived on. */
    record Message(int connection, String text) {
    }

    private final List<WebSocket> connections = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Integer> closedByClient = new ArrayList<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicInteger handshakesToReject = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile BiConsumer<WebSocket, String> onMessage = (c, m) -> { };

    LoopbackWsServer() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not start");
        }
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + getPort() + path);
    }

    /** Called for every client message (on the server's thread), after it was recorded. */
    void onMessage(BiConsumer<WebSocket, String> reaction) {
        this.onMessage = reaction;
    }

    synchronized int connectionIndex(WebSocket conn) {
        return connections.indexOf(conn) + 1;
    }

    synchronized WebSocket connection(int index) {
        return connections.get(index - 1);
    }

    synchronized int connectionCount() {
        return connections.size();
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> messages(int connection) {
        return messages.stream().filter(m -> m.connection == connection).map(Message::text).toList();
    }

    synchronized List<Integer> closedByClient() {
        return List.copyOf(closedByClient);
    }

    int pongs() {
        return pongs.get();
    }

    /** Refuses the next {@code count} opening handshakes. */
    void rejectHandshakes(int count) {
        handshakesToReject.set(count);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        if (handshakesToReject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by test");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public synchronized void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.add(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        synchronized (this) {
            messages.add(new Message(connectionIndex(conn), message));
        }
        onMessage.accept(conn, message);
    }

    @Override
    public synchronized void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (remote) {
            closedByClient.add(connectionIndex(conn));
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongs.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }

    /** Polls {@code condition} every 10 ms until it holds; fails the test after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
