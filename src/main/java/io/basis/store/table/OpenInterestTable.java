package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.OpenInterest;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class OpenInterestTable implements EventTable<OpenInterest> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "received_at", "amount",
            "base_amount", "notional");

    @Override public EventType type() { return EventType.OPEN_INTEREST; }
    @Override public String table() { return "open_interest"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts"); }
    @Override public Instant partitionTime(OpenInterest e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.MONTH; }

    @Override
    public void appendRow(OpenInterest e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.receivedAt()).add(e.amount()).add(e.baseAmount())
                .add(e.notional()).endRow();
    }

    @Override
    public OpenInterest read(ResultSet rs) throws SQLException {
        return new OpenInterest(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), Rows.decimal(rs, "amount"), Rows.decimal(rs, "base_amount"),
                Rows.decimal(rs, "notional"));
    }
}
