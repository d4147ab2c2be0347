package io.basis.store.table;

import io.basis.model.ContractType;
import io.basis.model.EventType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.OptionType;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The instrument dimension. Unlike the event tables it is keyed by (venue, venue_symbol) and not partitioned;
 * event rows reference its generated id. A newer listing replaces the metadata (including a bare row that the
 * writer created for an event that arrived before its instrument).
 */
public final class InstrumentTable implements EventTable<Instrument> {
    private static final List<String> COLUMNS = List.of("venue", "venue_symbol", "symbol", "kind", "base", "quote",
            "settle", "contract_size", "contract_type", "expiry", "strike", "option_type", "tick_size", "lot_size",
            "venue_time", "received_at");

    @Override public EventType type() { return EventType.INSTRUMENT; }
    @Override public String table() { return "instrument"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("venue", "venue_symbol"); }
    @Override public Instant partitionTime(Instrument e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return null; }
    @Override public boolean replacesOnConflict() { return true; }

    @Override
    public String onConflict() {
        return "DO UPDATE SET symbol = excluded.symbol, kind = excluded.kind, base = excluded.base,"
                + " quote = excluded.quote, settle = excluded.settle, contract_size = excluded.contract_size,"
                + " contract_type = excluded.contract_type, expiry = excluded.expiry, strike = excluded.strike,"
                + " option_type = excluded.option_type, tick_size = excluded.tick_size, lot_size = excluded.lot_size,"
                + " venue_time = excluded.venue_time, received_at = excluded.received_at"
                + " WHERE instrument.venue_time IS NULL OR excluded.venue_time >= instrument.venue_time";
    }

    @Override
    public Object naturalKey(Instrument e, int instrumentId) {
        return instrumentId;
    }

    @Override
    public void appendRow(Instrument e, int instrumentId, CopyRow row) {
        row.add(e.venue()).add(e.symbol()).add(e.normalizedSymbol()).add(e.kind()).add(e.base()).add(e.quote())
                .add(e.settle()).add(e.contractSize()).add(e.contractType()).add(e.expiry()).add(e.strike())
                .add(e.optionType()).add(e.tickSize()).add(e.lotSize()).add(e.venueTime()).add(e.receivedAt())
                .endRow();
    }

    @Override
    public Instrument read(ResultSet rs) throws SQLException {
        return new Instrument(rs.getString("venue"), rs.getString("venue_symbol"), rs.getString("symbol"),
                Rows.enumOrNull(rs, "kind", InstrumentKind.class), rs.getString("base"), rs.getString("quote"),
                rs.getString("settle"), Rows.decimal(rs, "contract_size"),
                Rows.enumOrNull(rs, "contract_type", ContractType.class), Rows.instant(rs, "expiry"),
                Rows.decimal(rs, "strike"), Rows.enumOrNull(rs, "option_type", OptionType.class),
                Rows.decimal(rs, "tick_size"), Rows.decimal(rs, "lot_size"), Rows.instant(rs, "venue_time"),
                Rows.instant(rs, "received_at"));
    }
}
