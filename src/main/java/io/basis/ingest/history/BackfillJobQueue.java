package io.basis.ingest.history;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs backfill jobs on virtual threads, at most {@code perVenue} of one venue at once (the others wait their turn,
 * in no guaranteed order). {@link #close()} interrupts every job and refuses new ones. Thread-safe.
 */
final class BackfillJobQueue implements AutoCloseable {
    /** A job body. */
    @FunctionalInterface
    interface Job {
        void run() throws InterruptedException;
    }

    private final int perVenue;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    BackfillJobQueue(int perVenue) {
        this.perVenue = perVenue;
    }

    /** Starts {@code job} once a slot of the venue is free; false when closed. */
    boolean submit(String venue, String name, Job job) {
        if (closed) {
            return false;
        }
        Semaphore slot = slots.computeIfAbsent(venue, v -> new Semaphore(perVenue, true));
        Thread t = Thread.ofVirtual().name("backfill-" + name).unstarted(() -> {
            try {
                slot.acquire();
                try {
                    if (!closed) {
                        job.run();
                    }
                } finally {
                    slot.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(t);
        t.start();
        return true;
    }

    /** Jobs queued or running. */
    int pending() {
        return threads.size();
    }

    /** Waits until no job is queued or running; false on timeout. */
    boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!threads.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }
}
