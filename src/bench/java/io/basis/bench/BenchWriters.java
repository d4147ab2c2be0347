package io.basis.bench;

import io.basis.store.BatchWriter;
import io.basis.store.EventCodec;
import io.basis.store.EventWriter;
import io.basis.store.InstrumentIds;
import io.basis.store.PartitionManager;
import io.basis.store.Spool;
import io.basis.store.WriterStatistics;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Fresh {@link EventWriter}s over one bench database, configured as the service's (queue
 * {@link StorePhases#QUEUE_CAPACITY}, at most {@link StorePhases#MAX_DELAY} per batch), each with its own spool
 * directory; all share one {@link BatchWriter}, its {@link InstrumentIds} and {@link PartitionManager}.
 */
final class BenchWriters {
    private final BenchDatabase db;
    private final int batch;
    private final PartitionManager partitions;
    private final InstrumentIds ids;
    private final BatchWriter batchWriter;
    private final EventCodec codec = new EventCodec();
    private int started;

    BenchWriters(BenchDatabase db, int batch) throws SQLException {
        this.db = db;
        this.batch = batch;
        this.partitions = new PartitionManager(db.dataSource());
        partitions.load();
        this.ids = new InstrumentIds(db.dataSource());
        this.batchWriter = new BatchWriter(db.dataSource(), ids, partitions);
    }

    PartitionManager partitions() {
        return partitions;
    }

    InstrumentIds ids() {
        return ids;
    }

    /** A started writer of up to {@code batch} events a batch, spooling into {@code spool-<n>} of the bench dir. */
    EventWriter start(WriterStatistics stats) {
        EventWriter w = new EventWriter(db.dataSource(), batchWriter,
                new Spool(db.dir().resolve("spool-" + (++started)), 20_000, codec), codec,
                new EventWriter.Settings(StorePhases.QUEUE_CAPACITY, batch, StorePhases.MAX_DELAY,
                        Duration.ofSeconds(2), 20_000), stats, Clock.systemUTC());
        w.start();
        return w;
    }
}
