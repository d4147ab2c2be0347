package io.basis.ingest.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link VenueRestClient} treats one venue. Start from {@link #of} (defaults noted there) and adjust with
 * the {@code with*} methods.
 *
 * @param budgets          weight budgets by bucket; {@link RestRequest#DEFAULT_BUCKET} must be present
 * @param usedWeightHeader response header carrying the venue's count for the default bucket (e.g.
 *                         {@code X-MBX-USED-WEIGHT-1M}); {@code null} if the venue sends none
 * @param maxRetries       retries of one call after 429, 5xx or transport errors (not after 418 or other 4xx)
 * @param retry            delay before retrying after 5xx or a transport error, by retry number
 * @param rateLimitPause   venue-wide pause after a 429 without {@code Retry-After}, by consecutive 429 count
 * @param banPause         venue-wide pause after a 418 without {@code Retry-After}, by consecutive ban count
 * @param forbiddenPause   venue-wide pause after a 403 (Bybit: "access too frequent", ≥ 10 min); {@code null}
 *                         when a 403 is an ordinary client error returned to the caller
 */
public record RestSettings(String venue, URI baseUri, Duration requestTimeout, Map<String, RateBudget> budgets,
                           String usedWeightHeader, int maxRetries, Escalation retry, Escalation rateLimitPause,
                           Escalation banPause, Duration forbiddenPause, int breakerThreshold,
                           Duration breakerCoolDown) {

    public RestSettings {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(baseUri, "baseUri");
        budgets = Map.copyOf(budgets);
        if (!budgets.containsKey(RestRequest.DEFAULT_BUCKET)) {
            throw new IllegalArgumentException(venue + ": no budget for the default bucket");
        }
        if (maxRetries < 0 || breakerThreshold < 1) {
            throw new IllegalArgumentException(venue + ": need maxRetries >= 0 and breakerThreshold >= 1");
        }
    }

    /**
     * Defaults: 10 s request timeout, 3 retries, retry delay 0.5 s doubling to 30 s, 429 pause 1 s doubling to
     * 5 min, 418 ban 2 min doubling to 3 days (Binance's escalation), 403 not paused, breaker opens after 5
     * consecutive failures for 30 s.
     */
    public static RestSettings of(String venue, URI baseUri, RateBudget defaultBudget) {
        return new RestSettings(venue, baseUri, Duration.ofSeconds(10),
                Map.of(RestRequest.DEFAULT_BUCKET, defaultBudget), null, 3,
                new Escalation(Duration.ofMillis(500), Duration.ofSeconds(30)),
                new Escalation(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                new Escalation(Duration.ofMinutes(2), Duration.ofDays(3)), null, 5, Duration.ofSeconds(30));
    }

    public RestSettings withBudget(String bucket, RateBudget budget) {
        Map<String, RateBudget> all = new LinkedHashMap<>(budgets);
        all.put(bucket, budget);
        return new RestSettings(venue, baseUri, requestTimeout, all, usedWeightHeader, maxRetries, retry,
                rateLimitPause, banPause, forbiddenPause, breakerThreshold, breakerCoolDown);
    }

    public RestSettings withUsedWeightHeader(String header) {
        return new RestSettings(venue, baseUri, requestTimeout, budgets, header, maxRetries, retry,
                rateLimitPause, banPause, forbiddenPause, breakerThreshold, breakerCoolDown);
    }

    public RestSettings withRequestTimeout(Duration timeout) {
        return new RestSettings(venue, baseUri, timeout, budgets, usedWeightHeader, maxRetries, retry,
                rateLimitPause, banPause, forbiddenPause, breakerThreshold, breakerCoolDown);
    }

    public RestSettings withRetries(int max, Escalation delay) {
        return new RestSettings(venue, baseUri, requestTimeout, budgets, usedWeightHeader, max, delay,
                rateLimitPause, banPause, forbiddenPause, breakerThreshold, breakerCoolDown);
    }

    public RestSettings withPauses(Escalation rateLimited, Escalation banned, Duration forbidden) {
        return new RestSettings(venue, baseUri, requestTimeout, budgets, usedWeightHeader, maxRetries, retry,
                rateLimited, banned, forbidden, breakerThreshold, breakerCoolDown);
    }

    public RestSettings withBreaker(int threshold, Duration coolDown) {
        return new RestSettings(venue, baseUri, requestTimeout, budgets, usedWeightHeader, maxRetries, retry,
                rateLimitPause, banPause, forbiddenPause, threshold, coolDown);
    }
}
