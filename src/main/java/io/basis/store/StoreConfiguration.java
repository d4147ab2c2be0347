package io.basis.store;

import io.basis.config.BasisProperties;
import io.basis.store.db.TimeSeriesLayout;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;

/** Wires the storage pipeline. Every bean here starts after the Flyway migration has run. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PartitionManager partitionManager(DataSource dataSource, BasisProperties props, Clock clock,
                                      FlywayMigrationInitializer migrated) throws SQLException {
        checkRetentionTables(props);
        PartitionManager partitions = new PartitionManager(dataSource);
        partitions.load();
        TimeSeriesLayout.applyTimescale(dataSource, partitions, props.storage().retention());
        partitions.createAhead(clock.instant(), props.storage().partitionsAhead());
        return partitions;
    }

    /** A misspelt table in basis.storage.retention would silently keep data forever; refuse it at start-up. */
    static void checkRetentionTables(BasisProperties props) {
        java.util.Set<String> tables = new java.util.TreeSet<>();
        EventTables.timeSeries().forEach(t -> tables.add(t.table()));
        for (String key : props.storage().retention().keySet()) {
            if (!tables.contains(key)) {
                throw new io.basis.config.StartupException("basis.storage.retention." + key
                        + ": no such table; retention applies to " + String.join(", ", tables) + ".",
                        "Correct the table name in basis.storage.retention (or its BASIS_STORAGE_RETENTION_* variable).");
            }
        }
    }

    @Bean
    InstrumentIds instrumentIds(DataSource dataSource) {
        return new InstrumentIds(dataSource);
    }

    @Bean
    BatchWriter batchWriter(DataSource dataSource, InstrumentIds ids, PartitionManager partitions) {
        return new BatchWriter(dataSource, ids, partitions);
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    WriterStatistics writerStatistics(MeterRegistry registry) {
        return new WriterStatistics(registry);
    }

    @Bean(destroyMethod = "close")
    EventWriter eventWriter(DataSource dataSource, BatchWriter batchWriter, EventCodec codec, BasisProperties props,
                            WriterStatistics stats, Clock clock, EventQueries queries) {
        BasisProperties.Storage s = props.storage();
        Spool spool = new Spool(props.spoolDir(), s.spoolSegmentEvents(), codec);
        stats.seedNewestVenueTime(queries.newestVenueTime().orElse(null));
        EventWriter writer = new EventWriter(dataSource, batchWriter, spool, codec,
                new EventWriter.Settings(s.queueCapacity(), s.batchSize(), s.maxDelay(), s.retryInterval(),
                        s.spoolSegmentEvents()), stats, clock);
        writer.start();
        return writer;
    }

    /** Gaps buffered during a database outage are written on shutdown when the database is back by then. */
    @Bean(destroyMethod = "close")
    StreamGaps streamGaps(DataSource dataSource, Clock clock, PartitionManager migrated) {
        return new StreamGaps(dataSource, clock);
    }

    /** The gap ledger over stream_gap; its totals start from the database at start-up. */
    @Bean
    GapLedger gapLedger(DataSource dataSource, StreamGaps streamGaps, Clock clock) {
        GapLedger ledger = new GapLedger(dataSource, streamGaps, clock);
        ledger.refreshSummary();
        return ledger;
    }

    @Bean
    BackfillJobs backfillJobs(DataSource dataSource, Clock clock, PartitionManager migrated) {
        return new BackfillJobs(dataSource, clock);
    }

    @Bean
    GapDetectionQueries gapDetectionQueries(DataSource dataSource, PartitionManager migrated) {
        return new GapDetectionQueries(dataSource);
    }

    @Bean
    EventQueries eventQueries(DataSource dataSource, PartitionManager migratedAndPartitioned) {
        return new EventQueries(dataSource);
    }

    @Bean
    OptionQuoteCompactor optionQuoteCompactor(DataSource dataSource, PartitionManager partitions) {
        return new OptionQuoteCompactor(dataSource, partitions);
    }

    @Bean
    OptionQuotes optionQuotes(DataSource dataSource, PartitionManager migratedAndPartitioned) {
        return new OptionQuotes(dataSource);
    }
}
