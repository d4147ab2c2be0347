package io.basis.api;

import io.basis.model.OptionType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The implied-volatility smile of one expiry, from option quotes: IV by strike, IV by delta bucket, at-the-forward
 * IV, 25Δ/10Δ risk reversals and butterflies. Pure and thread-safe; IVs are percent points as the venue quotes them.
 *
 * <ul>
 * <li><b>Smile point per strike</b>: the out-of-the-money option's mark IV — the call at and above the forward, the
 *     put below it (the other one when the OTM side has no mark IV). Without a forward every strike uses the call.</li>
 * <li><b>Call-equivalent delta</b> of a point: the call's delta, or 1 + the put's delta (put-call parity of forward
 *     deltas), so one axis runs from ≈1 (deep low strikes) to ≈0 (deep high strikes).</li>
 * <li><b>Delta buckets</b> 10P, 25P, 50, 25C, 10C = call-equivalent deltas 0.90, 0.75, 0.50, 0.25, 0.10: the smile's
 *     IV linearly interpolated in call-equivalent delta between the two neighbouring points. A bucket outside the
 *     quoted deltas is null (never extrapolated).</li>
 * <li><b>ATM IV</b>: the smile linearly interpolated in strike at the forward; null when the forward lies outside
 *     the quoted strikes. {@code atmStrike} is the quoted strike nearest the forward.</li>
 * <li><b>Risk reversal</b> RR25 = IV(25C) − IV(25P); <b>butterfly</b> BF25 = (IV(25C) + IV(25P)) / 2 − IV(50);
 *     likewise for 10Δ. Null when a leg is null.</li>
 * </ul>
 */
public final class VolSmile {
    /** The delta buckets in strike order (low strikes first), with their call-equivalent delta. */
    public static final Map<String, Double> BUCKETS = bucketMap();

    /** One option's quote, as far as the smile needs it; any value but strike and type may be null. */
    public record Quote(String symbol, BigDecimal strike, OptionType type, BigDecimal markIv, BigDecimal bidIv, BigDecimal askIv,
                        BigDecimal delta) {
        public Quote {
            Objects.requireNonNull(strike, "strike");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Both options of one strike and the smile point chosen from them. */
    public record Strike(BigDecimal strike, Double logMoneyness, Quote call, Quote put, OptionType smileSide,
                         Double smileIv, Double callEquivalentDelta) {
    }

    /** IV at one delta bucket. */
    public record Bucket(String name, double callDelta, Double iv) {
    }

    public record Result(List<Strike> strikes, BigDecimal atmStrike, Double atmIv, List<Bucket> buckets,
                         Double riskReversal25, Double butterfly25, Double riskReversal10, Double butterfly10) {
        public Double bucket(String name) {
            return buckets.stream().filter(b -> b.name().equals(name)).findFirst().map(Bucket::iv).orElse(null);
        }
    }

    private VolSmile() {
    }

    /**
     * @param quotes  the expiry's options (any order; a strike may lack its call or its put)
     * @param forward the expiry's underlying (forward) price, or null when unknown
     */
    public static Result of(List<Quote> quotes, BigDecimal forward) {
        TreeMap<BigDecimal, Quote[]> byStrike = new TreeMap<>();
        for (Quote q : quotes) {
            Quote[] pair = byStrike.computeIfAbsent(q.strike().stripTrailingZeros(), k -> new Quote[2]);
            pair[q.type() == OptionType.CALL ? 0 : 1] = q;
        }
        Double f = forward == null || forward.signum() <= 0 ? null : forward.doubleValue();
        List<Strike> strikes = new ArrayList<>(byStrike.size());
        for (Quote[] pair : byStrike.values()) {
            strikes.add(point(pair[0], pair[1], f));
        }
        BigDecimal atmStrike = f == null ? null : strikes.stream()
                .min(Comparator.comparingDouble(s -> Math.abs(s.strike().doubleValue() - f)))
                .map(Strike::strike).orElse(null);
        Double atmIv = f == null ? null : atTheForward(strikes, f);
        List<Bucket> buckets = new ArrayList<>();
        List<double[]> byDelta = deltaPoints(strikes);
        BUCKETS.forEach((name, delta) -> buckets.add(new Bucket(name, delta, interpolate(byDelta, delta))));
        Result partial = new Result(strikes, atmStrike, atmIv, buckets, null, null, null, null);
        Double c25 = partial.bucket("25C");
        Double p25 = partial.bucket("25P");
        Double c10 = partial.bucket("10C");
        Double p10 = partial.bucket("10P");
        Double mid = partial.bucket("50");
        return new Result(strikes, atmStrike, atmIv, buckets, difference(c25, p25), butterfly(c25, p25, mid),
                difference(c10, p10), butterfly(c10, p10, mid));
    }

    private static Strike point(Quote call, Quote put, Double f) {
        BigDecimal strike = (call != null ? call : put).strike();
        double k = strike.doubleValue();
        Double logMoneyness = f == null || k <= 0 ? null : Math.log(k / f);
        boolean callSide = f == null || k >= f;
        Quote first = callSide ? call : put;
        Quote second = callSide ? put : call;
        Quote chosen = usable(first) ? first : usable(second) ? second : null;
        if (chosen == null) {
            return new Strike(strike, logMoneyness, call, put, null, null, null);
        }
        Double delta = chosen.delta() == null ? null
                : chosen.type() == OptionType.CALL ? chosen.delta().doubleValue() : 1 + chosen.delta().doubleValue();
        return new Strike(strike, logMoneyness, call, put, chosen.type(), chosen.markIv().doubleValue(), delta);
    }

    private static boolean usable(Quote q) {
        return q != null && q.markIv() != null && q.markIv().signum() > 0;
    }

    private static Double atTheForward(List<Strike> strikes, double f) {
        Strike below = null;
        for (Strike s : strikes) {
            if (s.smileIv() == null) {
                continue;
            }
            double k = s.strike().doubleValue();
            if (k == f) {
                return s.smileIv();
            }
            if (k < f) {
                below = s;
            } else {
                if (below == null) {
                    return null;
                }
                double k0 = below.strike().doubleValue();
                return linear(k0, below.smileIv(), k, s.smileIv(), f);
            }
        }
        return null;
    }

    /** (call-equivalent delta, IV) of every point that has both, by ascending delta. */
    private static List<double[]> deltaPoints(List<Strike> strikes) {
        List<double[]> points = new ArrayList<>();
        for (Strike s : strikes) {
            if (s.smileIv() != null && s.callEquivalentDelta() != null) {
                points.add(new double[] {s.callEquivalentDelta(), s.smileIv()});
            }
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        return points;
    }

    /** Linear interpolation in the sorted points at x; null outside their range. */
    static Double interpolate(List<double[]> sorted, double x) {
        for (int i = 0; i < sorted.size(); i++) {
            double[] p = sorted.get(i);
            if (p[0] == x) {
                return p[1];
            }
            if (p[0] > x) {
                if (i == 0) {
                    return null;
                }
                double[] q = sorted.get(i - 1);
                return linear(q[0], q[1], p[0], p[1], x);
            }
        }
        return null;
    }

    private static double linear(double x0, double y0, double x1, double y1, double x) {
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }

    private static Double difference(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    private static Double butterfly(Double call, Double put, Double mid) {
        return call == null || put == null || mid == null ? null : (call + put) / 2 - mid;
    }

    private static Map<String, Double> bucketMap() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("10P", 0.90);
        m.put("25P", 0.75);
        m.put("50", 0.50);
        m.put("25C", 0.25);
        m.put("10C", 0.10);
        return java.util.Collections.unmodifiableMap(m);
    }
}
