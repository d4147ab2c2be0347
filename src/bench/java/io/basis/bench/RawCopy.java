package io.basis.bench;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.EventTables;
import io.basis.store.InstrumentIds;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: the same rows COPYed straight into the same tables, with nothing else. Chunks of {@code batch}
 * events in stream order, one transaction per chunk, one thread, one connection. Each chunk's rows are built
 * per table by the store's own {@link EventTable#appendRow} with the writer's instrument ids, exactly as
 * {@code BatchWriter} builds them, and sent with the same {@code COPY ... FROM STDIN}. Producing the events is
 * not timed.
 */
final class RawCopy {

    /** Rows stored; timed nanoseconds split into building the COPY text and PostgreSQL (COPY + commit). */
    record Result(long rows, long chunks, long buildNanos, long databaseNanos, long generateNanos) {
        long nanos() {
            return buildNanos + databaseNanos;
        }
    }

    private RawCopy() {
    }

    static Result load(DataSource ds, InstrumentIds ids, Iterator<? extends MarketEvent> events, int batch)
            throws SQLException {
        long rows = 0;
        long chunks = 0;
        long build = 0;
        long database = 0;
        long generate = 0;
        List<MarketEvent> chunk = new ArrayList<>(batch);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            while (events.hasNext()) {
                long g0 = System.nanoTime();
                chunk.clear();
                while (chunk.size() < batch && events.hasNext()) {
                    chunk.add(events.next());
                }
                long t0 = System.nanoTime();
                generate += t0 - g0;
                Map<EventType, List<MarketEvent>> byType = new EnumMap<>(EventType.class);
                for (MarketEvent e : chunk) {
                    byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
                }
                build += System.nanoTime() - t0;
                for (Map.Entry<EventType, List<MarketEvent>> group : byType.entrySet()) {
                    long b0 = System.nanoTime();
                    EventTable<MarketEvent> table = EventTables.of(group.getKey());
                    byte[] text = copyText(table, group.getValue(), ids);
                    String sql = "COPY " + table.table() + " (" + String.join(", ", table.columns())
                            + ") FROM STDIN";
                    long b1 = System.nanoTime();
                    try {
                        rows += copy.copyIn(sql, new ByteArrayInputStream(text));
                    } catch (IOException e) {
                        throw new SQLException("COPY into " + table.table() + " failed: " + e.getMessage(), e);
                    }
                    build += b1 - b0;
                    database += System.nanoTime() - b1;
                }
                long c0 = System.nanoTime();
                c.commit();
                database += System.nanoTime() - c0;
                chunks++;
            }
        }
        return new Result(rows, chunks, build, database, generate);
    }

    private static <E extends MarketEvent> byte[] copyText(EventTable<E> table, List<MarketEvent> events,
                                                           InstrumentIds ids) throws SQLException {
        CopyRow rows = new CopyRow(events.size() * 96);
        for (MarketEvent e : events) {
            table.appendRow(table.cast(e), id(ids, e), rows);
        }
        return rows.toBytes();
    }

    private static int id(InstrumentIds ids, MarketEvent e) throws SQLException {
        InstrumentIds.Key key = new InstrumentIds.Key(e.venue(), e.symbol());
        Integer id = ids.cached(key);
        return id != null ? id : ids.resolve(Set.of(key)).get(key);
    }
}
