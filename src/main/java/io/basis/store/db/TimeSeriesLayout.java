package io.basis.store.db;

import io.basis.store.EventTable;
import io.basis.store.EventTables;
import io.basis.store.PartitionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * Turns the event tables into time-series storage after migration. With TimescaleDB (preloaded on the server and
 * not disabled) each plain table becomes a hypertable with compression (segmented by instrument) after 7 days and
 * a retention policy where configured. Otherwise the tables are natively range-partitioned by {@code ts} and the
 * {@link PartitionManager} creates and drops partitions.
 */
public final class TimeSeriesLayout {
    private static final Logger log = LoggerFactory.getLogger(TimeSeriesLayout.class);

    private TimeSeriesLayout() {
    }

    public static boolean timescaleAvailable(DataSource ds) {
        return DatabaseConfiguration.queryBoolean(ds,
                "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')"
                        + " AND current_setting('shared_preload_libraries') LIKE '%timescaledb%'");
    }

    /** Applies the TimescaleDB layout to every table that migration left unpartitioned; idempotent. */
    public static void applyTimescale(DataSource ds, PartitionManager partitions, Map<String, Duration> retention)
            throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean any = false;
            for (EventTable<?> t : EventTables.timeSeries()) {
                if (partitions.isNativelyPartitioned(t.table())) {
                    continue;
                }
                if (!any) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
                    any = true;
                }
                Duration chunk = t.partitionSpan() == io.basis.store.PartitionSpan.DAY ? Duration.ofDays(1)
                        : Duration.ofDays(30);
                s.execute("SELECT create_hypertable('" + t.table() + "', by_range('ts', INTERVAL '"
                        + chunk.toDays() + " days'), if_not_exists => true, migrate_data => true)");
                // TimescaleDB wants every natural-key column in segmentby or orderby to keep the key enforceable.
                String orderBy = String.join(", ", t.keyColumns().stream().filter(k -> !k.equals("instrument_id"))
                        .toList());
                s.execute("ALTER TABLE " + t.table() + " SET (timescaledb.compress,"
                        + " timescaledb.compress_segmentby = 'instrument_id', timescaledb.compress_orderby = '"
                        + orderBy + "')");
                s.execute("SELECT add_compression_policy('" + t.table() + "', INTERVAL '7 days', if_not_exists => true)");
                Duration keep = retention.get(t.table());
                if (keep != null && !keep.isZero() && !keep.isNegative()) {
                    s.execute("SELECT add_retention_policy('" + t.table() + "', INTERVAL '" + keep.toSeconds()
                            + " seconds', if_not_exists => true)");
                }
            }
            if (any) {
                log.info("TimescaleDB: event tables are hypertables with compression after 7 days");
            }
        }
    }
}
