package io.basis.simulator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deribit's {@code public/set_heartbeat} on the server side (reference §2), one schedule per connection on one
 * daemon thread: each tick sends a {@code test_request}, or closes the connection when the previous one is still
 * unanswered by {@code public/test}. Silent connections and paused heartbeats skip ticks. Thread-safe.
 */
final class DeribitHeartbeats implements AutoCloseable {
    private static final String KEY = "deribit.heartbeat";

    /** One connection's schedule. */
    private static final class Beat {
        volatile ScheduledFuture<?> task;
        volatile boolean awaitingTest;
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sim-deribit-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger toLose = new AtomicInteger();
    private volatile Duration unit = Duration.ofSeconds(1);
    private volatile boolean paused;

    void unit(Duration length) {
        unit = length;
    }

    void paused(boolean on) {
        paused = on;
    }

    int sent() {
        return sent.get();
    }

    int closes() {
        return closes.get();
    }

    /** (Re)starts the schedule of {@code connection} at {@code intervalSeconds} units. */
    void start(SimConnection connection, int intervalSeconds) {
        stop(connection);
        Beat beat = new Beat();
        long nanos = unit.toNanos() * intervalSeconds;
        beat.task = scheduler.scheduleAtFixedRate(() -> tick(connection, beat), nanos, nanos, TimeUnit.NANOSECONDS);
        connection.attributes().put(KEY, beat);
    }

    void stop(SimConnection connection) {
        if (connection.attributes().remove(KEY) instanceof Beat beat) {
            beat.task.cancel(false);
        }
    }

    /** The next {@code count} answers (on any connection) are ignored, as if lost on the way. */
    void loseAnswers(int count) {
        toLose.addAndGet(count);
    }

    /** The client answered with {@code public/test}. */
    void answered(SimConnection connection) {
        if (!(connection.attributes().get(KEY) instanceof Beat beat) || !beat.awaitingTest) {
            return;
        }
        if (toLose.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            beat.awaitingTest = false;
        }
    }

    private void tick(SimConnection connection, Beat beat) {
        if (!connection.isOpen()) {
            beat.task.cancel(false);
            return;
        }
        if (paused || connection.isSilent()) {
            return;
        }
        if (beat.awaitingTest) {
            beat.task.cancel(false);
            closes.incrementAndGet();
            connection.close(1000, "heartbeat test_request not answered");
            return;
        }
        beat.awaitingTest = true;
        if (connection.reply(DeribitResponses.testRequest())) {
            sent.incrementAndGet();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
