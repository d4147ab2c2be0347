package io.basis.ingest.runtime;

import java.time.Duration;

/**
 * At most {@code limit} messages in any interval of length {@code period} (a sliding window, which also satisfies
 * any fixed-window count the venue may use), e.g. Binance's 10 client messages per second per connection.
 * {@link #reserve} books the earliest allowed send time and returns how long the caller must wait for it, so the
 * limiter itself never sleeps and can be driven by a fake clock.
 *
 * <p>Thread-safe; reservations are granted in call order.
 */
public final class MessageRateLimiter {
    private final int limit;
    private final long periodNanos;
    private final long[] sendTimes;
    private int next;
    private long reserved;

    public MessageRateLimiter(int limit, Duration period) {
        if (limit < 1 || period == null || !period.isPositive()) {
            throw new IllegalArgumentException("need limit >= 1 and a positive period: " + limit + "/" + period);
        }
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.sendTimes = new long[limit];
    }

    /**
     * Books one send at the earliest time at or after {@code nowNanos} that keeps the window within the limit.
     *
     * @return nanoseconds the caller must wait before sending (0 = send now)
     */
    public synchronized long reserve(long nowNanos) {
        long at = nowNanos;
        if (reserved >= limit) {
            at = Math.max(nowNanos, sendTimes[next] + periodNanos);
        }
        sendTimes[next] = at;
        next = (next + 1) % limit;
        reserved++;
        return at - nowNanos;
    }

    /** Messages booked so far. */
    public synchronized long reserved() {
        return reserved;
    }

    public int limit() {
        return limit;
    }

    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }
}
