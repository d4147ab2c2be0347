package io.basis.analytics.gaps;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapCauses;
import io.basis.store.GapDetectionQueries;
import io.basis.store.GapDetectionQueries.BackfillReach;
import io.basis.store.GapDetectionQueries.Watermark;
import io.basis.store.GapLedger;
import io.basis.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start-up check: for the time Basis was not running, one {@code process-down} gap per stream of an enabled
 * venue, from the stream's newest stored event to the start, when that is longer than the stream's expected
 * interval ({@link #EXPECTED}). Streams that had already stopped before the shutdown (newest venue time more than
 * {@link #LIVE_WINDOW} or its expected interval before the venue last delivered live, see {@link #lastAlive}; e.g. an
 * expired option) and
 * liquidations (no regular interval) are skipped. Runs once per start, before the connectors start (they listen for
 * the later ApplicationReadyEvent), so their first writes cannot move a watermark first. Idempotent across starts:
 * a start without new data since the last one extends the same row (same stream, start and cause).
 *
 * <p>The watermarks are read only once the writer has drained the spool a previous run left on disk (at most
 * {@code basis.gaps.startup-check.spool-wait}, 2 min): events spooled during a database outage before the shutdown
 * are not in the database yet, so their streams would look silent since before the outage and the downtime would be
 * overstated. The gaps end when the check runs, after that wait, so the wait itself is not left out of them.
 *
 * <p>Also ends what a crash left in progress: jobs still queued or running fail (except a {@code basis backfill} job
 * that still shows progress: that command may be running beside the service), then the ledger rows those jobs held
 * reopen. Off with {@code basis.gaps.startup-check.enabled=false}.
 */
@Component
public class DowntimeCheck {
    private static final Logger log = LoggerFactory.getLogger(DowntimeCheck.class);

    /** Expected interval per event type; a stream silent for longer than this while Basis was down has a gap. */
    static final Map<String, Duration> EXPECTED = Map.ofEntries(
            Map.entry("trade", Duration.ofMinutes(1)),
            Map.entry("book-snapshot", Duration.ofMinutes(1)),
            Map.entry("mark-price", Duration.ofMinutes(1)),
            Map.entry("index-price", Duration.ofMinutes(1)),
            Map.entry("option-ticker", Duration.ofMinutes(1)),
            Map.entry("candle", Duration.ofMinutes(2)),
            Map.entry("volatility-index", Duration.ofMinutes(5)),
            Map.entry("open-interest", Duration.ofMinutes(15)),
            Map.entry("long-short-ratio", Duration.ofMinutes(15)),
            Map.entry("funding-rate", Duration.ofHours(8)));

    /**
     * A stream counts as live at shutdown when its newest row is within this (or its expected interval) of the
     * venue's last live delivery ({@link #lastAlive}).
     */
    static final Duration LIVE_WINDOW = Duration.ofHours(1);

    /** Backfill jobs whose range ends within this before the start are the ones that may hold streams' newest rows. */
    static final Duration BACKFILL_LOOKBACK = Duration.ofDays(7);

    private final VenuesConfig venues;
    private final GapDetectionQueries queries;
    private final GapLedger ledger;
    private final BackfillJobs jobs;
    private final EventWriter writer;
    private final Clock clock;
    private final boolean enabled;
    private final Duration spoolWait;

    public DowntimeCheck(VenuesConfig venues, GapDetectionQueries queries, GapLedger ledger, BackfillJobs jobs,
                         EventWriter writer, Clock clock,
                         @Value("${basis.gaps.startup-check.enabled:true}") boolean enabled,
                         @Value("${basis.gaps.startup-check.spool-wait:PT2M}") Duration spoolWait) {
        this.venues = venues;
        this.queries = queries;
        this.ledger = ledger;
        this.jobs = jobs;
        this.writer = writer;
        this.clock = clock;
        this.enabled = enabled;
        this.spoolWait = spoolWait;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void onStart() {
        if (!enabled) {
            return;
        }
        try {
            int running = jobs.recoverInterrupted();   // first: rows are reopened only when their job is over
            int rows = ledger.recoverInterrupted();
            int gaps = detectAfterSpool(venues.enabled().stream().map(VenueConfig::id).toList());
            ledger.refreshSummary();
            if (rows + running + gaps > 0) {
                log.info("start-up: {} stream(s) missing data while Basis was down; {} interrupted backfill job(s)"
                        + " and {} gap(s) reopened", gaps, running, rows);
            }
        } catch (StoreException e) {
            log.warn("start-up gap check failed (database unreachable?): {}", e.getMessage());
        }
    }

    /**
     * Waits (at most the spool wait) until the writer's spool is drained, then records the downtime gaps up to now;
     * returns how many streams had one.
     */
    public int detectAfterSpool(List<String> venueIds) {
        try {
            if (!writer.awaitStored(spoolWait)) {
                log.warn("start-up gap check: the spool still holds {} event(s) after {}; downtime of their streams"
                        + " is measured from what is stored and may be overstated", writer.spool().backlogEvents(),
                        spoolWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return detect(venueIds, clock.instant());
    }

    /** Records the downtime gaps of the venues' streams up to {@code start}; returns how many streams had one. */
    public int detect(List<String> venueIds, Instant start) {
        List<Watermark> marks = queries.watermarks(venueIds);
        Map<String, Instant> lastAlive = lastAlive(marks,
                queries.backfillsEndingAfter(venueIds, start.minus(BACKFILL_LOOKBACK)), start);
        int found = 0;
        for (Watermark w : marks) {
            Duration expected = EXPECTED.get(w.eventType());
            if (expected == null || !Duration.between(w.newestTs(), start).minus(expected).isPositive()) {
                continue;
            }
            Duration live = expected.compareTo(LIVE_WINDOW) > 0 ? expected : LIVE_WINDOW;
            Instant venueAlive = lastAlive.get(w.venue());
            if (venueAlive != null && Duration.between(w.newestTs(), venueAlive).compareTo(live) > 0) {
                continue;
            }
            ledger.record(w.venue(), w.symbol(), w.eventType(), w.newestTs(), start, GapCauses.PROCESS_DOWN);
            found++;
        }
        ledger.flush();
        return found;
    }

    /**
     * What each venue last delivered live, by venue time: the newest of its streams whose newest row no backfill job
     * may have stored (so when none is left, the newest of all). Receive times cannot tell: a backfill, such as a
     * basis backfill run while the service was stopped, stores old rows with recent receive times; and a backfill up
     * to the present would make every stream it did not fetch look stopped before the shutdown. A venue time after
     * the start counts as the start.
     */
    static Map<String, Instant> lastAlive(List<Watermark> marks, List<BackfillReach> backfills, Instant start) {
        Map<String, Instant> live = new HashMap<>();
        Map<String, Instant> any = new HashMap<>();
        for (Watermark w : marks) {
            Instant ts = w.newestTs().isAfter(start) ? start : w.newestTs();
            any.merge(w.venue(), ts, DowntimeCheck::later);
            if (backfills.stream().noneMatch(b -> b.covers(w))) {
                live.merge(w.venue(), ts, DowntimeCheck::later);
            }
        }
        any.putAll(live);
        return any;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
