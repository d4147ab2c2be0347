package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of events in one transaction: all of it or none of it.
 *
 * <p>Insert-only tables first try a plain {@code COPY} straight into the table (as fast as PostgreSQL ingests).
 * If that hits a natural-key duplicate, the table's part of the batch is rolled back to a savepoint and merged
 * instead: {@code COPY} into a temporary stage, then {@code INSERT ... SELECT ... ON CONFLICT}, so a duplicate
 * never costs the rest of the batch. After a duplicate the table stays on the merge path for a while (replays and
 * backfills come in runs). Tables whose conflicts update rows always merge. Used by one thread at a time.
 */
public final class BatchWriter {
    /** Batches that stay on the merge path after a duplicate was seen in a table. */
    private static final int MERGE_AFTER_CONFLICT = 64;

    private final DataSource dataSource;
    private final InstrumentIds instrumentIds;
    private final PartitionManager partitions;
    private final Map<EventType, Integer> mergeBatchesLeft = new EnumMap<>(EventType.class);

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
        for (Map.Entry<EventType, List<MarketEvent>> group : byType.entrySet()) {
            ensurePartitions(EventTables.of(group.getKey()), group.getValue());
        }

        Map<EventType, Integer> inserted = new EnumMap<>(EventType.class);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<EventType, List<MarketEvent>> group : byType.entrySet()) {
                    inserted.put(group.getKey(), writeGroup(c, EventTables.of(group.getKey()), group.getValue(), ids));
                }
                Instant newest = updateWatermarks(c, batch, ids);
                updateStoredRows(c, inserted);
                c.commit();
                return new Result(batch.size(), inserted, newest);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
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
                                                   Map<InstrumentIds.Key, Integer> ids) throws SQLException {
        if (table.replacesOnConflict()) {
            return merge(c, table, newestPerKey(table, events, ids), ids);
        }
        int left = mergeBatchesLeft.getOrDefault(table.type(), 0);
        if (left > 0) {
            mergeBatchesLeft.put(table.type(), left - 1);
            return merge(c, table, events, ids);
        }
        Savepoint sp = c.setSavepoint();
        try {
            int rows = copy(c, table.table(), table, events, ids);
            c.releaseSavepoint(sp);
            return rows;
        } catch (SQLException e) {
            if (!DatabaseFailures.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(sp);
            mergeBatchesLeft.put(table.type(), MERGE_AFTER_CONFLICT);
            return merge(c, table, events, ids);
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
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " ON COMMIT DELETE ROWS AS SELECT " + cols
                    + " FROM " + table.table() + " WITH NO DATA");
            s.execute("TRUNCATE " + stage);
        }
        copy(c, stage, table, events, ids);
        String insert = "INSERT INTO " + table.table() + " (" + cols + ") SELECT " + cols + " FROM " + stage
                + " ON CONFLICT (" + String.join(", ", table.keyColumns()) + ") " + table.onConflict();
        try (Statement s = c.createStatement()) {
            if (!table.replacesOnConflict()) {
                return s.executeUpdate(insert);
            }
            // An update is not a new row. The stage holds one row per key, so new rows = staged - already present.
            int present;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + stage + " JOIN " + table.table()
                    + " USING (" + String.join(", ", table.keyColumns()) + ")")) {
                rs.next();
                present = rs.getInt(1);
            }
            s.executeUpdate(insert);
            return events.size() - present;
        }
    }

    private <E extends MarketEvent> int copy(Connection c, String target, EventTable<E> table,
                                             List<MarketEvent> events, Map<InstrumentIds.Key, Integer> ids)
            throws SQLException {
        CopyRow rows = new CopyRow(events.size() * 96);
        for (MarketEvent e : events) {
            table.appendRow(table.cast(e), ids.get(new InstrumentIds.Key(e.venue(), e.symbol())), rows);
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try {
            return (int) copy.copyIn("COPY " + target + " (" + String.join(", ", table.columns()) + ") FROM STDIN",
                    new ByteArrayInputStream(rows.toBytes()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), "08006", e);
        }
    }

    private Instant updateWatermarks(Connection c, List<? extends MarketEvent> batch,
                                     Map<InstrumentIds.Key, Integer> ids) throws SQLException {
        record Stream(int instrumentId, EventType type) {
        }
        Map<Stream, Instant[]> newest = new HashMap<>();
        Instant newestOverall = null;
        for (MarketEvent e : batch) {
            if (e.type() == EventType.INSTRUMENT) {
                continue;
            }
            Stream s = new Stream(ids.get(new InstrumentIds.Key(e.venue(), e.symbol())), e.type());
            Instant[] cur = newest.computeIfAbsent(s, k -> new Instant[]{e.venueTime(), e.receivedAt()});
            if (e.venueTime().isAfter(cur[0])) {
                cur[0] = e.venueTime();
            }
            if (e.receivedAt().isAfter(cur[1])) {
                cur[1] = e.receivedAt();
            }
            if (newestOverall == null || e.venueTime().isAfter(newestOverall)) {
                newestOverall = e.venueTime();
            }
        }
        if (newest.isEmpty()) {
            return null;
        }
        Integer[] instrumentIdsArr = new Integer[newest.size()];
        String[] types = new String[newest.size()];
        String[] ts = new String[newest.size()];
        String[] received = new String[newest.size()];
        int i = 0;
        for (Map.Entry<Stream, Instant[]> entry : newest.entrySet()) {
            instrumentIdsArr[i] = entry.getKey().instrumentId();
            types[i] = entry.getKey().type().id();
            ts[i] = entry.getValue()[0].toString();
            received[i] = entry.getValue()[1].toString();
            i++;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO stream_watermark (instrument_id, event_type, newest_ts, newest_received_at)"
                        + " SELECT * FROM unnest(?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[])"
                        + " ON CONFLICT (instrument_id, event_type) DO UPDATE SET"
                        + " newest_ts = greatest(stream_watermark.newest_ts, excluded.newest_ts),"
                        + " newest_received_at = greatest(stream_watermark.newest_received_at,"
                        + " excluded.newest_received_at)")) {
            p.setArray(1, c.createArrayOf("int4", instrumentIdsArr));
            p.setArray(2, c.createArrayOf("text", types));
            p.setArray(3, c.createArrayOf("text", ts));
            p.setArray(4, c.createArrayOf("text", received));
            p.executeUpdate();
        }
        return newestOverall;
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
