package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.IndexPrice;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class IndexPriceTable implements EventTable<IndexPrice> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "received_at", "price");

    @Override public EventType type() { return EventType.INDEX_PRICE; }
    @Override public String table() { return "index_price"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts"); }
    @Override public Instant partitionTime(IndexPrice e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.DAY; }

    @Override
    public void appendRow(IndexPrice e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.receivedAt()).add(e.price()).endRow();
    }

    @Override
    public IndexPrice read(ResultSet rs) throws SQLException {
        return new IndexPrice(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), Rows.decimal(rs, "price"));
    }
}
