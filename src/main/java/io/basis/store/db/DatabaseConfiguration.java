package io.basis.store.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.basis.config.BasisProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database Basis writes to: an existing PostgreSQL when {@code basis.db.url} is set, otherwise an embedded
 * server under {@code <data-dir>/postgres} that Basis starts before the pool and stops after it.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(BasisProperties props) {
        if (props.db().external()) {
            return null;
        }
        return new EmbeddedPostgresServer(props.postgresDir(), props.db().embeddedPort()).start();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(BasisProperties props, ObjectProvider<EmbeddedPostgresServer> embedded) {
        if (props.db().external()) {
            log.info("using external PostgreSQL at {}", redact(props.db().url()));
            return pool("basis", props.db().url(), props.db().user(), props.db().password(), props.db().poolSize());
        }
        EmbeddedPostgresServer server = embedded.getObject();
        return pool("basis", server.jdbcUrl(), server.user(), null, props.db().poolSize());
    }

    /** The connection pool Basis uses (the benchmarks build theirs with it too). */
    public static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setPoolName(name);
        cfg.setMaximumPoolSize(size);
        // Short waits: when the database is down the writer must learn it quickly and spool instead.
        cfg.setConnectionTimeout(3_000);
        cfg.setValidationTimeout(2_000);
        cfg.setInitializationFailTimeout(30_000);
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        cfg.addDataSourceProperty("ApplicationName", name);
        return new HikariDataSource(cfg);
    }

    /** Native partitioning unless TimescaleDB is loadable and allowed; then plain tables become hypertables. */
    @Bean
    FlywayConfigurationCustomizer timePartitioningPlaceholder(BasisProperties props, DataSource dataSource) {
        return flyway -> {
            boolean timescale = props.db().timescale() == BasisProperties.Timescale.AUTO
                    && TimeSeriesLayout.timescaleAvailable(dataSource);
            flyway.placeholders(Map.of("time_partitioning", timescale ? "" : "PARTITION BY RANGE (ts)"));
        };
    }

    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    static boolean queryBoolean(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("database check failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
