package io.basis.api;

import io.basis.analytics.MlIndicators;
import io.basis.ingest.CollectionStatistics;
import io.basis.store.EventWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Service gauges on {@code /metrics}. The {@code crypto_derivatives_collector_*} names are a public contract kept from
 * the service Basis replaces (dashboards and alerts use them); the {@code basis_*} gauges expose the storage
 * pipeline. All are gauges read at scrape time from in-memory state, so a scrape never waits on the database.
 */
@Component
public class OpsMetrics implements MeterBinder {
    static final String PREFIX = "crypto_derivatives_collector_";

    private final CollectionStatistics collection;
    private final EventWriter writer;
    private final ServiceHealth health;
    private final TrackedScope scope;
    private final MlIndicators indicators;
    private final AtomicBoolean running = new AtomicBoolean();

    public OpsMetrics(CollectionStatistics collection, EventWriter writer, ServiceHealth health, TrackedScope scope,
                      MlIndicators indicators) {
        this.collection = collection;
        this.writer = writer;
        this.health = health;
        this.scope = scope;
        this.indicators = indicators;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, PREFIX + "total_collected", "events collected from venues since start-up",
                collection::eventsCollected);
        gauge(registry, PREFIX + "collection_errors", "collection errors since start-up", collection::errors);
        gauge(registry, PREFIX + "symbols_tracked", "symbols the enabled venues subscribe", scope::symbolsTracked);
        gauge(registry, PREFIX + "health_score", "health score 0..100", () -> health.assess().score());
        gauge(registry, PREFIX + "data_gap_hours",
                "the /health gap_hours: newest-data age or longest unresolved ledger gap of the last 24 h;"
                        + " NaN while nothing is stored", this::gapHours);
        gauge(registry, PREFIX + "running", "1 while the service runs", () -> running.get() ? 1 : 0);
        gauge(registry, PREFIX + "ml_indicators_generated", "indicator values computed since start-up",
                indicators::calculated);
        gauge(registry, PREFIX + "database_writes", "rows inserted since start-up",
                () -> writer.statistics().insertedRows());

        gauge(registry, "basis_writer_queue_size", "events waiting in the writer queue", writer::queued);
        gauge(registry, "basis_writer_queue_capacity", "capacity of the writer queue", writer::queueCapacity);
        gauge(registry, "basis_spool_backlog_events", "events spooled on disk awaiting the database",
                () -> writer.spool().backlogEvents());
        gauge(registry, "basis_spool_backlog_bytes", "bytes of spooled events on disk",
                () -> writer.spool().backlogBytes());
        gauge(registry, "basis_spool_segments", "spool segment files on disk", () -> writer.spool().segments());
        gauge(registry, "basis_database_up", "1 while the writer reaches the database",
                () -> writer.databaseState() == EventWriter.DatabaseState.UP ? 1 : 0);
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        running.set(true);
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        running.set(false);
    }

    private double gapHours() {
        Double hours = health.assess().gapHours();
        return hours == null ? Double.NaN : hours;
    }

    private static void gauge(MeterRegistry registry, String name, String description,
                              Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }
}
