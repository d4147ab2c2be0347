package io.basis.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationNotationTest {

    @Test
    void unitsCaseAndBlanks() {
        assertThat(DurationNotation.parse("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(DurationNotation.parse(" 1S ")).isEqualTo(Duration.ofSeconds(1));
        assertThat(DurationNotation.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationNotation.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationNotation.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationNotation.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
        assertThat(DurationNotation.parseNonNegative("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusals() {
        for (String bad : new String[] {"", "s", "5", "5w", "1.5s", "ms"}) {
            assertThatThrownBy(() -> DurationNotation.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a duration: " + bad);
        }
        assertThatThrownBy(() -> DurationNotation.parseNonNegative(" -1s")).hasMessage("not a duration:  -1s");
        assertThatThrownBy(() -> DurationNotation.parseNonNegative("-0ms")).hasMessage("not a duration: -0ms");
    }
}
