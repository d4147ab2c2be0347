package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * How one event type is stored: table, columns, natural key, what a conflicting write does, and the mapping
 * between record and row in both directions. Implementations are stateless and thread-safe.
 *
 * @param <E> the event record stored in this table
 */
public interface EventTable<E extends MarketEvent> {

    EventType type();

    String table();

    /** Columns in COPY order; {@link #appendRow} writes exactly these. */
    List<String> columns();

    /** The natural-key columns: a unique constraint in the schema and the ON CONFLICT target. */
    List<String> keyColumns();

    /**
     * SQL after {@code ON CONFLICT (key) }: {@code DO NOTHING} keeps the first write; a {@code DO UPDATE} makes
     * the newest observation win. Either way replaying the same data is a no-op.
     */
    default String onConflict() {
        return "DO NOTHING";
    }

    /** True when {@link #onConflict()} updates rows; such batches are de-duplicated by key before the merge. */
    default boolean replacesOnConflict() {
        return false;
    }

    /** The value of the natural key, for de-duplication inside one batch. Only needed when replacing. */
    default Object naturalKey(E event, int instrumentId) {
        throw new UnsupportedOperationException(table() + " keeps the first write; no in-batch key needed");
    }

    /** The partitioning time ({@code ts} column) of the row. */
    Instant partitionTime(E event);

    /** Partition size for native partitioning. */
    PartitionSpan partitionSpan();

    void appendRow(E event, int instrumentId, CopyRow row);

    /**
     * Reads a row selected as {@code SELECT <columns>, i.venue, i.venue_symbol FROM table JOIN instrument i}.
     */
    E read(ResultSet rs) throws SQLException;

    @SuppressWarnings("unchecked")
    default E cast(MarketEvent event) {
        return (E) event;
    }
}
