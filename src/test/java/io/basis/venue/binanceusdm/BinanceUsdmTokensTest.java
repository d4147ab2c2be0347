package io.basis.venue.binanceusdm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast decimal path must give exactly what {@code new BigDecimal(text)} gives: same value, same scale. */
class BinanceUsdmTokensTest {

    static BigDecimal fast(String text) {
        char[] padded = ("xx" + text + "yy").toCharArray();
        return BinanceUsdmTokens.decimal(padded, 2, text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "0.000", "-0", "-0.00", "1", "100", "0.0010", "104250.10", "11794.15000000",
            "-0.00002871", "0.00000001", "999999999999999999", "0.999999999999999999", "1000000000000000000",
            "123456789012345678.123456789", "5.", ".5", "-.5", "1E+3", "1e-8", "+1.5", "00012.3400"})
    void sameAsTheGeneralConstructor(String text) {
        BigDecimal expected = new BigDecimal(text);
        BigDecimal actual = fast(text);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.scale()).isEqualTo(expected.scale());
        assertThat(actual.toPlainString()).isEqualTo(expected.toPlainString());
    }

    @Test
    void randomVenueLikeDecimals() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder s = new StringBuilder(random.nextInt(10) == 0 ? "-" : "");
            int intDigits = 1 + random.nextInt(12);
            for (int d = 0; d < intDigits; d++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            int fraction = random.nextInt(10);
            if (fraction > 0) {
                s.append('.');
                for (int d = 0; d < fraction; d++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
            }
            String text = s.toString();
            BigDecimal expected = new BigDecimal(text);
            assertThat(fast(text)).as(text).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1.2.3", "abc", "1,5", "--1", "1-"})
    void nonDecimalsAreRejected(String text) {
        assertThatThrownBy(() -> fast(text)).isInstanceOf(NumberFormatException.class);
    }
}
