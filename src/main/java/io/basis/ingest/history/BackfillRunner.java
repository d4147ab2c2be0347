package io.basis.ingest.history;

import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 *   <li>the venue's history window is applied again when the task starts ({@link BackfillRules#clip}): a task
 *       decided earlier may have waited in the queue while the window moved on, and asking for a start the venue
 *       no longer serves would get the whole task refused;</li>
 *   <li>anything else: released to {@code open} with the error; the job carries on with the next task and ends
 *       {@code failed} naming the first error (the caller schedules the retry).</li>
 * </ul>
 * One runner per job; not shared between threads.
 */
final class BackfillRunner {
    private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);
    /** How long to wait for the writer to commit a task's rows before counting them. */
    static final Duration STORE_WAIT = Duration.ofSeconds(60);

    /**
     * How a job ended: tasks filled, unfillable, the tasks that failed transiently, the tasks the venue refused or no
     * longer serves at all (with the reason), rows recovered, the first transient error. Tasks are the ones given to
     * {@link #run}.
     */
    record Outcome(int filled, int unfillable, Set<BackfillTask> failedTasks, Map<BackfillTask, Refusal> refusedTasks,
                   long rowsRecovered, String firstError) {
        int failed() {
            return failedTasks.size();
        }
    }

    /**
     * Why a task was not served whole: {@code servedFrom} is where the part fetched starts (null: nothing was served),
     * so a gap inside the task is filled when it starts there or later and unfillable otherwise.
     */
    record Refusal(String reason, java.time.Instant servedFrom) {
        boolean covers(java.time.Instant gapFrom) {
            return servedFrom == null || gapFrom.isBefore(servedFrom);
        }
    }

    private final HistorySource source;
    private final HistorySource.Throttle throttle;
    private final EventWriter writer;
    private final RangeRowCounter counter;
    private final GapLedger ledger;
    private final BackfillJobs jobs;
    private final Clock clock;

    BackfillRunner(HistorySource source, HistorySource.Throttle throttle, EventWriter writer, RangeRowCounter counter,
                   GapLedger ledger, BackfillJobs jobs, Clock clock) {
        this.source = source;
        this.throttle = throttle;
        this.writer = writer;
        this.counter = counter;
        this.ledger = ledger;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Runs the job (already {@code running}) to its end state: completed, failed (a task failed transiently), or
     * cancelled when interrupted or the connector closes (the task's gap released).
     */
    Outcome run(long jobId, List<BackfillTask> tasks) throws InterruptedException {
        return run(jobId, tasks, List.of());
    }

    /**
     * {@link #run(long, List)} for a job of which {@code skipped} (reasons) was found unserved when it was planned:
     * a job that completes notes them with what the venue refused.
     */
    Outcome run(long jobId, List<BackfillTask> tasks, List<String> skipped) throws InterruptedException {
        long total = 0;
        for (BackfillTask t : tasks) {
            total += source.estimateRequests(t.type(), t.symbol(), t.from(), t.to());
        }
        jobs.requestsTotal(jobId, total);
        int filled = 0;
        Set<BackfillTask> failed = new HashSet<>();
        Map<BackfillTask, Refusal> refused = new HashMap<>();
        long rows = 0;
        String firstError = null;
        for (BackfillTask given : tasks) {
            try {
                BackfillTask task = servedPart(given);
                long recovered = fetch(jobId, task);
                rows += recovered;
                if (task.lostReason() != null) {
                    refused.put(given, new Refusal(task.lostReason(), task.from()));
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
                refused.put(given, new Refusal(e.getMessage(), null));
                unfillable(given, e.getMessage());
            } catch (InterruptedException | CancellationException e) {
                release(given, "backfill stopped");
                jobs.cancel(jobId, "backfill stopped: " + (e instanceof CancellationException
                        ? "the connector was closed" : "shutdown"));
                throw e instanceof InterruptedException ie ? ie : new InterruptedException(e.getMessage());
            } catch (Exception e) {
                failed.add(given);
                String error = given.type().id() + " " + given.symbol() + ": " + e.getClass().getSimpleName() + ": "
                        + e.getMessage();
                firstError = firstError == null ? error : firstError;
                release(given, error);
                log.warn("{}: backfill of {} [{}, {}) failed: {}", given.venue(), given.symbol(), given.from(),
                        given.to(), error);
            }
        }
        if (!failed.isEmpty()) {
            jobs.fail(jobId, failed.size() + " of " + tasks.size() + " fetches failed; first: " + firstError);
        } else {
            List<String> notServed = new ArrayList<>(skipped);
            refused.forEach((t, r) -> notServed.add(t.type().id() + " " + t.symbol() + ": " + r.reason()));
            jobs.complete(jobId, notServed.isEmpty() ? null : BackfillJobs.NOT_SERVED + String.join("; ", notServed));
        }
        return new Outcome(filled, refused.size(), failed, refused, rows, firstError);
    }

    /**
     * The task clipped to the venue's window as it is now.
     *
     * @throws HistoryUnavailableException the window has passed the whole task meanwhile
     */
    private BackfillTask servedPart(BackfillTask t) throws HistoryUnavailableException {
        HistorySource.Coverage coverage = source.coverage(t.type()).orElse(null);
        if (coverage == null || !t.to().isAfter(t.from())) {
            return t;
        }
        BackfillRules.Decision d = BackfillRules.clip(t.venue(), t.type(), t.from(), t.to(), coverage,
                clock.instant());
        if (d.kind() != BackfillRules.Kind.FETCH) {
            throw new HistoryUnavailableException(d.reason());
        }
        return d.from().equals(t.from()) ? t
                : new BackfillTask(t.venue(), t.symbol(), t.type(), d.from(), t.to(), t.gapId(), d.lostReason());
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
        // stored, not just spooled: a gap is marked filled only with its rows in the database, counted
        if (!writer.awaitStored(STORE_WAIT)) {
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
