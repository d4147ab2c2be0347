package io.basis.model;

public enum InstrumentKind {
    SPOT, PERPETUAL, FUTURE, OPTION, INDEX
}
