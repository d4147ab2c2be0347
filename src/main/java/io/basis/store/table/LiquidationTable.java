package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.Liquidation;
import io.basis.model.Side;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class LiquidationTable implements EventTable<Liquidation> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "side", "price", "amount",
            "received_at", "base_amount", "notional");

    @Override public EventType type() { return EventType.LIQUIDATION; }
    @Override public String table() { return "liquidation"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts", "side", "price", "amount"); }
    @Override public Instant partitionTime(Liquidation e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.MONTH; }

    @Override
    public void appendRow(Liquidation e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.side()).add(e.price()).add(e.amount())
                .add(e.receivedAt()).add(e.baseAmount()).add(e.notional()).endRow();
    }

    @Override
    public Liquidation read(ResultSet rs) throws SQLException {
        return new Liquidation(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), Side.valueOf(rs.getString("side")), Rows.decimal(rs, "price"),
                Rows.decimal(rs, "amount"), Rows.decimal(rs, "base_amount"), Rows.decimal(rs, "notional"));
    }
}
