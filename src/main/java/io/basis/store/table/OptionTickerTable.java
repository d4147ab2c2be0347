package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.OptionTicker;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class OptionTickerTable implements EventTable<OptionTicker> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "received_at", "bid_price",
            "bid_amount", "ask_price", "ask_amount", "mark_price", "bid_iv", "ask_iv", "mark_iv", "delta", "gamma",
            "vega", "theta", "rho", "open_interest", "underlying_price", "underlying_index");

    @Override public EventType type() { return EventType.OPTION_TICKER; }
    @Override public String table() { return "option_ticker"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts"); }
    @Override public Instant partitionTime(OptionTicker e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.DAY; }

    @Override
    public void appendRow(OptionTicker e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.receivedAt()).add(e.bidPrice()).add(e.bidAmount())
                .add(e.askPrice()).add(e.askAmount()).add(e.markPrice()).add(e.bidIv()).add(e.askIv())
                .add(e.markIv()).add(e.delta()).add(e.gamma()).add(e.vega()).add(e.theta()).add(e.rho())
                .add(e.openInterest()).add(e.underlyingPrice()).add(e.underlyingIndex()).endRow();
    }

    @Override
    public OptionTicker read(ResultSet rs) throws SQLException {
        return new OptionTicker(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), Rows.decimal(rs, "bid_price"), Rows.decimal(rs, "bid_amount"),
                Rows.decimal(rs, "ask_price"), Rows.decimal(rs, "ask_amount"), Rows.decimal(rs, "mark_price"),
                Rows.decimal(rs, "bid_iv"), Rows.decimal(rs, "ask_iv"), Rows.decimal(rs, "mark_iv"),
                Rows.decimal(rs, "delta"), Rows.decimal(rs, "gamma"), Rows.decimal(rs, "vega"),
                Rows.decimal(rs, "theta"), Rows.decimal(rs, "rho"), Rows.decimal(rs, "open_interest"),
                Rows.decimal(rs, "underlying_price"), rs.getString("underlying_index"));
    }
}
