package io.basis.api;

import io.basis.analytics.HealthScore;
import io.basis.ingest.CollectionStatistics;
import io.basis.store.EventWriter;
import io.basis.store.GapLedger;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gathers the live inputs of {@link HealthScore} (clock, writer, collection counters, cached stored-row counts, the
 * gap ledger's cached totals) and evaluates it. Never touches the database directly and never throws, so /health
 * answers during an outage.
 *
 * <p>The gap is the longer of the time since the newest stored venue time (a hole still in progress, which the
 * ledger records only once the stream is back) and the longest unresolved (open or backfilling) ledger range
 * overlapping the last 24 hours, clipped to them. Filled ranges no longer count; unfillable and ignored ones are
 * reported on /metrics and /api/v1/gaps instead, since nothing is left to do about them.
 */
@Component
public class ServiceHealth {

    /**
     * One evaluation.
     *
     * @param at            when it was made (the service clock)
     * @param score         0..100
     * @param gap           the longer of the time since the newest stored venue time and the longest unresolved
     *                      ledger gap of the last 24 h; {@code null} when nothing is stored
     * @param storedRecords stored rows, possibly a few seconds old or last known during an outage
     */
    public record Assessment(Instant at, int score, Duration gap, long storedRecords) {
        /** {@link HealthScore#gapHours(Duration)}: one decimal, {@code null} when nothing is stored. */
        public Double gapHours() {
            return HealthScore.gapHours(gap);
        }

        /** "healthy" or "stale". */
        public String dataFreshness() {
            return HealthScore.fresh(gap) ? "healthy" : "stale";
        }

        /** /health verdict: "healthy" or "degraded". */
        public String healthStatus() {
            return HealthScore.healthy(score, gap) ? "healthy" : "degraded";
        }

        /** /status verdict: "operational" or "degraded". */
        public String serviceStatus() {
            return HealthScore.operational(score) ? "operational" : "degraded";
        }
    }

    private final Clock clock;
    private final EventWriter writer;
    private final CollectionStatistics collection;
    private final StoredRowsCache storedRows;
    private final GapLedger ledger;

    public ServiceHealth(Clock clock, EventWriter writer, CollectionStatistics collection,
                         StoredRowsCache storedRows, GapLedger ledger) {
        this.clock = clock;
        this.writer = writer;
        this.collection = collection;
        this.storedRows = storedRows;
        this.ledger = ledger;
    }

    /** Evaluates the health score now. */
    public Assessment assess() {
        Instant now = clock.instant();
        // newestVenueTime is seeded from the database at start-up and advanced by every commit.
        Instant newest = writer.statistics().newestVenueTime();
        Duration gap = newest == null ? null : Duration.between(newest, now);
        Duration unresolved = ledger.summary().longestUnresolved24h();
        if (gap != null && unresolved.compareTo(gap) > 0) {
            gap = unresolved;
        }
        long records = storedRows.total();
        int score = HealthScore.score(new HealthScore.Inputs(gap, collection.totalCollections(),
                collection.successfulCollections(), records, collection.eventsCollected(), collection.errors()));
        return new Assessment(now, score, gap, records);
    }
}
