package io.basis.bench;

import io.basis.bench.BenchInstruments.Inst;

import java.math.BigDecimal;

/**
 * Integer arithmetic on prices and sizes the way venues quote them: a price is a whole number of ticks in units of
 * 10^-priceScale, a size a whole number of lots in units of 10^-amountScale, turned into decimals with exactly that
 * scale only at the end ("67123.40", "0.012").
 */
final class MarketUnits {
    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private MarketUnits() {
    }

    /** A size in base units as a whole number of lots (at least one), in units of 10^-amountScale. */
    static long lots(Inst inst, double baseUnits) {
        double lot = inst.lotUnits() / (double) POW10[inst.amountScale()];
        return Math.max(1, Math.round(baseUnits / lot)) * inst.lotUnits();
    }

    /** One tick as a price. */
    static double tick(Inst inst) {
        return inst.tickUnits() / (double) POW10[inst.priceScale()];
    }

    /** A price rounded to whole ticks (at least one), in units of 10^-priceScale. */
    static long priceUnits(Inst inst, double price) {
        long ticks = Math.max(1, Math.round(price / tick(inst)));
        return ticks * inst.tickUnits();
    }

    static BigDecimal dec(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** {@code digits} lower-case hex digits of {@code v}, most significant first. */
    static StringBuilder hex(StringBuilder b, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            b.append(Character.forDigit((int) (v >>> (i * 4)) & 0xf, 16));
        }
        return b;
    }
}
