package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of events in one transaction: all of it or none of it.
 *
 * <p>Insert-only tables first try a plain {@code COPY} straight into the table (as fast as PostgreSQL ingests).
 * If that hits a natural-key duplicate, the transaction is rolled back and retried with that table merged instead:
 * {@code COPY} into a temporary stage, then {@code INSERT ... SELECT ... ON CONFLICT}, so a duplicate never costs
 * the rest of the batch. After a duplicate the table stays on the merge path for a while (replays and backfills
 * come in runs). Tables whose conflicts update rows (newest observation wins) work the same way after keeping the
 * newest event per key within the batch: rows for new keys are plainly copied, updates of existing keys merge.
 * Stream watermarks of committed batches are written by {@link StreamWatermarks}. Used by one thread at a time.
 */
public final class BatchWriter {
    /** Batches that stay on the merge path after a duplicate was seen in a table. */
    private static final int MERGE_AFTER_CONFLICT = 64;
    /** COPY data is sent in chunks of about this size while later rows are still being built. */
    private static final int COPY_CHUNK_BYTES = 64 * 1024;

    private final DataSource dataSource;
    private final InstrumentIds instrumentIds;
    private final PartitionManager partitions;
    private final Map<EventType, Integer> mergeBatchesLeft = new EnumMap<>(EventType.class);
    private final StreamWatermarks watermarks = new StreamWatermarks(1_000_000_000L);

    public BatchWriter(DataSource dataSource, InstrumentIds instrumentIds, PartitionManager partitions) {
        this.dataSource = dataSource;
        this.instrumentIds = instrumentIds;
        this.partitions = partitions;
    }

    /** What one committed batch changed. */
    public record Result(int events, Map<EventType, Integer> inserted, Instant newestVenueTime) {
        public int insertedTotal() {
            return inserted.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public Result write(List<? extends MarketEvent> batch) throws SQLException {
        Map<EventType, List<MarketEvent>> byType = new EnumMap<>(EventType.class);
        Set<InstrumentIds.Key> keys = new HashSet<>();
        for (MarketEvent e : batch) {
            byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
            keys.add(new InstrumentIds.Key(e.venue(), e.symbol()));
        }
        Map<InstrumentIds.Key, Integer> ids = instrumentIds.resolve(keys);
        // No partition may be dropped between ensuring it and committing rows into it.
        partitions.writing().lock();
        try {
            for (Map.Entry<EventType, List<MarketEvent>> group : byType.entrySet()) {
                ensurePartitions(EventTables.of(group.getKey()), group.getValue());
            }
            // A duplicate in a table on the COPY path aborts the transaction; retry with that table merging.
            for (int attempt = 0; ; attempt++) {
                try {
                    Map<EventType, Integer> inserted = writeTransaction(byType, ids);
                    return new Result(batch.size(), inserted, watermarks.committed(batch, ids));
                } catch (DuplicateOnCopy d) {
                    if (attempt > EventType.values().length) {
                        throw d.getCause();
                    }
                    mergeBatchesLeft.put(d.type, MERGE_AFTER_CONFLICT);
                }
            }
        } finally {
            partitions.writing().unlock();
        }
    }

    /** Writes pending stream watermarks now if the writer is idle, so they do not wait for the next batch. */
    public void flushWatermarks() throws SQLException {
        if (watermarks.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            watermarks.write(c);
            watermarks.flushed();
        }
    }

    private Map<EventType, Integer> writeTransaction(Map<EventType, List<MarketEvent>> byType,
                                                     Map<InstrumentIds.Key, Integer> ids)
            throws SQLException, DuplicateOnCopy {
        Map<EventType, Integer> inserted = new EnumMap<>(EventType.class);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<EventType, List<MarketEvent>> group : byType.entrySet()) {
                    inserted.put(group.getKey(), writeGroup(c, EventTables.of(group.getKey()), group.getValue(), ids));
                }
                boolean flushWatermarks = watermarks.due();
                if (flushWatermarks) {
                    watermarks.write(c);
                }
                updateStoredRows(c, inserted);
                c.commit();
                if (flushWatermarks) {
                    watermarks.flushed();
                }
                return inserted;
            } catch (SQLException | RuntimeException | DuplicateOnCopy e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** A natural-key duplicate hit by the plain COPY of one table. */
    private static final class DuplicateOnCopy extends Exception {
        private final EventType type;

        DuplicateOnCopy(EventType type, SQLException cause) {
            super(cause);
            this.type = type;
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private <E extends MarketEvent> void ensurePartitions(EventTable<E> table, List<MarketEvent> events)
            throws SQLException {
        if (table.partitionSpan() == null) {
            return;
        }
        List<Instant> times = new ArrayList<>(events.size());
        for (MarketEvent e : events) {
            times.add(table.partitionTime(table.cast(e)));
        }
        partitions.ensure(table, times);
    }

    private <E extends MarketEvent> int writeGroup(Connection c, EventTable<E> table, List<MarketEvent> events,
                                                   Map<InstrumentIds.Key, Integer> ids)
            throws SQLException, DuplicateOnCopy {
        if (table.replacesOnConflict()) {
            events = newestPerKey(table, events, ids);
        }
        int left = mergeBatchesLeft.getOrDefault(table.type(), 0);
        if (left > 0) {
            mergeBatchesLeft.put(table.type(), left - 1);
            return merge(c, table, events, ids);
        }
        try {
            return copy(c, table.table(), table, events, ids);
        } catch (SQLException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw new DuplicateOnCopy(table.type(), e);
            }
            throw e;
        }
    }

    /** Keeps one event per natural key: the newest by venue time, later arrival winning ties. */
    private <E extends MarketEvent> List<MarketEvent> newestPerKey(EventTable<E> table, List<MarketEvent> events,
                                                                   Map<InstrumentIds.Key, Integer> ids) {
        Map<Object, MarketEvent> newest = new LinkedHashMap<>();
        for (MarketEvent e : events) {
            Object key = table.naturalKey(table.cast(e), ids.get(new InstrumentIds.Key(e.venue(), e.symbol())));
            newest.merge(key, e, (old, cur) -> cur.venueTime().isBefore(old.venueTime()) ? old : cur);
        }
        return new ArrayList<>(newest.values());
    }

    private <E extends MarketEvent> int merge(Connection c, EventTable<E> table, List<MarketEvent> events,
                                              Map<InstrumentIds.Key, Integer> ids) throws SQLException {
        String cols = String.join(", ", table.columns());
        String stage = "stage_" + table.table();
        try (Statement s = c.createStatement()) {
            // ON COMMIT DELETE ROWS empties the stage at every commit and rollback undoes its rows, so it is empty here.
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " ON COMMIT DELETE ROWS AS SELECT " + cols
                    + " FROM " + table.table() + " WITH NO DATA");
        }
        copy(c, stage, table, events, ids);
        String insert = "INSERT INTO " + table.table() + " (" + cols + ") SELECT " + cols + " FROM " + stage
                + " ON CONFLICT (" + String.join(", ", table.keyColumns()) + ") " + table.onConflict();
        try (Statement s = c.createStatement()) {
            if (!table.replacesOnConflict()) {
                return s.executeUpdate(insert);
            }
            // An update is not a new row: the stage holds one row per key, so new rows = staged - already present.
            // The LATERAL ... LIMIT 1 keeps this an index probe per staged row (the stage has no statistics, and a
            // hash join would scan the whole table).
            String keyMatch = table.keyColumns().stream().map(k -> "t." + k + " = s." + k)
                    .collect(java.util.stream.Collectors.joining(" AND "));
            int present;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + stage + " s CROSS JOIN LATERAL (SELECT 1 FROM "
                    + table.table() + " t WHERE " + keyMatch + " LIMIT 1) x")) {
                rs.next();
                present = rs.getInt(1);
            }
            s.executeUpdate(insert);
            return events.size() - present;
        }
    }

    /**
     * Streams the rows to PostgreSQL in chunks as they are built, so the server parses one chunk while the next is
     * built. Errors the server raises keep their SQLState (a duplicate stays 23505, a broken connection 08xxx).
     */
    private <E extends MarketEvent> int copy(Connection c, String target, EventTable<E> table,
                                             List<MarketEvent> events, Map<InstrumentIds.Key, Integer> ids)
            throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target + " (" + String.join(", ", table.columns()) + ") FROM STDIN");
        try {
            CopyRow rows = new CopyRow(Math.min(COPY_CHUNK_BYTES * 2, events.size() * 128));
            for (MarketEvent e : events) {
                table.appendRow(table.cast(e), ids.get(new InstrumentIds.Key(e.venue(), e.symbol())), rows);
                if (rows.size() >= COPY_CHUNK_BYTES) {
                    in.writeToCopy(rows.buffer(), 0, rows.size());
                    rows.reset();
                }
            }
            if (rows.size() > 0) {
                in.writeToCopy(rows.buffer(), 0, rows.size());
            }
            return (int) in.endCopy();
        } finally {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the original failure is what matters; the transaction is rolled back by the caller
                }
            }
        }
    }

    private static void updateStoredRows(Connection c, Map<EventType, Integer> inserted) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO stored_rows (event_type, rows) VALUES (?, ?)"
                + " ON CONFLICT (event_type) DO UPDATE SET rows = stored_rows.rows + excluded.rows")) {
            for (Map.Entry<EventType, Integer> e : inserted.entrySet()) {
                if (e.getValue() > 0) {
                    p.setString(1, e.getKey().id());
                    p.setLong(2, e.getValue());
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is already broken; the pool discards it
        }
    }
}
