package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.table.BookSnapshotTable;
import io.basis.store.table.CandleTable;
import io.basis.store.table.FundingRateTable;
import io.basis.store.table.IndexPriceTable;
import io.basis.store.table.InstrumentTable;
import io.basis.store.table.LiquidationTable;
import io.basis.store.table.LongShortRatioTable;
import io.basis.store.table.MarkPriceTable;
import io.basis.store.table.OpenInterestTable;
import io.basis.store.table.OptionTickerTable;
import io.basis.store.table.TradeTable;
import io.basis.store.table.VolatilityIndexTable;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The table mapping of every event type; complete by construction (checked at class load). */
public final class EventTables {
    private static final Map<EventType, EventTable<?>> BY_TYPE = new EnumMap<>(EventType.class);

    static {
        List.of(new InstrumentTable(), new TradeTable(), new LiquidationTable(), new FundingRateTable(),
                        new OpenInterestTable(), new MarkPriceTable(), new IndexPriceTable(), new BookSnapshotTable(),
                        new CandleTable(), new OptionTickerTable(), new VolatilityIndexTable(), new LongShortRatioTable())
                .forEach(t -> BY_TYPE.put(t.type(), t));
        for (EventType type : EventType.values()) {
            if (!BY_TYPE.containsKey(type)) {
                throw new ExceptionInInitializerError("no table mapping for " + type);
            }
        }
    }

    private EventTables() {
    }

    @SuppressWarnings("unchecked")
    public static <E extends MarketEvent> EventTable<E> of(EventType type) {
        return (EventTable<E>) BY_TYPE.get(type);
    }

    public static Collection<EventTable<?>> all() {
        return BY_TYPE.values();
    }

    /** Time-series tables (everything but the instrument dimension). */
    public static List<EventTable<?>> timeSeries() {
        return BY_TYPE.values().stream().filter(t -> t.partitionSpan() != null).toList();
    }
}
