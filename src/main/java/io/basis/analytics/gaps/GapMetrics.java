package io.basis.analytics.gaps;

import io.basis.store.GapLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The gap ledger on {@code /metrics}: {@code basis_gaps_open}, {@code basis_gaps_backfilling},
 * {@code basis_gaps_unfillable}, {@code basis_gap_hours{venue,stream}} (open + backfilling hours; {@code stream} is
 * the data type, or {@code connection} for a connection gap not yet expanded, so the series are bounded by venues x
 * types), {@code basis_backfill_rows_written_total}. All read the ledger's cached {@link GapLedger.Summary}, which
 * this class refreshes every {@code basis.gaps.summary-interval} (30 s; also after scans and at start-up), so a
 * scrape never waits on the database.
 */
@Component
public class GapMetrics implements MeterBinder {
    private final GapLedger ledger;
    private volatile MultiGauge gapHours;

    public GapMetrics(GapLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("basis_gaps_open", ledger, l -> l.summary().open())
                .description("gap ledger rows open (missing, not yet backfilled)").register(registry);
        Gauge.builder("basis_gaps_backfilling", ledger, l -> l.summary().backfilling())
                .description("gap ledger rows being backfilled").register(registry);
        Gauge.builder("basis_gaps_unfillable", ledger, l -> l.summary().unfillable())
                .description("missing ranges the venues no longer serve").register(registry);
        FunctionCounter.builder("basis_backfill_rows_written", ledger, l -> l.summary().backfillRowsWritten())
                .description("rows written by backfills, all time").register(registry);
        gapHours = MultiGauge.builder("basis_gap_hours")
                .description("open and backfilling gap hours by venue and data type").register(registry);
        update();
    }

    /** Refreshes the ledger totals and the per-stream hours. */
    @Scheduled(initialDelayString = "${basis.gaps.summary-interval:PT30S}",
            fixedDelayString = "${basis.gaps.summary-interval:PT30S}")
    public void refresh() {
        ledger.flush();
        ledger.refreshSummary();
        update();
    }

    private void update() {
        MultiGauge g = gapHours;
        if (g == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = ledger.summary().unresolvedHours().stream()
                .<MultiGauge.Row<?>>map(h -> MultiGauge.Row.of(Tags.of("venue", h.venue(), "stream", h.stream()),
                        h.hours()))
                .toList();
        g.register(rows, true);
    }
}
