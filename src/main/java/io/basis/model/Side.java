package io.basis.model;

/** Side of the aggressor of a trade, or of the order that closed a liquidated position. */
public enum Side {
    BUY, SELL, UNKNOWN
}
