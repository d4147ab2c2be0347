package io.basis.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The last {@code /api/v1/coverage} answer per venue filter, measured at most once per time-to-live. A measurement
 * probes every expected interval of every tracked stream ({@code CoverageQueries}: about 1.9 µs each, see
 * docs/BENCHMARKS.md; 100 symbols with four 1-minute types over 7 days are some 4 M intervals, about 8 s), so a
 * dashboard polling the endpoint, or several clients asking at once, would otherwise keep the database busy
 * measuring the same thing.
 *
 * <p>Only the first request of a filter waits for a measurement (concurrent ones wait for the same one). After
 * that, a request finding the answer older than the time-to-live gets it at once - its {@code timestamp} says when
 * it was measured - and starts the next measurement in the background, so a polling dashboard never stalls on it.
 * A failed measurement is not kept: the next request measures on its own thread and sees the failure (e.g. 503
 * while the database is down); one still running after {@link #GIVE_UP_AFTER_TTLS} time-to-lives is given up.
 * Thread-safe.
 */
final class CoverageCache {
    /** The shortest expected interval: a fresher answer could differ only by late or backfilled rows. */
    static final Duration TTL = Duration.ofMinutes(1);

    /**
     * A measurement still running after this many time-to-lives is given up (e.g. its connection hangs on a database
     * that went away without closing it; there is no statement timeout): the next request starts another, so the kept
     * answer does not grow older for good behind it.
     */
    static final int GIVE_UP_AFTER_TTLS = 10;

    /** A measurement started at {@code at}, and the answer before it (null for the first). */
    private record Entry(Instant at, CompletableFuture<CoverageResponse> answer, CoverageResponse previous) {
        boolean freshAt(Instant now, Duration ttl) {
            return now.isBefore(at.plus(answer.isDone() ? ttl : ttl.multipliedBy(GIVE_UP_AFTER_TTLS)));
        }

        boolean failed() {
            return answer.isCompletedExceptionally();
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final Executor background;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    CoverageCache(Clock clock, Duration ttl) {
        this(clock, ttl, refresh -> Thread.ofVirtual().name("basis-coverage-refresh").start(refresh));
    }

    /** @param background runs the measurements that refresh an answer already given */
    CoverageCache(Clock clock, Duration ttl, Executor background) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.background = Objects.requireNonNull(background, "background");
    }

    /**
     * The answer for {@code key}: the kept one while it is younger than the time-to-live; else the previous answer
     * while the next one is measured in the background; with no previous answer, the one being measured or
     * {@code measure} applied to now on this thread.
     */
    CoverageResponse get(String key, Function<Instant, CoverageResponse> measure) {
        Instant now = clock.instant();
        Entry[] started = new Entry[1];
        Entry entry = entries.compute(key, (k, old) -> {
            if (old != null && !old.failed() && old.freshAt(now, ttl)) {
                return old;
            }
            CoverageResponse previous = old == null || old.failed() ? null
                    : old.answer().isDone() ? old.answer().join() : old.previous();
            started[0] = new Entry(now, new CompletableFuture<>(), previous);
            return started[0];
        });
        Entry mine = started[0];
        if (mine != null && mine.previous() != null) {
            background.execute(() -> measure(key, mine, measure));
            return mine.previous();
        }
        if (mine != null) {
            measure(key, mine, measure);
        } else if (!entry.answer().isDone() && entry.previous() != null) {
            return entry.previous();
        }
        try {
            return entry.answer().join();
        } catch (CompletionException failed) {
            // a waiter gets the measuring request's own failure (e.g. the database is down: 503)
            switch (failed.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw failed;
            }
        }
    }

    private void measure(String key, Entry entry, Function<Instant, CoverageResponse> measure) {
        try {
            entry.answer().complete(measure.apply(entry.at()));
        } catch (RuntimeException | Error failure) {
            entries.remove(key, entry);
            entry.answer().completeExceptionally(failure);
        }
    }
}
