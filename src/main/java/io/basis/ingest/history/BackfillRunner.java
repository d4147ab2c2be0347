package io.basis.ingest.history;

import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one backfill job's tasks in order: estimates the requests ({@code requests_total}), fetches each task
 * through the venue's {@link HistorySource} into the {@link EventWriter} (the one path into the database, natural
 * keys make re-fetched rows no-ops), reports requests after every page and rows recovered after every task, and
 * settles each task's ledger gap:
 * <ul>
 *   <li>fetched: {@code filled} with the rows recovered (stored rows in the range after minus before, so
 *       duplicates of live rows count nothing), or {@code unfillable} with the lost part's reason and the rows
 *       recovered of the served part when the venue served only part of it;</li>
 *   <li>{@link HistoryUnavailableException}: {@code unfillable} with its reason;</li>
 *   <li>anything else: released to {@code open} with the error; the job carries on with the next task and ends
 *       {@code failed} naming the first error (the caller schedules the retry).</li>
 * </ul>
 * One runner per job; not shared between threads.
 */
final class BackfillRunner {
    private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);
    /** How long to wait for the writer to commit a task's rows before counting them. */
    static final Duration STORE_WAIT = Duration.ofSeconds(60);

    /** How a job ended: tasks filled, unfillable, the tasks that failed, rows recovered, the first transient error. */
    record Outcome(int filled, int unfillable, Set<BackfillTask> failedTasks, long rowsRecovered, String firstError) {
        int failed() {
            return failedTasks.size();
        }
    }

    private final HistorySource source;
    private final HistorySource.Throttle throttle;
    private final EventWriter writer;
    private final RangeRowCounter counter;
    private final GapLedger ledger;
    private final BackfillJobs jobs;

    BackfillRunner(HistorySource source, HistorySource.Throttle throttle, EventWriter writer, RangeRowCounter counter,
                   GapLedger ledger, BackfillJobs jobs) {
        this.source = source;
        this.throttle = throttle;
        this.writer = writer;
        this.counter = counter;
        this.ledger = ledger;
        this.jobs = jobs;
    }

    /**
     * Runs the job (already {@code running}) to its end state: completed, failed (a task failed transiently), or
     * cancelled when interrupted or the connector closes (the task's gap released).
     */
    Outcome run(long jobId, List<BackfillTask> tasks) throws InterruptedException {
        long total = 0;
        for (BackfillTask t : tasks) {
            total += source.estimateRequests(t.type(), t.symbol(), t.from(), t.to());
        }
        jobs.requestsTotal(jobId, total);
        int filled = 0;
        int unfillable = 0;
        Set<BackfillTask> failed = new HashSet<>();
        long rows = 0;
        String firstError = null;
        for (BackfillTask task : tasks) {
            try {
                long recovered = fetch(jobId, task);
                rows += recovered;
                if (task.lostReason() != null) {
                    unfillable++;
                    if (task.gapId() != null) {
                        ledger.markUnfillable(task.gapId(), task.lostReason() + "; " + recovered
                                + " rows recovered after it", recovered);
                    }
                } else {
                    filled++;
                    if (task.gapId() != null) {
                        ledger.markFilled(task.gapId(), recovered);
                    }
                }
            } catch (HistoryUnavailableException e) {
                unfillable++;
                unfillable(task, e.getMessage());
            } catch (InterruptedException | CancellationException e) {
                release(task, "backfill stopped");
                jobs.cancel(jobId, "backfill stopped: " + (e instanceof CancellationException
                        ? "the connector was closed" : "shutdown"));
                throw e instanceof InterruptedException ie ? ie : new InterruptedException(e.getMessage());
            } catch (Exception e) {
                failed.add(task);
                String error = task.type().id() + " " + task.symbol() + ": " + e.getClass().getSimpleName() + ": "
                        + e.getMessage();
                firstError = firstError == null ? error : firstError;
                release(task, error);
                log.warn("{}: backfill of {} [{}, {}) failed: {}", task.venue(), task.symbol(), task.from(),
                        task.to(), error);
            }
        }
        if (!failed.isEmpty()) {
            jobs.fail(jobId, failed.size() + " of " + tasks.size() + " fetches failed; first: " + firstError);
        } else {
            jobs.complete(jobId);
        }
        return new Outcome(filled, unfillable, failed, rows, firstError);
    }

    private long fetch(long jobId, BackfillTask t) throws Exception {
        if (!t.to().isAfter(t.from())) {
            return 0;
        }
        long before = counter.count(t.venue(), t.symbol(), t.type(), t.from(), t.to());
        AtomicInteger reported = new AtomicInteger();
        source.fetch(t.type(), t.symbol(), t.from(), t.to(), throttle, (page, progress) -> {
            writer.publishAll(page);
            int delta = progress.requests() - reported.getAndSet(progress.requests());
            if (delta > 0) {
                jobs.progress(jobId, delta, 0);
            }
        });
        if (!writer.awaitProcessed(STORE_WAIT)) {
            throw new IOException("the writer did not store the fetched rows within " + STORE_WAIT);
        }
        long recovered = Math.max(0, counter.count(t.venue(), t.symbol(), t.type(), t.from(), t.to()) - before);
        jobs.progress(jobId, 0, recovered);
        return recovered;
    }

    private void unfillable(BackfillTask task, String reason) {
        if (task.gapId() != null) {
            ledger.markUnfillable(task.gapId(), reason);
        }
    }

    private void release(BackfillTask task, String reason) {
        if (task.gapId() != null) {
            ledger.release(task.gapId(), reason);
        }
    }
}
