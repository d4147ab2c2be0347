package io.basis.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The normalized market-data channels a venue entry may list under {@code channels:}. {@link #id()} is the exact
 * spelling used in {@code config/venues.yaml}; each venue's connector maps these onto its own stream or endpoint
 * names, so adding a channel to a venue is a config edit as long as the connector supports it.
 */
public enum Channel {
    INSTRUMENTS("instruments"),
    TRADES("trades"),
    LIQUIDATIONS("liquidations"),
    FUNDING("funding"),
    OPEN_INTEREST("open-interest"),
    MARK_PRICE("mark-price"),
    INDEX_PRICE("index-price"),
    BOOK("book"),
    CANDLES("candles"),
    OPTION_TICKER("option-ticker"),
    VOLATILITY_INDEX("volatility-index"),
    LONG_SHORT_RATIO("long-short-ratio"),
    SENTIMENT("sentiment");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** The spelling used in the venues file. */
    public String id() {
        return id;
    }

    /**
     * Whether {@link StoragePolicy#LARGE_ONLY} makes sense here: only channels made of individual fills have a
     * per-event USD notional to compare with {@code large-trade-usd}.
     */
    public boolean allowsLargeOnly() {
        return this == TRADES || this == LIQUIDATIONS;
    }

    public static Optional<Channel> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** All ids in declaration order, for error messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Channel::id).toList();
    }
}
