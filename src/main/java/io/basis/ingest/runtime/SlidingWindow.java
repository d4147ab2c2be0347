package io.basis.ingest.runtime;

import java.util.ArrayDeque;

/**
 * Weight spent in the last {@code windowNanos}: a log of (time, weight) entries. Keeping every window of that
 * length within the limit also keeps any fixed, clock-aligned window the venue counts in (Binance's per-minute
 * weight) within it. Not thread-safe; guarded by {@link WeightLimiter}.
 */
final class SlidingWindow {
    private record Entry(long at, int weight) {
    }

    private final int limit;
    private final long windowNanos;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long used;

    SlidingWindow(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /**
     * Nanoseconds until {@code weight} fits (0 = now). A weight above the limit fits once the window is empty,
     * so a call never waits forever.
     */
    long delayFor(int weight, long now) {
        expire(now);
        long excess = used + weight - limit;
        if (excess <= 0 || entries.isEmpty()) {
            return 0;
        }
        long freed = 0;
        for (Entry e : entries) {
            freed += e.weight;
            if (freed >= excess) {
                return e.at + windowNanos - now;
            }
        }
        return entries.peekLast().at + windowNanos - now;
    }

    void spend(int weight, long now) {
        if (weight > 0) {
            entries.addLast(new Entry(now, weight));
            used += weight;
        }
    }

    /** Adopts the venue's count when it is higher than ours (other clients on the same IP, or a restart). */
    void observeUsed(long venueUsed, long now) {
        expire(now);
        if (venueUsed > used) {
            spend((int) Math.min(Integer.MAX_VALUE, venueUsed - used), now);
        }
    }

    long used(long now) {
        expire(now);
        return used;
    }

    int limit() {
        return limit;
    }

    private void expire(long now) {
        while (!entries.isEmpty() && now - entries.peekFirst().at >= windowNanos) {
            used -= entries.pollFirst().weight;
        }
    }
}
