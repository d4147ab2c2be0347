package io.basis.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Builds PostgreSQL {@code COPY ... FROM STDIN} text-format rows into one growing buffer. Not thread-safe; one
 * instance per batch and table. Decimals are written with {@link BigDecimal#toPlainString()} so the database keeps
 * the venue's scale ("0.00100" stays "0.00100").
 */
public final class CopyRow {
    private static final String NULL = "\\N";
    private final StringBuilder out;
    private boolean first = true;
    private int rows;

    public CopyRow(int initialCapacity) {
        this.out = new StringBuilder(initialCapacity);
    }

    public CopyRow add(int v) {
        sep().append(v);
        return this;
    }

    public CopyRow add(long v) {
        sep().append(v);
        return this;
    }

    public CopyRow add(Long v) {
        return v == null ? addNull() : add(v.longValue());
    }

    public CopyRow add(boolean v) {
        sep().append(v ? 't' : 'f');
        return this;
    }

    public CopyRow add(BigDecimal v) {
        if (v == null) {
            return addNull();
        }
        sep().append(v.toPlainString());
        return this;
    }

    public CopyRow add(Instant v) {
        if (v == null) {
            return addNull();
        }
        sep().append(v);
        return this;
    }

    /** Durations are stored as whole seconds. */
    public CopyRow addSeconds(Duration v) {
        if (v == null) {
            return addNull();
        }
        sep().append(v.toSeconds());
        return this;
    }

    public CopyRow add(Enum<?> v) {
        return v == null ? addNull() : add(v.name());
    }

    public CopyRow add(String v) {
        if (v == null) {
            return addNull();
        }
        StringBuilder b = sep();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return this;
    }

    /** A numeric[] column built from one component of each element. */
    public <T> CopyRow addArray(List<T> items, Function<T, BigDecimal> component) {
        StringBuilder b = sep().append('{');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(component.apply(items.get(i)).toPlainString());
        }
        b.append('}');
        return this;
    }

    public CopyRow addNull() {
        sep().append(NULL);
        return this;
    }

    public void endRow() {
        out.append('\n');
        first = true;
        rows++;
    }

    public int rows() {
        return rows;
    }

    public byte[] toBytes() {
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private StringBuilder sep() {
        if (!first) {
            out.append('\t');
        }
        first = false;
        return out;
    }
}
