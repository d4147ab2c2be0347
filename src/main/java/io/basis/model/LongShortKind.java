package io.basis.model;

/** Which population a long/short ratio describes. */
public enum LongShortKind {
    ACCOUNTS, TOP_TRADER_ACCOUNTS, TOP_TRADER_POSITIONS, TAKER_BUY_SELL
}
