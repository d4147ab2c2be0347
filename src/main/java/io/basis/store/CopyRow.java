package io.basis.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Builds PostgreSQL {@code COPY ... FROM STDIN} text-format rows as UTF-8 bytes in one growing buffer, which the
 * caller may drain ({@link #buffer()}, {@link #size()}, {@link #reset()}) while building, so the database parses one
 * chunk while the next is built. Decimals are written with {@link BigDecimal#toPlainString()} so the database keeps
 * the venue's scale ("0.00100" stays "0.00100"); instants as ISO-8601 UTC with microseconds. Not thread-safe; one
 * instance per batch and table.
 */
public final class CopyRow {
    private byte[] buf;
    private int len;
    private boolean first = true;
    private int rows;

    public CopyRow(int initialCapacity) {
        this.buf = new byte[Math.max(64, initialCapacity)];
    }

    public CopyRow add(int v) {
        sep();
        appendLong(v);
        return this;
    }

    public CopyRow add(long v) {
        sep();
        appendLong(v);
        return this;
    }

    public CopyRow add(Long v) {
        return v == null ? addNull() : add(v.longValue());
    }

    public CopyRow add(boolean v) {
        sep();
        put(v ? (byte) 't' : (byte) 'f');
        return this;
    }

    public CopyRow add(BigDecimal v) {
        if (v == null) {
            return addNull();
        }
        sep();
        appendAscii(v.toPlainString());
        return this;
    }

    public CopyRow add(Instant v) {
        if (v == null) {
            return addNull();
        }
        sep();
        appendInstant(v);
        return this;
    }

    /** Durations are stored as whole seconds. */
    public CopyRow addSeconds(Duration v) {
        if (v == null) {
            return addNull();
        }
        sep();
        appendLong(v.toSeconds());
        return this;
    }

    public CopyRow add(Enum<?> v) {
        if (v == null) {
            return addNull();
        }
        sep();
        appendAscii(v.name());
        return this;
    }

    public CopyRow add(String v) {
        if (v == null) {
            return addNull();
        }
        sep();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 0x80) {
                appendEscapedUtf8(v, i);
                return this;
            }
            appendEscaped(c);
        }
        return this;
    }

    /** A numeric[] column built from one component of each element. */
    public <T> CopyRow addArray(List<T> items, Function<T, BigDecimal> component) {
        sep();
        put((byte) '{');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            appendAscii(component.apply(items.get(i)).toPlainString());
        }
        put((byte) '}');
        return this;
    }

    public CopyRow addNull() {
        sep();
        put((byte) '\\');
        put((byte) 'N');
        return this;
    }

    public void endRow() {
        put((byte) '\n');
        first = true;
        rows++;
    }

    /** Rows ended since construction (not reset by {@link #reset()}). */
    public int rows() {
        return rows;
    }

    /** The bytes built since the last {@link #reset()}: {@code buffer()[0..size())}. */
    public byte[] buffer() {
        return buf;
    }

    public int size() {
        return len;
    }

    /** Forgets the buffered bytes (after the caller sent them); call only between rows. */
    public void reset() {
        len = 0;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    private void sep() {
        if (!first) {
            put((byte) '\t');
        }
        first = false;
    }

    private void put(byte b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    private void appendAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void appendLong(long v) {
        if (v == Long.MIN_VALUE) {
            appendAscii(Long.toString(v));
            return;
        }
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}; years outside 0..9999 fall back to {@link Instant#toString()}. */
    private void appendInstant(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            appendAscii(t.toString());
            return;
        }
        ensure(27);
        digits(date.getYear(), 4);
        buf[len++] = '-';
        digits(date.getMonthValue(), 2);
        buf[len++] = '-';
        digits(date.getDayOfMonth(), 2);
        buf[len++] = 'T';
        digits(secOfDay / 3600, 2);
        buf[len++] = ':';
        digits(secOfDay / 60 % 60, 2);
        buf[len++] = ':';
        digits(secOfDay % 60, 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            buf[len++] = '.';
            digits(micros, 6);
        }
        buf[len++] = 'Z';
    }

    private void digits(int v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buf[len + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += width;
    }

    private void appendEscaped(char c) {
        switch (c) {
            case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
            case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
            case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
            case '\t' -> { put((byte) '\\'); put((byte) 't'); }
            default -> put((byte) c);
        }
    }

    /** Rare path: non-ASCII text from index {@code from} on, escaped then UTF-8 encoded. */
    private void appendEscapedUtf8(String v, int from) {
        String rest = v.substring(from).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
        byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }
}
