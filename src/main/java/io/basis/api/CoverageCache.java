package io.basis.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The last {@code /api/v1/coverage} answer per venue filter, measured at most once per time-to-live. A measurement
 * probes every expected interval of every tracked stream ({@code CoverageQueries}: about 2.7 µs each; 100 symbols
 * with four 1-minute types over 7 days are some 4 M intervals, about 11 s), so a dashboard polling the endpoint, or
 * several clients asking at once, would otherwise keep the database busy measuring the same thing. Requests for a
 * filter whose measurement is in progress wait for it instead of starting another; a failed measurement is not kept.
 * Thread-safe.
 */
final class CoverageCache {
    /** The shortest expected interval: a fresher answer could differ only by late or backfilled rows. */
    static final Duration TTL = Duration.ofMinutes(1);

    private record Entry(Instant at, CompletableFuture<CoverageResponse> answer) {
        boolean usableAt(Instant now, Duration ttl) {
            return !answer.isDone() || (!answer.isCompletedExceptionally() && now.isBefore(at.plus(ttl)));
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    CoverageCache(Clock clock, Duration ttl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * The answer for {@code key}: the kept one while it is younger than the time-to-live, the one being measured,
     * or {@code measure} applied to now on this thread.
     */
    CoverageResponse get(String key, Function<Instant, CoverageResponse> measure) {
        Instant now = clock.instant();
        Entry mine = new Entry(now, new CompletableFuture<>());
        Entry entry = entries.compute(key, (k, old) -> old != null && old.usableAt(now, ttl) ? old : mine);
        if (entry == mine) {
            try {
                mine.answer().complete(measure.apply(now));
            } catch (RuntimeException | Error failure) {
                entries.remove(key, mine);
                mine.answer().completeExceptionally(failure);
                throw failure;
            }
        }
        try {
            return entry.answer().join();
        } catch (CompletionException failed) {
            // a waiter gets the measuring request's own failure (e.g. the database is down: 503)
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
