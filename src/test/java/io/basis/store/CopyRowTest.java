package io.basis.store;

import io.basis.model.PriceLevel;
import io.basis.model.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowTest {

    @Test
    void writesPostgresTextFormatWithEscapesNullsAndPlainDecimals() {
        CopyRow row = new CopyRow(64);
        row.add(7).add(Instant.parse("2026-01-02T03:04:05.123456Z")).add("a\tb\\c\nd\re").add((String) null)
                .add(new BigDecimal("1E-8")).add(new BigDecimal("0.00100")).add(Side.SELL).add(true)
                .addSeconds(Duration.ofMinutes(5)).add((Long) null).endRow();
        row.add(1).addArray(List.of(new PriceLevel(new BigDecimal("1.50"), BigDecimal.ONE),
                new PriceLevel(new BigDecimal("2"), BigDecimal.TEN)), PriceLevel::price).endRow();

        assertThat(new String(row.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "7\t2026-01-02T03:04:05.123456Z\ta\\tb\\\\c\\nd\\re\t\\N\t0.00000001\t0.00100\tSELL\tt\t300\t\\N\n"
                        + "1\t{1.50,2}\n");
        assertThat(row.rows()).isEqualTo(2);
    }

    @Test
    void formatsInstantsLikeIsoAndNonAsciiTextAsUtf8() {
        CopyRow row = new CopyRow(8);
        row.add(Instant.parse("1999-12-31T23:59:59Z")).add(Instant.parse("2026-03-01T00:00:00.000001Z"))
                .add(Instant.parse("1969-07-20T20:17:40.5Z")).add("BTC\u2011永续\t").add(-42L).add(Long.MIN_VALUE).endRow();
        assertThat(new String(row.toBytes(), StandardCharsets.UTF_8)).isEqualTo(String.join("\t",
                "1999-12-31T23:59:59Z", "2026-03-01T00:00:00.000001Z", "1969-07-20T20:17:40.500000Z",
                "BTC\u2011永续\\t", "-42", "-9223372036854775808") + "\n");
        row.reset();
        assertThat(row.size()).isZero();
        assertThat(row.rows()).isEqualTo(1);
    }
}
