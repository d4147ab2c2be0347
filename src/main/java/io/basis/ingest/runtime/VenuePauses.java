package io.basis.ingest.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The venue-wide pause a REST client keeps after the venue says stop: 429 (rate limited), 418 (IP banned) and,
 * where configured, 403. While paused every call of the venue waits in {@link #await}. The pause is the
 * {@code Retry-After} the venue sent, else an escalating default per kind that resets after a successful call.
 * A new pause never shortens a running one. Thread-safe.
 */
final class VenuePauses {
    static final String RATE_LIMITED = "rate-limited";
    static final String BANNED = "banned";
    static final String FORBIDDEN = "forbidden";

    private final RestSettings settings;
    private final TimeSource time;
    private long untilNanos;
    private Instant until;
    private String reason;
    private int rateLimitedInARow;
    private int bansInARow;

    VenuePauses(RestSettings settings, TimeSource time) {
        this.settings = settings;
        this.time = time;
    }

    /** Blocks while the venue is paused. */
    void await() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                wait = untilNanos - time.nanoTime();
                if (until == null || wait <= 0) {
                    return;
                }
            }
            time.sleep(Duration.ofNanos(wait));
        }
    }

    synchronized Duration rateLimited(Optional<Duration> retryAfter) {
        Duration d = retryAfter.orElseGet(() -> settings.rateLimitPause().step(rateLimitedInARow));
        rateLimitedInARow = Math.min(rateLimitedInARow + 1, 62);
        return pause(d, RATE_LIMITED);
    }

    synchronized Duration banned(Optional<Duration> retryAfter) {
        Duration d = retryAfter.orElseGet(() -> settings.banPause().step(bansInARow));
        bansInARow = Math.min(bansInARow + 1, 62);
        return pause(d, BANNED);
    }

    synchronized Duration forbidden() {
        return pause(settings.forbiddenPause(), FORBIDDEN);
    }

    synchronized void succeeded() {
        rateLimitedInARow = 0;
        bansInARow = 0;
    }

    /** When the current pause ends, or {@code null} when not paused. */
    synchronized Instant pausedUntil() {
        return active() ? until : null;
    }

    synchronized String reason() {
        return active() ? reason : null;
    }

    private boolean active() {
        return until != null && untilNanos - time.nanoTime() > 0;
    }

    private Duration pause(Duration d, String why) {
        long end = time.nanoTime() + d.toNanos();
        if (!active() || end - untilNanos > 0) {
            untilNanos = end;
            until = time.now().plus(d);
            reason = why;
        }
        return d;
    }
}
