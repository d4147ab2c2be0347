package io.basis.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.IntFunction;

/**
 * One decimal column of an {@link OptionQuoteBlock}, exact including each value's scale.
 *
 * <p>Compact form (tag 0): the column's largest scale {@code S}; the per-value scale as runs of codes (0 = null,
 * else zigzag(scale) + 1, so a column of constant scale costs two varints); then every non-null value as the
 * zigzag varint difference of its unscaled value at scale {@code S} from the previous non-null value. A random walk
 * of prices therefore costs one to three bytes per value. Canonical form (tag 2), the same without per-value scales
 * when every value has its shortest non-negative scale ({@code 0.25}, {@code 10}, not {@code 0.250}), as venues
 * that print JSON numbers send them: the scale follows from the value, only null runs are written. Fallback form
 * (tag 1), used when a value does not fit a 64-bit integer at scale {@code S}: every value as its
 * {@link BigDecimal#toString()} (which parses back to the same value and scale), empty for null.
 */
final class DecimalColumn {
    private static final int COMPACT = 0;
    private static final int FALLBACK = 1;
    private static final int CANONICAL = 2;
    /** Scale code of a non-null value in the canonical form's runs. */
    private static final int PRESENT = 1;
    private static final int NULL_SCALE = Integer.MIN_VALUE;
    /** Placeholder while decoding the canonical form. */
    private static final int CANONICAL_SCALE = Integer.MIN_VALUE + 1;
    /** Largest scale difference rescaled into one long: 10^18 < 2^63. */
    private static final int MAX_RESCALE = 18;
    private static final long[] POW10 = new long[MAX_RESCALE + 1];
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static {
        POW10[0] = 1;
        for (int i = 1; i <= MAX_RESCALE; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final int commonScale;
    private final long[] unscaled;
    private final int[] scales;
    private final BigDecimal[] fallback;

    private DecimalColumn(int commonScale, long[] unscaled, int[] scales, BigDecimal[] fallback) {
        this.commonScale = commonScale;
        this.unscaled = unscaled;
        this.scales = scales;
        this.fallback = fallback;
    }

    /** Writes the {@code n} values {@code value.apply(0..n-1)}. */
    static void encode(int n, IntFunction<BigDecimal> value, QuoteBytes.Out out) {
        long[] at = new long[n];
        int[] scales = new int[n];
        if (!rescale(n, value, at, scales)) {
            out.writeByte(FALLBACK);
            for (int i = 0; i < n; i++) {
                BigDecimal v = value.apply(i);
                out.writeString(v == null ? null : v.toString());
            }
            return;
        }
        int s = commonScale(scales);
        boolean canonical = canonical(n, value);
        out.writeByte(canonical ? CANONICAL : COMPACT);
        out.writeSigned(s == NULL_SCALE ? 0 : s);
        writeScaleRuns(scales, canonical, out);
        long prev = 0;
        for (int i = 0; i < n; i++) {
            if (scales[i] != NULL_SCALE) {
                out.writeSigned(at[i] - prev);
                prev = at[i];
            }
        }
    }

    static DecimalColumn decode(int n, QuoteBytes.In in) {
        int tag = in.readByte();
        if (tag == FALLBACK) {
            BigDecimal[] values = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                String s = in.readString();
                values[i] = s == null ? null : new BigDecimal(s);
            }
            return new DecimalColumn(0, null, null, values);
        }
        if (tag != COMPACT && tag != CANONICAL) {
            throw new IllegalArgumentException("unknown decimal column tag " + tag);
        }
        int s = Math.toIntExact(in.readSigned());
        int[] scales = new int[n];
        int i = 0;
        while (i < n) {
            long code = in.readUnsigned();
            int run = in.readCount();
            if (run == 0 || run > n - i) {
                throw new IllegalArgumentException("bad scale run " + run);
            }
            int scale = code == 0 ? NULL_SCALE : tag == CANONICAL ? CANONICAL_SCALE : Math.toIntExact(unzigzag(code - 1));
            for (int k = 0; k < run; k++) {
                scales[i++] = scale;
            }
        }
        long[] unscaled = new long[n];
        long prev = 0;
        for (int k = 0; k < n; k++) {
            if (scales[k] != NULL_SCALE) {
                prev += in.readSigned();
                unscaled[k] = prev;
            }
        }
        if (tag == CANONICAL) {
            for (int k = 0; k < n; k++) {
                if (scales[k] == CANONICAL_SCALE) {
                    scales[k] = canonicalScale(unscaled[k], s);
                }
            }
        }
        return new DecimalColumn(s, unscaled, scales, null);
    }

    BigDecimal get(int i) {
        if (fallback != null) {
            return fallback[i];
        }
        int scale = scales[i];
        if (scale == NULL_SCALE) {
            return null;
        }
        return BigDecimal.valueOf(unscaled[i] / POW10[commonScale - scale], scale);
    }

    /** Each value's unscaled form at the largest scale; false if one does not fit a long (then: fallback). */
    private static boolean rescale(int n, IntFunction<BigDecimal> value, long[] at, int[] scales) {
        int max = NULL_SCALE;
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            BigDecimal v = value.apply(i);
            if (v != null && v.scale() == NULL_SCALE) {
                return false;
            }
            scales[i] = v == null ? NULL_SCALE : v.scale();
            if (v != null) {
                max = Math.max(max, v.scale());
                min = Math.min(min, v.scale());
            }
        }
        if (max == NULL_SCALE) {
            return true;
        }
        if ((long) max - min > MAX_RESCALE) {
            return false;
        }
        long prev = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal v = value.apply(i);
            if (v == null) {
                continue;
            }
            BigInteger u = v.unscaledValue();
            if (u.compareTo(LONG_MIN) <= 0 || u.compareTo(LONG_MAX) > 0) {
                return false;
            }
            try {
                at[i] = Math.multiplyExact(u.longValueExact(), POW10[max - v.scale()]);
                Math.subtractExact(at[i], prev);  // the stored difference must fit as well
                prev = at[i];
            } catch (ArithmeticException overflow) {
                return false;
            }
        }
        return true;
    }

    private static int commonScale(int[] scales) {
        int max = NULL_SCALE;
        for (int s : scales) {
            max = Math.max(max, s);
        }
        return max;
    }

    /** True if every value has the shortest non-negative scale that represents it exactly. */
    private static boolean canonical(int n, IntFunction<BigDecimal> value) {
        for (int i = 0; i < n; i++) {
            BigDecimal v = value.apply(i);
            if (v != null && v.scale() != Math.max(0, v.stripTrailingZeros().scale())) {
                return false;
            }
        }
        return true;
    }

    /** The shortest non-negative scale of {@code unscaled / 10^commonScale}. */
    private static int canonicalScale(long unscaled, int commonScale) {
        int scale = commonScale;
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return Math.max(0, scale);
    }

    private static void writeScaleRuns(int[] scales, boolean canonical, QuoteBytes.Out out) {
        int i = 0;
        while (i < scales.length) {
            int j = i;
            while (j < scales.length && (canonical ? (scales[j] == NULL_SCALE) == (scales[i] == NULL_SCALE)
                    : scales[j] == scales[i])) {
                j++;
            }
            out.writeUnsigned(scales[i] == NULL_SCALE ? 0 : canonical ? PRESENT : zigzag(scales[i]) + 1);
            out.writeUnsigned(j - i);
            i = j;
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long u) {
        return (u >>> 1) ^ -(u & 1);
    }
}
