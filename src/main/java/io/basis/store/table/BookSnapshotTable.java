package io.basis.store.table;

import io.basis.model.BookSnapshot;
import io.basis.model.EventType;
import io.basis.model.PriceLevel;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.PartitionSpan;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Levels are stored as parallel price/amount arrays per side: one row per snapshot, no per-level rows. */
public final class BookSnapshotTable implements EventTable<BookSnapshot> {
    private static final List<String> COLUMNS = List.of("instrument_id", "ts", "sequence", "received_at",
            "bid_prices", "bid_amounts", "ask_prices", "ask_amounts");

    @Override public EventType type() { return EventType.BOOK_SNAPSHOT; }
    @Override public String table() { return "book_snapshot"; }
    @Override public List<String> columns() { return COLUMNS; }
    @Override public List<String> keyColumns() { return List.of("instrument_id", "ts", "sequence"); }
    @Override public Instant partitionTime(BookSnapshot e) { return e.venueTime(); }
    @Override public PartitionSpan partitionSpan() { return PartitionSpan.DAY; }

    @Override
    public void appendRow(BookSnapshot e, int instrumentId, CopyRow row) {
        row.add(instrumentId).add(e.venueTime()).add(e.sequence()).add(e.receivedAt())
                .addArray(e.bids(), PriceLevel::price).addArray(e.bids(), PriceLevel::amount)
                .addArray(e.asks(), PriceLevel::price).addArray(e.asks(), PriceLevel::amount).endRow();
    }

    @Override
    public BookSnapshot read(ResultSet rs) throws SQLException {
        return new BookSnapshot(Rows.venue(rs), Rows.symbol(rs), Rows.instant(rs, "ts"),
                Rows.instant(rs, "received_at"), rs.getLong("sequence"),
                levels(Rows.decimals(rs, "bid_prices"), Rows.decimals(rs, "bid_amounts")),
                levels(Rows.decimals(rs, "ask_prices"), Rows.decimals(rs, "ask_amounts")));
    }

    private static List<PriceLevel> levels(List<BigDecimal> prices, List<BigDecimal> amounts) {
        List<PriceLevel> levels = new ArrayList<>(prices.size());
        for (int i = 0; i < prices.size(); i++) {
            levels.add(new PriceLevel(prices.get(i), amounts.get(i)));
        }
        return levels;
    }
}
