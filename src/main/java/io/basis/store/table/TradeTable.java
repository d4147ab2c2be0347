package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class TradeTable implements EventTable<Trade> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "trade_id", "received_at", "price",
            "amount", "base_amount", "notional", "side", "large");

    @Override public EventType type() { return EventType.TRADE; }
    @Override public String table() { return "trade"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts", "trade_id"); }
    @Override public Instant partitionTime(Trade e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.DAY; }

    @Override
    public void appendRow(Trade e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.tradeId()).add(e.receivedAt()).add(e.price())
                .add(e.amount()).add(e.baseAmount()).add(e.notional()).add(e.side()).add(e.large()).endRow();
    }

    @Override
    public Trade read(ResultSet rs) throws SQLException {
        return new Trade(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"), Rows.instant(rs, "received_at"),
                rs.getString("trade_id"), Rows.decimal(rs, "price"), Rows.decimal(rs, "amount"),
                Rows.decimal(rs, "base_amount"), Rows.decimal(rs, "notional"),
                Side.valueOf(rs.getString("side")), rs.getBoolean("large"));
    }
}
