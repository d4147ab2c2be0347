package io.basis.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the storage layer keeps of a channel's events. Every listed channel is subscribed regardless of the policy,
 * so live consumers (API, analytics) still see events that are not stored.
 */
public enum StoragePolicy {
    /** Store every event. */
    ALL("all"),
    /**
     * Store only events whose USD notional reaches the venue's {@code large-trade-usd} threshold for the asset (or
     * its {@code default}); valid for {@link Channel#allowsLargeOnly() trades and liquidations} only.
     */
    LARGE_ONLY("large-only"),
    /** Store nothing; the channel feeds live consumers only. */
    NONE("none");

    private final String id;

    StoragePolicy(String id) {
        this.id = id;
    }

    /** The spelling used in the venues file. */
    public String id() {
        return id;
    }

    /** Whether an event under this policy is stored; {@code large} (the venue's rule) is asked for LARGE_ONLY only. */
    public boolean keeps(BooleanSupplier large) {
        return this == ALL || this == LARGE_ONLY && large.getAsBoolean();
    }

    public static Optional<StoragePolicy> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(StoragePolicy::id).toList();
    }
}
