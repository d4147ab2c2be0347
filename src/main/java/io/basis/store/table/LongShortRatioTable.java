package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.LongShortKind;
import io.basis.model.LongShortRatio;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public final class LongShortRatioTable implements EventTable<LongShortRatio> {
    private static final List<String> COLUMNS = List.of("instrument_id", "kind", "period_s", "ts", "received_at",
            "ratio", "long_value", "short_value");

    @Override public EventType type() { return EventType.LONG_SHORT_RATIO; }
    @Override public String table() { return "long_short_ratio"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "kind", "period_s", "ts"); }
    @Override public Instant partitionTime(LongShortRatio e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.MONTH; }

    @Override
    public void appendRow(LongShortRatio e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.kind()).addSeconds(e.period()).add(e.venueTime()).add(e.receivedAt())
                .add(e.ratio()).add(e.longValue()).add(e.shortValue()).endRow();
    }

    @Override
    public LongShortRatio read(ResultSet rs) throws SQLException {
        return new LongShortRatio(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), LongShortKind.valueOf(rs.getString("kind")),
                Rows.seconds(rs, "period_s"), Rows.decimal(rs, "ratio"), Rows.decimal(rs, "long_value"),
                Rows.decimal(rs, "short_value"));
    }
}
