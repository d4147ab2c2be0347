package io.basis.store;

import io.basis.model.OptionTicker;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionQuoteBlockTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.000123Z");

    @Test
    void randomQuotesRoundTripExactlyIncludingScaleAndNulls() {
        Random rnd = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<OptionTicker> quotes = new ArrayList<>();
            Instant t = T0.plusSeconds(rnd.nextInt(1000));
            int n = 1 + rnd.nextInt(300);
            for (int i = 0; i < n; i++) {
                t = t.plusNanos(1_000L * (1 + rnd.nextInt(2_000_000)));
                quotes.add(quote(t, t.plusNanos(1_000L * (rnd.nextInt(20_000) - 5_000)), i2 -> random(rnd),
                        rnd.nextInt(5) == 0 ? null : "SYN.BTC-" + rnd.nextInt(3)));
            }
            assertRoundTrip(quotes);
        }
    }

    @Test
    void edgeDecimalsRoundTrip() {
        List<String> edges = List.of("0", "0.0", "0E-10", "-0.00", "1", "1.0", "1.00000000", "-30.5", "1E+5",
                "-7E+12", "0.00001234", "1E-40", "123456789.123456789", "9223372036854775807",
                "-9223372036854775807", "0.9223372036854775807", "83140.6237", "863.38");
        List<OptionTicker> quotes = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            BigDecimal v = new BigDecimal(edges.get(i));
            quotes.add(quote(T0.plusMillis(i), T0.plusMillis(i), c -> c % 3 == 0 ? null : v, "idx"));
        }
        assertRoundTrip(quotes);
    }

    @Test
    void valuesThatDoNotFitALongFallBackLosslessly() {
        List<BigDecimal> wide = List.of(new BigDecimal(new BigInteger("123456789012345678901234567890"), 3),
                new BigDecimal("1E-30"), new BigDecimal("5E+30"), new BigDecimal("9223372036854775807"),
                new BigDecimal("-9223372036854775807"), BigDecimal.valueOf(Long.MIN_VALUE),
                new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1), new BigDecimal(BigInteger.TEN, -2_000_000_000));
        List<OptionTicker> quotes = new ArrayList<>();
        for (int i = 0; i < wide.size(); i++) {
            BigDecimal v = wide.get(i);
            quotes.add(quote(T0.plusSeconds(i), T0.plusSeconds(i), c -> c == 4 ? BigDecimal.ONE : v, null));
        }
        assertRoundTrip(quotes);
        // scales 18 apart still fit the compact form; 19 apart do not
        assertRoundTrip(List.of(quote(T0, T0, c -> new BigDecimal("1E-18"), null),
                quote(T0.plusSeconds(1), T0, c -> new BigDecimal("7"), null)));
        assertRoundTrip(List.of(quote(T0, T0, c -> new BigDecimal("1E-19"), null),
                quote(T0.plusSeconds(1), T0, c -> new BigDecimal("7"), null)));
    }

    @Test
    void columnsWithoutValuesAndSingleQuotesRoundTrip() {
        assertRoundTrip(List.of(quote(T0, T0.minusSeconds(3), c -> c == 4 ? BigDecimal.ONE : null, null)));
        assertRoundTrip(List.of());
        assertRoundTrip(List.of(quote(T0, T0, c -> BigDecimal.TEN, "üñí €"),
                quote(T0.plusNanos(1000), T0, c -> BigDecimal.TEN, "")));
    }

    @Test
    void aRandomWalkTakesFewBytesPerQuote() {
        Random rnd = new Random(3);
        List<OptionTicker> quotes = new ArrayList<>();
        long[] u = {1905, 69, 2455, 69, 2182, 15947, 86338, 15947, 21345, 1234, 4512, -3050, 1201, 15203, 831406237};
        int[] s = {4, 1, 4, 1, 4, 2, 2, 2, 5, 8, 2, 2, 2, 1, 4};
        Instant t = T0;
        for (int i = 0; i < 3_600; i++) {
            t = t.plusMillis(100 + rnd.nextInt(900));
            for (int c = 0; c < u.length; c++) {
                u[c] += rnd.nextInt(5) - 2;
            }
            quotes.add(quote(t, t.plusMillis(2 + rnd.nextInt(5)), c -> BigDecimal.valueOf(u[c], s[c]),
                    "SYN.BTC-27DEC26"));
        }
        byte[] data = OptionQuoteBlock.encode(quotes);
        assertThat(data.length / (double) quotes.size()).isLessThan(25.0);
        assertThat(OptionQuoteBlock.decode(data).quotes("deribit", "SYM")).isEqualTo(quotes);
    }

    @Test
    void shortestFormColumnsNeedNoScalesAndStillRoundTrip() {
        List<String> printed = List.of("0", "1", "10", "0.25", "159.47", "-0.01591", "0.0001", "83140.6237", "120");
        List<OptionTicker> canonical = new ArrayList<>();
        List<OptionTicker> padded = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            BigDecimal v = new BigDecimal(printed.get(i % printed.size()));
            Instant t = T0.plusMillis(100L * i);
            canonical.add(quote(t, t.plusNanos(2_345_000), c -> c == 2 && v.signum() == 0 ? null : v, "SYN.ETH-5DEC26"));
            padded.add(quote(t, t.plusNanos(2_345_000), c -> v.setScale(6), "SYN.ETH-5DEC26"));
        }
        assertRoundTrip(canonical);
        assertRoundTrip(padded);
        // no per-value scales: the canonical block is smaller than the same values with varying scales would be
        List<OptionTicker> mixed = new ArrayList<>(canonical);
        mixed.set(1, quote(mixed.get(1).venueTime(), mixed.get(1).receivedAt(), c -> new BigDecimal("1.0"), null));
        assertRoundTrip(mixed);
        assertThat(OptionQuoteBlock.encode(canonical).length).isLessThan(OptionQuoteBlock.encode(mixed).length);
    }

    @Test
    void receiveTimesFarFromVenueTimesRoundTrip() {
        // a replay of last year's capture: received now, in microseconds, venue times a year back in milliseconds
        List<OptionTicker> quotes = new ArrayList<>();
        Instant rx = Instant.parse("2026-11-22T02:00:00.000001Z");
        for (int i = 0; i < 100; i++) {
            Instant t = T0.minus(java.time.Duration.ofDays(365)).plusMillis(1000L * i).truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS);
            rx = rx.plusNanos(17_000L * (1 + i % 5));
            BigDecimal v = BigDecimal.valueOf(i, 2);
            quotes.add(quote(t, rx, c -> v, null));
        }
        assertRoundTrip(quotes);
        assertThat(OptionQuoteBlock.encode(quotes).length / 100.0).isLessThan(40);
    }

    @Test
    void findsTheNewestQuoteAtOrBeforeAnInstant() {
        List<OptionTicker> quotes = List.of(quote(T0, T0, c -> BigDecimal.ONE, null),
                quote(T0.plusSeconds(10), T0, c -> BigDecimal.TWO, null));
        OptionQuoteBlock block = OptionQuoteBlock.decode(OptionQuoteBlock.encode(quotes));
        assertThat(block.indexAtOrBefore(T0.minusNanos(1000))).isEqualTo(-1);
        assertThat(block.indexAtOrBefore(T0)).isZero();
        assertThat(block.indexAtOrBefore(T0.plusSeconds(9))).isZero();
        assertThat(block.indexAtOrBefore(T0.plusSeconds(10))).isEqualTo(1);
        assertThat(block.indexAtOrBefore(T0.plusSeconds(99))).isEqualTo(1);
    }

    @Test
    void refusesUnorderedQuotesAndCorruptBlocks() {
        OptionTicker a = quote(T0, T0, c -> BigDecimal.ONE, null);
        assertThatThrownBy(() -> OptionQuoteBlock.encode(List.of(a, a))).isInstanceOf(IllegalArgumentException.class);
        byte[] data = OptionQuoteBlock.encode(List.of(a));
        assertThatThrownBy(() -> OptionQuoteBlock.decode(java.util.Arrays.copyOf(data, data.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        data[0] = 9;
        assertThatThrownBy(() -> OptionQuoteBlock.decode(data)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRoundTrip(List<OptionTicker> quotes) {
        List<OptionTicker> back = OptionQuoteBlock.decode(OptionQuoteBlock.encode(quotes)).quotes("deribit", "SYM");
        // records compare BigDecimal with equals(): value and scale
        assertThat(back).isEqualTo(quotes);
    }

    private static BigDecimal random(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> null;
            case 1 -> BigDecimal.valueOf(rnd.nextLong(), rnd.nextInt(40) - 10);
            case 2 -> new BigDecimal(new BigInteger(100, rnd), rnd.nextInt(30));
            case 3 -> BigDecimal.valueOf(rnd.nextInt(2_000_000) - 1_000_000, rnd.nextInt(9));
            default -> BigDecimal.valueOf(50_000 + rnd.nextInt(1_000), 4);
        };
    }

    private interface Values {
        BigDecimal at(int column);
    }

    private static OptionTicker quote(Instant t, Instant rx, Values values, String index) {
        BigDecimal[] v = new BigDecimal[15];
        for (int c = 0; c < v.length; c++) {
            v[c] = values.at(c);
        }
        return new OptionTicker("deribit", "SYM", t, rx, v[0], v[1], v[2], v[3], v[4] == null ? BigDecimal.ZERO : v[4],
                v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], index);
    }
}
