package io.basis.model;

import java.util.Arrays;
import java.util.Optional;

/** The closed set of event kinds; {@link #id()} is the stable name used in config, APIs and spool files. */
public enum EventType {
    INSTRUMENT("instrument", Instrument.class),
    TRADE("trade", Trade.class),
    LIQUIDATION("liquidation", Liquidation.class),
    FUNDING_RATE("funding-rate", FundingRate.class),
    OPEN_INTEREST("open-interest", OpenInterest.class),
    MARK_PRICE("mark-price", MarkPrice.class),
    INDEX_PRICE("index-price", IndexPrice.class),
    BOOK_SNAPSHOT("book-snapshot", BookSnapshot.class),
    CANDLE("candle", Candle.class),
    OPTION_TICKER("option-ticker", OptionTicker.class),
    VOLATILITY_INDEX("volatility-index", VolatilityIndex.class),
    LONG_SHORT_RATIO("long-short-ratio", LongShortRatio.class);

    private final String id;
    private final Class<? extends MarketEvent> recordType;

    EventType(String id, Class<? extends MarketEvent> recordType) {
        this.id = id;
        this.recordType = recordType;
    }

    public String id() {
        return id;
    }

    public Class<? extends MarketEvent> recordType() {
        return recordType;
    }

    public static Optional<EventType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
