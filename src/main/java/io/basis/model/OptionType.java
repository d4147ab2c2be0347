package io.basis.model;

public enum OptionType {
    CALL, PUT
}
