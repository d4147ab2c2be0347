package io.basis.store;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Backfill jobs (the {@code backfill} table): what a backfill fetches (venue, range, data types, symbols), where it
 * came from ({@code auto}, {@code api}, {@code cli}, {@code startup}) and how far it got. States:
 * {@code queued -> running -> completed | failed | cancelled}.
 *
 * <p>At most one queued or running job exists per venue + range + types + symbols (a partial unique index):
 * {@link #create} returns that job instead of starting the same work twice. Types and symbols are stored sorted and
 * de-duplicated, so their order never makes two jobs different. Thread-safe; each call is one transaction.
 */
public final class BackfillJobs {
    public static final String AUTO = "auto";
    public static final String API = "api";
    public static final String CLI = "cli";
    public static final String STARTUP = "startup";

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** A {@link #CLI} job still marked running that shows no progress for this long was left by a killed run. */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    /** How the note of a completed job starts when the venue did not serve all of it. */
    public static final String NOT_SERVED = "not served by the venue: ";

    /** One job. {@code eventTypes}/{@code symbols} empty: every type / every tracked symbol of the venue. */
    public record Job(long id, String venue, Instant from, Instant to, List<String> eventTypes, List<String> symbols,
                      String origin, String state, long requestsDone, long requestsTotal, long rowsWritten,
                      Instant createdAt, Instant startedAt, Instant updatedAt, Instant finishedAt, String error) {

        /** Queued or running. */
        public boolean active() {
            return QUEUED.equals(state) || RUNNING.equals(state);
        }

        /**
         * Requests done / total in 0..1; 1 when completed, 0 while the total is unknown. A failed or cancelled job
         * keeps the share it got through, so it never reads as done.
         */
        public double progress() {
            if (COMPLETED.equals(state)) {
                return 1.0;
            }
            return requestsTotal <= 0 ? 0.0 : Math.min(1.0, (double) requestsDone / requestsTotal);
        }

        /**
         * Estimated time left at {@code now}: the remaining requests at the rate so far (requests done since
         * {@code startedAt}). Empty while not running, before the first request, or when the total is unknown.
         */
        public Optional<Duration> eta(Instant now) {
            if (!RUNNING.equals(state) || startedAt == null || requestsDone <= 0 || requestsTotal <= 0) {
                return Optional.empty();
            }
            long left = Math.max(0, requestsTotal - requestsDone);
            long elapsedMillis = Math.max(1, Duration.between(startedAt, now).toMillis());
            return Optional.of(Duration.ofMillis(Math.round((double) elapsedMillis * left / requestsDone)));
        }
    }

    /** The job {@link #create} returned and whether it already existed (a duplicate request joined it). */
    public record Created(Job job, boolean existing) {
    }

    private final BackfillJobsSql sql;

    public BackfillJobs(DataSource dataSource, Clock clock) {
        this.sql = new BackfillJobsSql(dataSource, clock);
    }

    /**
     * Queues a job, or returns the queued or running job for the same venue, range, types and symbols.
     *
     * @param eventTypes event type ids; empty for all
     * @param symbols    venue symbols; empty for all tracked
     * @param origin     {@link #AUTO}, {@link #API}, {@link #CLI} or {@link #STARTUP}
     */
    public Created create(String venue, Instant from, Instant to, Collection<String> eventTypes,
                          Collection<String> symbols, String origin) {
        return sql.create(venue, from, to, eventTypes, symbols, origin);
    }

    /** Queued → running (sets {@code started_at}); false when the job was not queued. */
    public boolean start(long id) {
        return sql.start(id);
    }

    /** Sets the total number of requests the job will make (as far as known). */
    public void requestsTotal(long id, long total) {
        sql.requestsTotal(id, total);
    }

    /** Adds progress: requests done and rows written since the last call. */
    public void progress(long id, long requests, long rows) {
        sql.progress(id, requests, rows);
    }

    /** Running or queued → completed. */
    public boolean complete(long id) {
        return complete(id, null);
    }

    /**
     * Running or queued → completed, with what the venue did not serve (kept as the job's {@code error}; null:
     * everything was served). Such a range is not fetched again: the venue's refusal is its answer.
     */
    public boolean complete(long id, String notServed) {
        return sql.finish(id, COMPLETED, notServed);
    }

    /** Running or queued → failed with the error. */
    public boolean fail(long id, String error) {
        return sql.finish(id, FAILED, error);
    }

    /** Running or queued → cancelled (e.g. shutdown), with the reason. */
    public boolean cancel(long id, String reason) {
        return sql.finish(id, CANCELLED, reason);
    }

    public Optional<Job> get(long id) {
        return sql.get(id);
    }

    /** The newest jobs first. */
    public List<Job> recent(int limit) {
        return sql.recent(limit);
    }

    /**
     * Completed jobs of the venue lying inside [from, to) that note what the venue did not serve ({@link #NOT_SERVED}),
     * oldest range first: a rerun of {@code basis backfill} skips such units as done, yet a gap spanning one must not
     * be settled as filled.
     */
    public List<Job> notServedWithin(String venue, Instant from, Instant to) {
        return sql.notServedWithin(venue, from, to);
    }

    /** Queued and running jobs, oldest first. */
    public List<Job> active() {
        return sql.active();
    }

    /**
     * At start-up of the service: jobs a previous process left queued or running → failed ("interrupted by a
     * restart"). A {@link #CLI} job is left alone while it showed progress within {@link #ABANDONED_AFTER}: a
     * {@code basis backfill} may be running beside the starting service on the same database, and a killed one is
     * taken over by its rerun.
     */
    public int recoverInterrupted() {
        return sql.recoverInterrupted(ABANDONED_AFTER);
    }

    /** Rows written by all backfills, all time (the {@code basis_backfill_rows_written_total} source). */
    public long rowsWrittenTotal() {
        return sql.rowsWrittenTotal();
    }
}
