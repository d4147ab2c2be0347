package io.basis.ingest.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Runs backfill jobs on virtual threads, at most {@code perVenue} of one venue at once (the others wait their turn,
 * in no guaranteed order). {@link #close()} interrupts every job and refuses new ones.
 *
 * <p>A job that does not end by itself - it threw, or it was still waiting for its turn when the queue closed - is
 * handed to the {@link Abandoned} handler, so its row never stays {@code queued}/{@code running} and the gaps it
 * claimed never stay {@code backfilling} until the next restart (a stuck running job would also be joined by every
 * repeat of the same request). Thread-safe.
 */
final class BackfillJobQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackfillJobQueue.class);

    /** A job body. */
    @FunctionalInterface
    interface Job {
        void run() throws InterruptedException;
    }

    /** Ends a job that did not end by itself and gives back what it claimed. */
    @FunctionalInterface
    interface Abandoned {
        /**
         * @param failed true: the job threw ({@code reason} is the error); false: it was stopped before or while
         *               running
         */
        void abandoned(long jobId, boolean failed, String reason);
    }

    private final int perVenue;
    private final Abandoned abandoned;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    BackfillJobQueue(int perVenue, Abandoned abandoned) {
        this.perVenue = perVenue;
        this.abandoned = abandoned;
    }

    /** Starts job {@code jobId} once a slot of the venue is free; false when closed (nothing started). */
    boolean submit(String venue, long jobId, String name, Job job) {
        if (closed) {
            return false;
        }
        Semaphore slot = slots.computeIfAbsent(venue, v -> new Semaphore(perVenue, true));
        Thread t = Thread.ofVirtual().name("backfill-" + name).unstarted(() -> {
            try {
                slot.acquire();
                try {
                    if (closed) {
                        abandon(jobId, false, "backfill stopped");
                    } else {
                        job.run();
                    }
                } finally {
                    slot.release();
                }
            } catch (InterruptedException e) {
                abandon(jobId, false, "backfill stopped");
            } catch (RuntimeException | Error e) {
                log.warn("{}: backfill job {} failed: {}", venue, jobId, e.toString(), e);
                abandon(jobId, true, e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(t);
        t.start();
        return true;
    }

    /**
     * The handler writes to the database: with the thread's interrupt status set, a virtual thread's socket I/O
     * fails at once, so the status is cleared for it (the thread ends right after).
     */
    private void abandon(long jobId, boolean failed, String reason) {
        Thread.interrupted();
        try {
            abandoned.abandoned(jobId, failed, reason);
        } catch (RuntimeException e) {
            log.warn("backfill job {}: could not be ended ({}); the start-up check reopens its gaps", jobId,
                    e.toString());
        }
    }

    /** Jobs queued or running. */
    int pending() {
        return threads.size();
    }

    /** Waits until no job is queued or running; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
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
