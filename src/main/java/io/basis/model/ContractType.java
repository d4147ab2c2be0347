package io.basis.model;

/** LINEAR: margined and sized in the quote currency's terms; INVERSE: margined in the base coin, sized in USD contracts. */
public enum ContractType {
    LINEAR, INVERSE
}
