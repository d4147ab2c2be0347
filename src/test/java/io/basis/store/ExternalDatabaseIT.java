package io.basis.store;

import io.basis.BasisApplication;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.db.EmbeddedPostgresServer;
import io.basis.support.Fixtures;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * External-database mode against a separately started PostgreSQL from the distribution's packages. {@code .ci/run}
 * (via {@code .ci/external-postgres.sh}) starts it and sets {@code BASIS_IT_EXTERNAL_DB_URL}; on a developer machine
 * without it the test is skipped, in CI it must run.
 */
class ExternalDatabaseIT {
    private static final String URL = System.getenv("BASIS_IT_EXTERNAL_DB_URL");

    @BeforeAll
    static void requireExternalDatabase() {
        if (URL == null) {
            assertThat(System.getenv("CI")).as("CI must provide BASIS_IT_EXTERNAL_DB_URL (.ci/external-postgres.sh)")
                    .isNotEqualTo("true");
            Assumptions.abort("BASIS_IT_EXTERNAL_DB_URL not set: source .ci/external-postgres.sh to run this test");
        }
    }

    @Test
    void basisUsesAnExistingPostgresAndStartsNoEmbeddedServer() throws Exception {
        emptyDatabase();   // a first install: Flyway creates everything
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(BasisApplication.class).run(
                "--server.port=0", "--basis.connectors.enabled=false",
                "--basis.data-dir=" + TestDatabase.tempDir("basis-external"),
                "--basis.db.url=" + URL,
                "--basis.db.user=" + System.getenv("BASIS_IT_EXTERNAL_DB_USER"),
                "--basis.db.password=" + System.getenv("BASIS_IT_EXTERNAL_DB_PASSWORD"))) {
            assertThat(ctx.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable()).isNull();
            DataSource ds = ctx.getBean(DataSource.class);
            TestDatabase.truncateAll(ds);
            ctx.getBean(InstrumentIds.class).invalidate();
            assertThat(text(ds, "SELECT current_setting('port')"))
                    .isEqualTo(URL.replaceAll(".*:(\\d+)/.*", "$1"));
            assertThat(ctx.getBean(PartitionManager.class).isNativelyPartitioned("trade")).isTrue();

            EventWriter writer = ctx.getBean(EventWriter.class);
            List<MarketEvent> events = Fixtures.oneOfEach();
            writer.publishAll(events);
            writer.publishAll(events);
            assertThat(writer.awaitStored(Duration.ofSeconds(60))).isTrue();

            EventQueries queries = ctx.getBean(EventQueries.class);
            EventQueries.Filter all = new EventQueries.Filter(Fixtures.VENUE, null, null, null, 100);
            for (EventType type : EventType.values()) {
                assertThat(queries.range(type, all)).as(type.id())
                        .containsExactlyInAnyOrderElementsOf(events.stream().filter(e -> e.type() == type).toList());
            }
        }
    }

    private static void emptyDatabase() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(URL, System.getenv("BASIS_IT_EXTERNAL_DB_USER"),
                System.getenv("BASIS_IT_EXTERNAL_DB_PASSWORD")); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
        }
    }

    private static String text(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
