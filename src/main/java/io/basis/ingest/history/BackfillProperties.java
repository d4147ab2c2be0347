package io.basis.ingest.history;

import io.basis.model.EventType;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Set;

/**
 * {@code basis.backfill.*}: the automatic backfill of ledger gaps and the start-up funding backfill.
 *
 * @param enabled            run the automatic loop (manual jobs work either way)
 * @param minGap             gaps shorter than this are left alone, except for {@code cheapTypes}
 * @param maxGap             gaps longer than this stay open for a manual backfill (logged once)
 * @param cheapTypes         event type ids fetched for any gap length when the venue marks them cheap
 * @param period             how often the loop looks for open gaps
 * @param concurrencyPerVenue jobs of one venue running at once
 * @param budgetShare        share (0..1] of each venue budget backfill may use; the rest stays for live polls
 * @param retryAfter         first pause before retrying a gap whose fetch failed transiently (doubling, capped at
 *                           {@code retryMax})
 * @param retryMax           longest such pause
 * @param startupFunding     funding history fetched for every tracked perpetual when a connector has started
 *                           (0: none)
 */
@ConfigurationProperties("basis.backfill")
public record BackfillProperties(Boolean enabled, Duration minGap, Duration maxGap, Set<String> cheapTypes,
                                 Duration period, Integer concurrencyPerVenue, Double budgetShare,
                                 Duration retryAfter, Duration retryMax, Duration startupFunding) {

    public BackfillProperties {
        enabled = enabled == null || enabled;
        minGap = minGap == null ? Duration.ofHours(2) : minGap;
        maxGap = maxGap == null ? Duration.ofHours(48) : maxGap;
        cheapTypes = cheapTypes == null ? Set.of(EventType.CANDLE.id(), EventType.FUNDING_RATE.id())
                : Set.copyOf(cheapTypes);
        period = period == null ? Duration.ofMinutes(1) : period;
        concurrencyPerVenue = concurrencyPerVenue == null ? 1 : concurrencyPerVenue;
        budgetShare = budgetShare == null ? 0.25 : budgetShare;
        retryAfter = retryAfter == null ? Duration.ofMinutes(1) : retryAfter;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        startupFunding = startupFunding == null ? Duration.ofHours(48) : startupFunding;
        if (minGap.isNegative() || !maxGap.isPositive() || minGap.compareTo(maxGap) > 0) {
            throw new IllegalArgumentException("basis.backfill: need 0 <= min-gap <= max-gap, max-gap > 0");
        }
        if (!period.isPositive() || concurrencyPerVenue < 1 || !(budgetShare > 0 && budgetShare <= 1)) {
            throw new IllegalArgumentException("basis.backfill: need period > 0, concurrency-per-venue >= 1,"
                    + " 0 < budget-share <= 1");
        }
        // a zero or negative pause would retry a failing venue on every pass
        if (!retryAfter.isPositive() || retryMax.compareTo(retryAfter) < 0 || startupFunding.isNegative()) {
            throw new IllegalArgumentException("basis.backfill: need retry-after > 0, retry-max >= retry-after,"
                    + " startup-funding >= 0");
        }
        for (String id : cheapTypes) {
            if (EventType.fromId(id).isEmpty()) {
                throw new IllegalArgumentException("basis.backfill.cheap-types: unknown event type " + id);
            }
        }
    }

    /** The defaults: on, 2 h .. 48 h, candles and funding without the floor, every minute, 1 job per venue, 25 %. */
    public static BackfillProperties defaults() {
        return new BackfillProperties(null, null, null, null, null, null, null, null, null, null);
    }

    public boolean cheap(EventType type) {
        return cheapTypes.contains(type.id());
    }
}
