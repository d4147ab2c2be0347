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
}
