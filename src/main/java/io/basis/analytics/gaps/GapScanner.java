package io.basis.analytics.gaps;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.store.GapDetectionQueries;
import io.basis.store.GapDetectionQueries.Hole;
import io.basis.store.GapLedger;
import io.basis.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Periodic scan of stored data for holes the runtime could not see ({@code basis.gaps.scan.interval}, 15 min;
 * over the last {@code basis.gaps.scan.window}, 48 h): candles missing between stored candles of an instrument,
 * funding settlements missing by the instrument's funding interval, open-interest polls more than twice their
 * usual spacing apart (see {@link GapDetectionQueries}). Each hole becomes a {@code scan} gap merged with the
 * ledger ({@link GapLedger#recordScan}): ranges the ledger already holds for that stream, in any state, are not
 * recorded again, nor is a remainder in which no row was due (the seconds between a start-up downtime row's end
 * and the first candle or poll after the restart), and a hole continuing an open scan gap extends it. Off with
 * {@code basis.gaps.scan.enabled=false}.
 */
@Component
public class GapScanner {
    private static final Logger log = LoggerFactory.getLogger(GapScanner.class);

    private record StreamSpacing(String venue, String symbol, String eventType, GapLedger.Spacing spacing) {
    }

    private final VenuesConfig venues;
    private final GapDetectionQueries queries;
    private final GapLedger ledger;
    private final Clock clock;
    private final boolean enabled;
    private final Duration window;

    public GapScanner(VenuesConfig venues, GapDetectionQueries queries, GapLedger ledger, Clock clock,
                      @Value("${basis.gaps.scan.enabled:true}") boolean enabled,
                      @Value("${basis.gaps.scan.window:PT48H}") Duration window) {
        this.venues = venues;
        this.queries = queries;
        this.ledger = ledger;
        this.clock = clock;
        this.enabled = enabled;
        this.window = window;
    }

    @Scheduled(initialDelayString = "${basis.gaps.scan.interval:PT15M}",
            fixedDelayString = "${basis.gaps.scan.interval:PT15M}")
    public void scheduledScan() {
        if (!enabled) {
            return;
        }
        try {
            int changed = scan(venues.enabled().stream().map(VenueConfig::id).toList(), clock.instant());
            if (changed > 0) {
                log.info("gap scan: {} missing range(s) recorded or extended", changed);
            }
        } catch (StoreException e) {
            log.warn("gap scan failed, retrying at the next run: {}", e.getMessage());
        }
    }

    /** Scans the window ending at {@code now}; returns the ledger rows inserted or extended. */
    public int scan(List<String> venueIds, Instant now) {
        Instant from = now.minus(window);
        List<Hole> holes = new ArrayList<>();
        holes.addAll(queries.candleHoles(venueIds, from, now));
        holes.addAll(queries.fundingHoles(venueIds, from, now));
        holes.addAll(queries.openInterestHoles(venueIds, from, now));
        // one call per stream and spacing: the candles of several intervals of an instrument are one stream
        Map<StreamSpacing, List<GapLedger.Range>> byStream = new LinkedHashMap<>();
        for (Hole h : holes) {
            byStream.computeIfAbsent(new StreamSpacing(h.venue(), h.symbol(), h.eventType(), h.spacing()),
                    k -> new ArrayList<>()).add(new GapLedger.Range(h.from(), h.to()));
        }
        int changed = 0;
        for (Map.Entry<StreamSpacing, List<GapLedger.Range>> e : byStream.entrySet()) {
            StreamSpacing k = e.getKey();
            changed += ledger.recordScan(k.venue(), k.symbol(), k.eventType(), e.getValue(), k.spacing());
        }
        ledger.refreshSummary();
        return changed;
    }
}
