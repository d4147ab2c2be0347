package io.basis.ingest.runtime;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends one socket's outgoing text frames in submission order on its own virtual thread, one at a time (the JDK
 * WebSocket allows one outstanding send) and within the socket's {@link MessageRateLimiter}, waiting on the
 * injected {@link TimeSource}. A failed or timed-out send stops the sender and fails everything still queued;
 * {@code onFailure} is told once.
 */
final class OutboundSender {
    private record Pending(String text, CompletableFuture<Void> done) {
    }

    private final WebSocket socket;
    private final MessageRateLimiter limiter;
    private final TimeSource time;
    private final Duration sendTimeout;
    private final Consumer<String> sent;
    private final Consumer<Throwable> onFailure;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    OutboundSender(String name, WebSocket socket, MessageRateLimiter limiter, TimeSource time,
                   Duration sendTimeout, Consumer<String> sent, Consumer<Throwable> onFailure) {
        this.socket = socket;
        this.limiter = limiter;
        this.time = time;
        this.sendTimeout = sendTimeout;
        this.sent = sent;
        this.onFailure = onFailure;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Queues {@code text}; the future completes once it has been handed to the socket. */
    CompletableFuture<Void> send(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(text, done));
        if (stopped) {
            failQueued();
        }
        return done;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        failQueued();
    }

    MessageRateLimiter limiter() {
        return limiter;
    }

    private void run() {
        Pending p = null;
        try {
            while (!stopped) {
                p = queue.take();
                time.sleep(Duration.ofNanos(limiter.reserve(time.nanoTime())));
                socket.sendText(p.text, true).get(sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
                sent.accept(p.text);
                p.done.complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            stopped = true;
            onFailure.accept(e instanceof ExecutionException ee ? ee.getCause() : e);
        } finally {
            stopped = true;
            if (p != null) {
                p.done.completeExceptionally(new CancellationException("sender stopped"));
            }
            failQueued();
        }
    }

    private void failQueued() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done.completeExceptionally(new CancellationException("socket closed before the frame was sent"));
        }
    }
}
