package io.basis.ingest.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request-weight budgets of one venue, one per named bucket (e.g. Binance's main {@code REQUEST_WEIGHT} pool and
 * the separate {@code /futures/data} quota). {@link #acquire} waits (sleeping on the injected
 * {@link TimeSource}) until the weight fits the bucket's sliding window rather than failing. Thread-safe;
 * waiting callers do not hold the lock, and a caller's weight is booked the moment it fits.
 */
public final class WeightLimiter {
    private final TimeSource time;
    private final Map<String, SlidingWindow> windows = new LinkedHashMap<>();

    public WeightLimiter(Map<String, RateBudget> budgets, TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        budgets.forEach((bucket, b) -> windows.put(bucket, new SlidingWindow(b.limit(), b.window().toNanos())));
    }

    /**
     * Waits until {@code weight} fits {@code bucket}, then books it.
     *
     * @throws IllegalArgumentException for a bucket the venue's settings do not declare
     */
    public void acquire(String bucket, int weight) throws InterruptedException {
        SlidingWindow window = window(bucket);
        while (true) {
            long delay;
            synchronized (this) {
                long now = time.nanoTime();
                delay = window.delayFor(weight, now);
                if (delay <= 0) {
                    window.spend(weight, now);
                    return;
                }
            }
            time.sleep(java.time.Duration.ofNanos(delay));
        }
    }

    /** Adopts the venue's reported usage (e.g. {@code X-MBX-USED-WEIGHT-1M}) when it exceeds the local count. */
    public synchronized void observeUsed(String bucket, long used) {
        window(bucket).observeUsed(used, time.nanoTime());
    }

    /** Weight used in the current window, per bucket. */
    public synchronized Map<String, Integer> used() {
        long now = time.nanoTime();
        Map<String, Integer> used = new LinkedHashMap<>();
        windows.forEach((bucket, w) -> used.put(bucket, (int) Math.min(Integer.MAX_VALUE, w.used(now))));
        return used;
    }

    public boolean hasBucket(String bucket) {
        return windows.containsKey(bucket);
    }

    private SlidingWindow window(String bucket) {
        SlidingWindow window = windows.get(bucket);
        if (window == null) {
            throw new IllegalArgumentException("no rate budget named '" + bucket + "'; declared: " + windows.keySet());
        }
        return window;
    }
}
