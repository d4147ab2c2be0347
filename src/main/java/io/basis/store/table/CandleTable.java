package io.basis.store.table;

import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Open candles are replaced by later updates; a stored closed candle is final (see {@link Candle}). */
public final class CandleTable implements EventTable<Candle> {
    private static final List<String> COLUMNS = List.of("instrument_id", "interval_s", "ts", "received_at", "open",
            "high", "low", "close", "volume", "quote_volume", "trade_count", "closed");

    @Override public EventType type() { return EventType.CANDLE; }
    @Override public String table() { return "candle"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "interval_s", "ts"); }
    @Override public Instant partitionTime(Candle e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.MONTH; }
    @Override public boolean replacesOnConflict() { return true; }

    @Override
    public String onConflict() {
        return "DO UPDATE SET received_at = excluded.received_at, open = excluded.open, high = excluded.high,"
                + " low = excluded.low, close = excluded.close, volume = excluded.volume,"
                + " quote_volume = excluded.quote_volume, trade_count = excluded.trade_count, closed = excluded.closed"
                + " WHERE NOT candle.closed";
    }

    @Override
    public Object naturalKey(Candle e, int instrumentId) {
        return new Key(instrumentId, e.interval(), e.venueTime());
    }

    private record Key(int instrumentId, Duration interval, Instant openTime) {
    }

    @Override
    public void appendRow(Candle e, int instrumentId, CopyRow row) {
        row.add(instrumentId).addSeconds(e.interval()).add(e.venueTime()).add(e.receivedAt()).add(e.open())
                .add(e.high()).add(e.low()).add(e.close()).add(e.volume()).add(e.quoteVolume())
                .add(e.tradeCount()).add(e.closed()).endRow();
    }

    @Override
    public Candle read(ResultSet rs) throws SQLException {
        return new Candle(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"), Rows.instant(rs, "received_at"),
                Rows.seconds(rs, "interval_s"), Rows.decimal(rs, "open"), Rows.decimal(rs, "high"),
                Rows.decimal(rs, "low"), Rows.decimal(rs, "close"), Rows.decimal(rs, "volume"),
                Rows.decimal(rs, "quote_volume"), Rows.longOrNull(rs, "trade_count"), rs.getBoolean("closed"));
    }
}
