package io.basis.ingest.runtime;

import java.time.Duration;

/**
 * A venue's documented request budget: at most {@code limit} weight in any {@code window}, e.g. Binance
 * {@code REQUEST_WEIGHT} 2400 per minute, OKX 20 requests (weight 1 each) per 2 s.
 */
public record RateBudget(int limit, Duration window) {
    public RateBudget {
        if (limit < 1 || window == null || !window.isPositive()) {
            throw new IllegalArgumentException("need limit >= 1 and a positive window: " + limit + "/" + window);
        }
    }
}
