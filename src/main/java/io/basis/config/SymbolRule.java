package io.basis.config;

import io.basis.model.InstrumentKind;

import java.util.Objects;

/**
 * A symbol list resolved by the venue's connector at start-up (and on instrument refresh) instead of written out,
 * e.g. "top 20 USDT perpetuals by volume" is {@code new SymbolRule(20, PERPETUAL, "USDT", VOLUME)}.
 *
 * @param top   how many instruments to take, 1..1000
 * @param kind  instrument kind to rank; never {@link InstrumentKind#INDEX}
 * @param quote quote (or settlement) asset to filter on, e.g. {@code USDT}; {@code null} means any
 * @param by    statistic to rank by, descending
 */
public record SymbolRule(int top, InstrumentKind kind, String quote, RankBy by) {

    public static final int MAX_TOP = 1000;

    public SymbolRule {
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("top must be 1.." + MAX_TOP + ": " + top);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(by, "by");
        if (kind == InstrumentKind.INDEX) {
            throw new IllegalArgumentException("an index is not tradable, so it cannot be ranked");
        }
    }
}
