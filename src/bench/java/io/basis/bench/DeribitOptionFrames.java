package io.basis.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deribit {@code ticker.<instrument>.100ms} subscription frames of options, in the venue's exact format (the data
 * object of {@code src/test/resources/venues/deribit/ws/ticker_option.json}, numbers as Deribit prints them: no
 * trailing zeros). Half the instruments are BTC options, half ETH: five expiries, strikes around the spot, calls and
 * puts. Each currency's index follows a random walk; each frame re-prices one instrument (Black–Scholes mark price
 * and greeks from the walked implied volatility, book around the mark, amounts and open interest that move now and
 * then). A share of the frames changes only what Basis does not store (timestamp, index price, stats), as Deribit
 * sends when nothing else moved. Deterministic for a seed.
 */
final class DeribitOptionFrames {
    private static final String[] EXPIRIES = {"5DEC26", "12DEC26", "25DEC26", "29JAN27", "26MAR27"};
    private static final double[] EXPIRY_YEARS = {0.04, 0.06, 0.1, 0.2, 0.35};

    /** The generated frames and what storing them must give. */
    record Frames(byte[][] frames, List<String> instruments, long bytes, long startMillis, long endMillis,
                  long unchangedFrames, long expectedStored, Map<String, Long> storedPerInstrument) {
        int size() {
            return frames.length;
        }
    }

    private static final class Option {
        final String name;
        final String currency;
        final int expiry;
        final double strike;
        final boolean call;
        double iv;
        double bidAmount;
        double askAmount;
        double openInterest;
        long lastMillis;
        String stored;
        String frameData;

        Option(String name, String currency, int expiry, double strike, boolean call, double iv) {
            this.name = name;
            this.currency = currency;
            this.expiry = expiry;
            this.strike = strike;
            this.call = call;
            this.iv = iv;
        }
    }

    private DeribitOptionFrames() {
    }

    /**
     * @param instruments number of options (split evenly between BTC and ETH)
     * @param unchangedShare share of frames that repeat the instrument's stored fields
     * @param endMillis venue time of the last frame; the frames span {@code spanMillis} before it
     */
    static Frames generate(long seed, int frames, int instruments, double unchangedShare, long endMillis,
                           long spanMillis) {
        Random rnd = new Random(seed);
        List<Option> options = options(instruments, rnd);
        Map<String, Double> spot = new HashMap<>(Map.of("BTC", 95_000.0, "ETH", 3_400.0));
        byte[][] out = new byte[frames][];
        long bytes = 0;
        long unchanged = 0;
        long stored = 0;
        Map<String, Long> perInstrument = new HashMap<>();
        long start = endMillis - spanMillis;
        for (int i = 0; i < frames; i++) {
            long t = start + (long) ((double) i * spanMillis / frames);
            for (String c : List.of("BTC", "ETH")) {
                spot.put(c, spot.get(c) * (1 + rnd.nextGaussian() * 0.00005));
            }
            Option o = options.get(rnd.nextInt(options.size()));
            t = Math.max(t, o.lastMillis + 1);
            o.lastMillis = t;
            double index = spot.get(o.currency);
            String data;
            if (o.frameData != null && rnd.nextDouble() < unchangedShare) {
                data = o.frameData;
            } else {
                data = price(o, index, rnd);
                o.frameData = data;
            }
            String frame = frame(o, t, index, data);
            if (!data.equals(o.stored)) {
                o.stored = data;
                stored++;
                perInstrument.merge(o.name, 1L, Long::sum);
            } else {
                unchanged++;
            }
            out[i] = frame.getBytes(StandardCharsets.UTF_8);
            bytes += out[i].length;
        }
        return new Frames(out, options.stream().map(o -> o.name).toList(), bytes, start, out.length == 0 ? start
                : options.stream().mapToLong(o -> o.lastMillis).max().orElse(start), unchanged, stored, perInstrument);
    }

    private static List<Option> options(int n, Random rnd) {
        List<Option> out = new ArrayList<>();
        for (int k = 0; out.size() < n; k++) {
            String currency = k % 2 == 0 ? "BTC" : "ETH";
            int j = k / 2;
            int expiry = j % EXPIRIES.length;
            int strikeStep = (j / EXPIRIES.length) / 2 - 2;
            boolean call = (j / EXPIRIES.length) % 2 == 0;
            double strike = currency.equals("BTC") ? 95_000 + strikeStep * 5_000 : 3_400 + strikeStep * 200;
            String name = currency + "-" + EXPIRIES[expiry] + "-" + (long) strike + (call ? "-C" : "-P");
            Option o = new Option(name, currency, expiry, strike, call, 0.45 + rnd.nextDouble() * 0.3);
            o.bidAmount = 1 + rnd.nextInt(50);
            o.askAmount = 1 + rnd.nextInt(50);
            o.openInterest = 10 + rnd.nextInt(5_000);
            out.add(o);
        }
        return out;
    }

    /** The stored part of the data object: everything Basis keeps, as Deribit prints it. */
    private static String price(Option o, double index, Random rnd) {
        o.iv = Math.max(0.1, o.iv + rnd.nextGaussian() * 0.0005);
        if (rnd.nextInt(4) == 0) {
            o.bidAmount = Math.max(0.1, o.bidAmount + rnd.nextInt(21) - 10);
        }
        if (rnd.nextInt(4) == 0) {
            o.askAmount = Math.max(0.1, o.askAmount + rnd.nextInt(21) - 10);
        }
        if (rnd.nextInt(20) == 0) {
            o.openInterest += rnd.nextInt(11) - 3;
        }
        double years = EXPIRY_YEARS[o.expiry];
        double underlying = index * (1 + 0.01 * years);
        double sd = o.iv * Math.sqrt(years);
        double d1 = (Math.log(underlying / o.strike) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        double pdf = Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
        double callValue = underlying * cdf(d1) - o.strike * cdf(d2);
        double value = o.call ? callValue : callValue - underlying + o.strike;
        double mark = Math.max(0.0001, value / underlying);
        double tick = 0.0001;
        double bid = Math.max(0, Math.floor(mark * 0.97 / tick) * tick);
        double ask = Math.ceil(mark * 1.03 / tick) * tick + tick;
        double delta = o.call ? cdf(d1) : cdf(d1) - 1;
        double gamma = pdf / (underlying * sd);
        double vega = underlying * pdf * Math.sqrt(years) / 100;
        double theta = -underlying * pdf * o.iv / (2 * Math.sqrt(years)) / 365;
        double rho = (o.call ? 1 : -1) * o.strike * years * cdf(o.call ? d2 : -d2) / 100;
        double markIv = o.iv * 100;
        return "\"greeks\": {\"delta\": " + num(delta, 5) + ", \"gamma\": " + num(gamma, 5) + ", \"vega\": "
                + num(vega, 5) + ", \"theta\": " + num(theta, 5) + ", \"rho\": " + num(rho, 5) + "},"
                + " \"open_interest\": " + num(o.openInterest, 1) + ", \"mark_price\": " + num(mark, 4)
                + ", \"best_ask_price\": " + num(ask, 4) + ", \"best_bid_price\": " + num(bid, 4)
                + ", \"mark_iv\": " + num(markIv, 2) + ", \"bid_iv\": " + num(markIv - 1.5 - rnd.nextInt(3) * 0.01, 2)
                + ", \"ask_iv\": " + num(markIv + 1.5 + rnd.nextInt(3) * 0.01, 2)
                + ", \"underlying_price\": " + num(underlying, 4) + ", \"underlying_index\": \""
                + (o.expiry < 2 ? "SYN." : "") + o.currency + "-" + EXPIRIES[o.expiry] + "\""
                + ", \"best_ask_amount\": " + num(o.askAmount, 1) + ", \"best_bid_amount\": " + num(o.bidAmount, 1);
    }

    private static String frame(Option o, long millis, double index, String stored) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"ticker." + o.name
                + ".100ms\",\"data\":{\"timestamp\": " + millis + ", \"state\": \"open\", \"stats\": {\"high\": null,"
                + " \"low\": null, \"price_change\": null, \"volume\": 0, \"volume_usd\": 0}, \"index_price\": "
                + num(index, 2) + ", \"instrument_name\": \"" + o.name + "\", \"last_price\": null,"
                + " \"settlement_price\": 0.19159773, \"min_price\": 0.0001, \"max_price\": 0.5, \"interest_rate\": 0,"
                + " \"estimated_delivery_price\": " + num(index, 2) + ", " + stored + "}}}";
    }

    /** A number as Deribit prints it: rounded to {@code decimals}, no trailing zeros, no exponent. */
    static String num(double v, int decimals) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static double cdf(double x) {
        // Abramowitz & Stegun 26.2.17, |error| < 7.5e-8
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double y = 1 - Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)
                * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255993 + t * 1.330274429))));
        return x >= 0 ? y : 1 - y;
    }
}
