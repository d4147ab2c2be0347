package io.basis.store.table;

import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** One row per funding period; the newest observation replaces older estimates (see {@link FundingRate}). */
public final class FundingRateTable implements EventTable<FundingRate> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "observed_at", "received_at", "rate",
            "predicted_rate", "interval_s");

    @Override public EventType type() { return EventType.FUNDING_RATE; }
    @Override public String table() { return "funding_rate"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts"); }
    @Override public Instant partitionTime(FundingRate e) { return e.fundingTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.MONTH; }
    @Override public boolean replacesOnConflict() { return true; }

    @Override
    public String onConflict() {
        return "DO UPDATE SET observed_at = excluded.observed_at, received_at = excluded.received_at,"
                + " rate = excluded.rate, predicted_rate = excluded.predicted_rate,"
                + " interval_s = coalesce(excluded.interval_s, funding_rate.interval_s)"
                + " WHERE excluded.observed_at > funding_rate.observed_at";
    }

    /** Within one batch the newest observation of a period must win, so keep the latest by venue time. */
    @Override
    public Object naturalKey(FundingRate e, int instrumentId) {
        return new Key(instrumentId, e.fundingTime());
    }

    private record Key(int instrumentId, Instant fundingTime) {
    }

    @Override
    public void appendRow(FundingRate e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.fundingTime()).add(e.venueTime()).add(e.receivedAt()).add(e.rate())
                .add(e.predictedRate()).addSeconds(e.interval()).endRow();
    }

    @Override
    public FundingRate read(ResultSet rs) throws SQLException {
        return new FundingRate(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "observed_at"),
                Rows.instant(rs, "received_at"), Rows.instant(rs, "ts"), Rows.decimal(rs, "rate"),
                Rows.decimal(rs, "predicted_rate"), Rows.seconds(rs, "interval_s"));
    }
}
