package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.MarkPrice;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class MarkPriceTable implements EventTable<MarkPrice> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "received_at", "mark_price",
            "index_price", "estimated_settle_price");

    @Override public EventType type() { return EventType.MARK_PRICE; }
    @Override public String table() { return "mark_price"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts"); }
    @Override public Instant partitionTime(MarkPrice e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.DAY; }

    @Override
    public void appendRow(MarkPrice e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.receivedAt()).add(e.markPrice()).add(e.indexPrice())
                .add(e.estimatedSettlePrice()).endRow();
    }

    @Override
    public MarkPrice read(ResultSet rs) throws SQLException {
        return new MarkPrice(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), Rows.decimal(rs, "mark_price"), Rows.decimal(rs, "index_price"),
                Rows.decimal(rs, "estimated_settle_price"));
    }
}
