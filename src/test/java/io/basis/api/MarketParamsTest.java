package io.basis.api;

import io.basis.model.OptionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameter parsing and the derived figures of the market endpoints. */
class MarketParamsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:30:00Z");

    @Test
    void expiryAcceptsIsoDatesAndDeribitCodes() {
        LocalDate christmas = LocalDate.of(2026, 12, 25);
        assertThat(OptionParams.expiry("2026-12-25")).isEqualTo(christmas);
        assertThat(OptionParams.expiry("25DEC26")).isEqualTo(christmas);
        assertThat(OptionParams.expiry(" 25dec26 ")).isEqualTo(christmas);
        assertThat(OptionParams.expiry("5JAN27")).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(OptionParams.expiry("")).isNull();
        assertThat(OptionParams.expiry(null)).isNull();
        for (String bad : List.of("31FEB27", "2026-02-30", "25DECEMBER26", "DEC26", "26-12-25", "2026/12/25")) {
            assertThatThrownBy(() -> OptionParams.expiry(bad)).as(bad).isInstanceOfSatisfying(
                    ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("expiry"));
        }
    }

    @Test
    void expiryCodeIsDeribitStyle() {
        assertThat(OptionParams.code(Instant.parse("2026-12-25T08:00:00Z"))).isEqualTo("25DEC26");
        assertThat(OptionParams.code(Instant.parse("2027-01-05T08:00:00Z"))).isEqualTo("5JAN27");
    }

    @Test
    void typeAndAt() {
        assertThat(OptionParams.type("Call")).isEqualTo(OptionType.CALL);
        assertThat(OptionParams.type("put")).isEqualTo(OptionType.PUT);
        assertThatThrownBy(() -> OptionParams.type("both")).isInstanceOfSatisfying(ParameterException.class,
                e -> assertThat(e.allowed()).containsExactly("call", "put"));
        assertThat(OptionParams.at(null, NOW)).isEqualTo(NOW);
        assertThat(OptionParams.at(NOW.minusSeconds(1), NOW)).isEqualTo(NOW.minusSeconds(1));
        assertThatThrownBy(() -> OptionParams.at(NOW.plusSeconds(1), NOW)).isInstanceOf(ParameterException.class);
    }

    @Test
    void yearsToExpiryIsAct365() {
        assertThat(OptionParams.years(NOW, NOW.plus(Duration.ofDays(365)))).isEqualTo(1.0);
        assertThat(OptionParams.years(NOW, NOW.plus(Duration.ofDays(73)))).isEqualTo(0.2);
    }

    @Test
    void fundingIsScaledToEightHoursAndAYear() {
        BigDecimal rate = new BigDecimal("0.00010000");
        assertThat(FundingRatesController.scaled(rate, Duration.ofHours(8), Duration.ofHours(8))).isEqualTo("0.0001");
        assertThat(FundingRatesController.scaled(rate, Duration.ofHours(8), Duration.ofHours(4))).isEqualTo("0.0002");
        assertThat(FundingRatesController.scaled(rate, Duration.ofHours(8), Duration.ofHours(1))).isEqualTo("0.0008");
        assertThat(FundingRatesController.scaled(rate, Duration.ofDays(365), Duration.ofHours(8)))
                .isEqualTo("0.1095");
        assertThat(FundingRatesController.scaled(new BigDecimal("-0.0003"), Duration.ofHours(8),
                Duration.ofHours(3))).isEqualTo("-0.0008");
        assertThat(FundingRatesController.scaled(new BigDecimal("0.0001"), Duration.ofHours(8),
                Duration.ofHours(6))).isEqualTo("0.0001333333333333333");
    }

    @Test
    void windowsDefaultAndAreBounded() {
        TimeWindow w = TimeWindow.resolve(null, null, NOW, Duration.ofHours(24), Duration.ofDays(31));
        assertThat(w.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(w.to()).isEqualTo(NOW);
        Instant to = NOW.minus(Duration.ofDays(2));
        assertThat(TimeWindow.resolve(null, to, NOW, Duration.ofHours(24), null).from())
                .isEqualTo(to.minus(Duration.ofHours(24)));
        assertThat(TimeWindow.resolve(NOW, NOW, NOW, Duration.ofHours(1), Duration.ZERO).span()).isZero();
        assertThatThrownBy(() -> TimeWindow.resolve(NOW.plusSeconds(1), NOW, NOW, Duration.ofHours(1), null))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> TimeWindow.resolve(NOW.minus(Duration.ofDays(32)), null, NOW, Duration.ofHours(1),
                Duration.ofDays(31))).isInstanceOfSatisfying(ParameterException.class,
                e -> assertThat(e.getMessage()).contains("31d"));
    }

    @Test
    void intervalsAreParsedFromTheAllowedList() {
        List<String> allowed = VolatilityIndexController.INTERVALS;
        assertThat(Durations.parse("interval", "1m", allowed)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("interval", "15m", allowed)).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("interval", "4h", allowed)).isEqualTo(Duration.ofHours(4));
        assertThat(Durations.parse("interval", "1d", allowed)).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> Durations.parse("interval", "2m", allowed)).isInstanceOfSatisfying(
                ParameterException.class, e -> assertThat(e.allowed()).isEqualTo(allowed));
        assertThat(Durations.format(Duration.ofDays(31))).isEqualTo("31d");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    }
}
