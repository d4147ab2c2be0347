package io.basis.store;

import io.basis.BasisApplication;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.db.EmbeddedPostgresServer;
import io.basis.support.Fixtures;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on its own embedded PostgreSQL (the default mode): a database outage while events flow, and process
 * restarts, lose nothing and duplicate nothing.
 */
class DurabilityIT {
    private static final int QUEUE_CAPACITY = 2048;

    @Test
    void aDatabaseOutageWhileEventsFlowLosesAndDuplicatesNothingAndKeepsMemoryBounded() throws Exception {
        Path dataDir = TestDatabase.tempDir("basis-outage");
        try (ConfigurableApplicationContext ctx = start(dataDir)) {
            EventWriter writer = ctx.getBean(EventWriter.class);
            EmbeddedPostgresServer server = ctx.getBean(EmbeddedPostgresServer.class);
            int total = 12_000;
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        writer.publish(Fixtures.trade("BTCUSDT", "t" + i, Fixtures.at(i)));
                        if (i % 200 == 0) {
                            Thread.sleep(10);
                        }
                    }
                } catch (Throwable t) {
                    producerFailure.set(t);
                }
            });
            waitUntil(() -> writer.statistics().committedEvents() >= 1_000);
            server.stop();
            waitUntil(() -> writer.databaseState() == EventWriter.DatabaseState.DOWN);
            producer.join();
            assertThat(producerFailure.get()).isNull();
            assertThat(writer.awaitProcessed(Duration.ofSeconds(60))).isTrue();

            // Everything not yet stored is on disk, not in memory: the backlog exceeds what the queue can hold.
            assertThat(writer.spool().backlogEvents()).isGreaterThan(QUEUE_CAPACITY);
            assertThat(writer.queued()).isLessThanOrEqualTo(QUEUE_CAPACITY);
            assertThat(writer.statistics().outages()).isEqualTo(1);

            server.start();
            assertThat(writer.awaitStored(Duration.ofSeconds(120))).isTrue();
            assertThat(writer.databaseState()).isEqualTo(EventWriter.DatabaseState.UP);
            assertThat(writer.spool().backlogEvents()).isZero();
            assertThat(writer.spool().segments()).isZero();
            DataSource ds = ctx.getBean(DataSource.class);
            assertThat(scalar(ds, "SELECT count(*) FROM trade")).isEqualTo(total);
            assertThat(scalar(ds, "SELECT count(DISTINCT trade_id) FROM trade")).isEqualTo(total);
            assertThat(ctx.getBean(EventQueries.class).storedRows()).containsEntry(EventType.TRADE, (long) total);
        }
    }

    @Test
    void dataAndSpooledEventsSurviveRestarts() throws Exception {
        Path dataDir = TestDatabase.tempDir("basis-restart");
        List<MarketEvent> first = trades("a", 1_000);
        try (ConfigurableApplicationContext ctx = start(dataDir)) {
            EventWriter writer = ctx.getBean(EventWriter.class);
            writer.publishAll(first);
            assertThat(writer.awaitStored(Duration.ofSeconds(60))).isTrue();
        }

        List<MarketEvent> second = trades("b", 500);
        try (ConfigurableApplicationContext ctx = start(dataDir)) {
            assertThat(ctx.getBean(EventQueries.class).count(EventType.TRADE)).isEqualTo(1_000);
            assertThat(ctx.getBean(EventQueries.class).newestVenueTime()).contains(Fixtures.at(999));
            assertThat(ctx.getBean(WriterStatistics.class).newestVenueTime()).isEqualTo(Fixtures.at(999));
            // The database goes away and the process stops with events still unstored: they wait in the spool.
            ctx.getBean(EmbeddedPostgresServer.class).stop();
            EventWriter writer = ctx.getBean(EventWriter.class);
            writer.publishAll(second);
            assertThat(writer.awaitProcessed(Duration.ofSeconds(60))).isTrue();
            assertThat(writer.spool().backlogEvents()).isEqualTo(500);
        }

        try (ConfigurableApplicationContext ctx = start(dataDir)) {
            EventWriter writer = ctx.getBean(EventWriter.class);
            assertThat(writer.awaitStored(Duration.ofSeconds(60))).isTrue();
            assertThat(ctx.getBean(EventQueries.class).count(EventType.TRADE)).isEqualTo(1_500);
            writer.publishAll(first);       // replaying what is stored changes nothing
            assertThat(writer.awaitStored(Duration.ofSeconds(60))).isTrue();
            assertThat(ctx.getBean(EventQueries.class).count(EventType.TRADE)).isEqualTo(1_500);
        }
    }

    @Test
    void stoppingTheServiceStoresEverythingStillQueued() throws Exception {
        Path dataDir = TestDatabase.tempDir("basis-shutdown");
        List<MarketEvent> events = trades("q", 20_000);
        try (ConfigurableApplicationContext ctx = start(dataDir)) {
            ctx.getBean(EventWriter.class).publishAll(events);   // no waiting: close right away
        }
        try (ConfigurableApplicationContext ctx = start(dataDir)) {
            assertThat(ctx.getBean(EventWriter.class).awaitStored(Duration.ofSeconds(60))).isTrue();
            assertThat(ctx.getBean(EventQueries.class).count(EventType.TRADE)).isEqualTo(20_000);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments, so they win over application.yaml (builder properties are only defaults).
        return new SpringApplicationBuilder(BasisApplication.class).run(
                "--server.port=0", "--basis.connectors.enabled=false",
                "--basis.data-dir=" + dataDir,
                "--basis.db.url=",
                "--basis.storage.queue-capacity=" + QUEUE_CAPACITY,
                "--basis.storage.batch-size=250",
                "--basis.storage.max-delay=20ms",
                "--basis.storage.retry-interval=200ms",
                "--basis.storage.spool-segment-events=500");
    }

    private static List<MarketEvent> trades(String prefix, int n) {
        List<MarketEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.trade("ETHUSDT", prefix + i, Fixtures.at(i)));
        }
        return out;
    }

    private static long scalar(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached within 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
