package io.basis.ingest.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * What a venue's REST client is doing, for /status.
 *
 * @param pausedUntil  when a venue-wide pause (429/418/403) ends; {@code null} when not paused
 * @param pauseReason  {@code rate-limited}, {@code banned} or {@code forbidden}; {@code null} when not paused
 * @param usedWeight   weight used in the current window per bucket
 */
public record RestStatus(String venue, Instant pausedUntil, String pauseReason, Map<String, Integer> usedWeight,
                         CircuitBreaker.State breaker, long calls, long failedCalls) {

    public boolean paused() {
        return pausedUntil != null;
    }
}
