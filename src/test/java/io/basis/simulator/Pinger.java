package io.basis.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Pings the open connections at a fixed rate on one daemon thread; at most one schedule at a time. Thread-safe. */
final class Pinger {
    private final Supplier<List<SimConnection>> targets;
    private ScheduledExecutorService scheduler;

    Pinger(Supplier<List<SimConnection>> targets) {
        this.targets = targets;
    }

    synchronized void every(Duration interval) {
        stop();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sim-ws-pinger");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleAtFixedRate(() -> targets.get().forEach(SimConnection::ping), nanos, nanos,
                TimeUnit.NANOSECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
