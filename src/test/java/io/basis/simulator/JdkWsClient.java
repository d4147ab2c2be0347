package io.basis.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link WebSocket} client for the simulator's own tests: collects text messages in a queue, counts pings and
 * pongs, and records how the connection ended. Every wait is bounded.
 */
final class JdkWsClient implements WebSocket.Listener, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final AtomicInteger binaries = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();
    /** Completes with the close code, or -1 when the connection failed without a close frame. */
    final CompletableFuture<Integer> ended = new CompletableFuture<>();
    volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static JdkWsClient connect(String url) throws Exception {
        JdkWsClient client = new JdkWsClient();
        client.socket = connectAsync(url, client).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    static CompletableFuture<WebSocket> connectAsync(String url, WebSocket.Listener listener) {
        return HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(url), listener);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    void ping() throws Exception {
        socket.sendPing(ByteBuffer.wrap(new byte[]{1})).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next text message; fails after the timeout. */
    String next() throws InterruptedException {
        String message = messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + TIMEOUT);
        }
        return message;
    }

    int awaitEnd() throws Exception {
        return ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last) {
            binaries.incrementAndGet();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.incrementAndGet();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        ended.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete(-1);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
