package io.basis.config;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * USD notional per base asset at or above which a trade or liquidation counts as large (the venues file's
 * {@code large-trade-usd}), one rule for every venue: the base asset's own threshold, else {@code default}; without a
 * {@code large-trade-usd} entry the built-in {@link #defaults()}. Each venue computes the USD notional it compares
 * (a USD stablecoin quote is taken as USD). Immutable.
 *
 * @param perAsset     thresholds keyed by upper-case base asset
 * @param defaultUsd   threshold for assets not in {@code perAsset}
 */
public record LargeTradeThresholds(Map<String, BigDecimal> perAsset, BigDecimal defaultUsd) {

    /** The key of the venues file's fallback entry. */
    public static final String DEFAULT_KEY = "default";

    public LargeTradeThresholds {
        Objects.requireNonNull(defaultUsd, "defaultUsd");
        Map<String, BigDecimal> upper = new HashMap<>();
        perAsset.forEach((asset, usd) -> upper.put(asset.toUpperCase(Locale.ROOT), Objects.requireNonNull(usd, asset)));
        perAsset = Map.copyOf(upper);
    }

    /** BTC 100000, ETH 50000, everything else 20000 (the shipped venues file's values). */
    public static LargeTradeThresholds defaults() {
        return new LargeTradeThresholds(Map.of("BTC", new BigDecimal("100000"), "ETH", new BigDecimal("50000")),
                new BigDecimal("20000"));
    }

    /** A venue entry's {@code large-trade-usd}, or {@link #defaults()} when it has none. */
    public static LargeTradeThresholds of(VenueConfig venue) {
        return venue.largeTradeUsd().isEmpty() ? defaults() : of(venue.largeTradeUsd());
    }

    /**
     * From the venues file's map ({@code {BTC: 100000, default: 20000}}); without a {@code default} key the
     * built-in default of 20000 applies.
     */
    public static LargeTradeThresholds of(Map<String, BigDecimal> config) {
        Map<String, BigDecimal> assets = new HashMap<>();
        BigDecimal fallback = defaults().defaultUsd();
        for (Map.Entry<String, BigDecimal> e : config.entrySet()) {
            if (e.getKey().equalsIgnoreCase(DEFAULT_KEY)) {
                fallback = e.getValue();
            } else {
                assets.put(e.getKey(), e.getValue());
            }
        }
        return new LargeTradeThresholds(assets, fallback);
    }

    /** The threshold for a base asset; the default for null or unlisted assets. */
    public BigDecimal thresholdFor(String baseAsset) {
        if (baseAsset == null) {
            return defaultUsd;
        }
        BigDecimal own = perAsset.get(baseAsset);
        if (own == null) {
            // venue assets are upper case already; fold case only on a miss, off the per-trade fast path
            own = perAsset.get(baseAsset.toUpperCase(Locale.ROOT));
        }
        return own != null ? own : defaultUsd;
    }

    /** Whether the notional reached the asset's threshold (inclusive). */
    public boolean isLarge(String baseAsset, BigDecimal notionalUsd) {
        return notionalUsd.compareTo(thresholdFor(baseAsset)) >= 0;
    }
}
