package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.VolatilityIndex;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class VolatilityIndexTable implements EventTable<VolatilityIndex> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "received_at", "value");

    @Override public EventType type() { return EventType.VOLATILITY_INDEX; }
    @Override public String table() { return "volatility_index"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts"); }
    @Override public Instant partitionTime(VolatilityIndex e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.MONTH; }

    @Override
    public void appendRow(VolatilityIndex e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.receivedAt()).add(e.value()).endRow();
    }

    @Override
    public VolatilityIndex read(ResultSet rs) throws SQLException {
        return new VolatilityIndex(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), Rows.decimal(rs, "value"));
    }
}
