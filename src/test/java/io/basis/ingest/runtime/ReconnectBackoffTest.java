package io.basis.ingest.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest {
    private static final Escalation CEILING = new Escalation(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void escalationDoublesUpToTheCap() {
        assertThat(List.of(0, 1, 2, 5, 6, 7, 60).stream().map(CEILING::step).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(32),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(new Escalation(Duration.ofMinutes(2), Duration.ofDays(3)).step(20)).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> new Escalation(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullJitterStaysWithinTheGrowingCeiling() {
        ReconnectBackoff backoff = new ReconnectBackoff(CEILING, Duration.ofMinutes(1), new Random(42));
        for (int attempt = 0; attempt < 200; attempt++) {
            Duration ceiling = backoff.nextCeiling();
            Duration delay = backoff.nextDelay();
            assertThat(ceiling).isEqualTo(CEILING.step(attempt));
            assertThat(delay).isBetween(Duration.ZERO, ceiling);
        }
    }

    @Test
    void jitterSpreadsAcrossTheRange() {
        List<Duration> firstDelays = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            firstDelays.add(new ReconnectBackoff(CEILING, Duration.ofMinutes(1), random).nextDelay());
        }
        assertThat(firstDelays).anyMatch(d -> d.compareTo(Duration.ofMillis(100)) < 0)
                .anyMatch(d -> d.compareTo(Duration.ofMillis(900)) > 0)
                .allMatch(d -> d.compareTo(Duration.ofSeconds(1)) <= 0);
    }

    @Test
    void aHealthySessionResetsTheAttempts() {
        ReconnectBackoff backoff = new ReconnectBackoff(CEILING, Duration.ofMinutes(1), new Random(3));
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.nextDelay();

        backoff.sessionEnded(Duration.ofSeconds(59));
        assertThat(backoff.attempts()).isEqualTo(3);
        assertThat(backoff.nextCeiling()).isEqualTo(Duration.ofSeconds(8));

        backoff.sessionEnded(Duration.ofMinutes(1));
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.nextCeiling()).isEqualTo(Duration.ofSeconds(1));
    }
}
