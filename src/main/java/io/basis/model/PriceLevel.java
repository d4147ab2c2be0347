package io.basis.model;

import java.math.BigDecimal;
import java.util.Objects;

/** One order-book level: price and resting amount in the venue's native size unit. */
public record PriceLevel(BigDecimal price, BigDecimal amount) {
    public PriceLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(amount, "amount");
    }
}
