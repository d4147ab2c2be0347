package io.basis.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Variable-length integers (LEB128 of the zigzag form, so small magnitudes of either sign take one byte) and short
 * strings, the primitives of {@link OptionQuoteBlock}. Not thread-safe.
 */
final class QuoteBytes {
    private QuoteBytes() {
    }

    /** A growable output buffer. */
    static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        /** An unsigned varint of {@code v} (treated as unsigned 64 bits). */
        void writeUnsigned(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        /** A signed varint: zigzag, then unsigned. */
        void writeSigned(long v) {
            writeUnsigned((v << 1) ^ (v >> 63));
        }

        /** A nullable string: length + 1 (0 for null), then UTF-8 bytes. */
        void writeString(String s) {
            if (s == null) {
                writeUnsigned(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeUnsigned(b.length + 1L);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        int size() {
            return size;
        }

        /** Appends what {@code other} holds. */
        void write(Out other) {
            ensure(other.size);
            System.arraycopy(other.buf, 0, buf, size, other.size);
            size += other.size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }
    }

    /** Reads what {@link Out} wrote; throws {@link IllegalArgumentException} on truncated or malformed input. */
    static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int readByte() {
            check(1);
            return buf[pos++] & 0xFF;
        }

        long readUnsigned() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                check(1);
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 64 bits at " + pos);
        }

        long readSigned() {
            long u = readUnsigned();
            return (u >>> 1) ^ -(u & 1);
        }

        int readCount() {
            long n = readUnsigned();
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad count " + n + " at " + pos);
            }
            return (int) n;
        }

        String readString() {
            int n = readCount();
            if (n == 0) {
                return null;
            }
            check(n - 1);
            String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
            pos += n - 1;
            return s;
        }

        boolean atEnd() {
            return pos == buf.length;
        }

        private void check(int n) {
            if (pos + n > buf.length) {
                throw new IllegalArgumentException("block truncated at " + pos);
            }
        }
    }
}
