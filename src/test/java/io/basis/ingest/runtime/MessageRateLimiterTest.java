package io.basis.ingest.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** Sends {@code count} messages as fast as the limiter allows on a manual clock; returns the send times. */
    private static List<Long> sendTimes(MessageRateLimiter limiter, int count, long start) {
        List<Long> times = new ArrayList<>();
        long now = start;
        for (int i = 0; i < count; i++) {
            now += limiter.reserve(now);
            times.add(now);
        }
        return times;
    }

    @Test
    void twentyFiveMessagesAtTenPerSecondSpanThreeWindows() {
        List<Long> times = sendTimes(new MessageRateLimiter(10, Duration.ofSeconds(1)), 25, 5 * SECOND);

        assertThat(times.stream().map(t -> (t - 5 * SECOND) / SECOND).distinct()).containsExactly(0L, 1L, 2L);
        assertThat(times.stream().filter(t -> t < 6 * SECOND)).hasSize(10);
        for (int i = 10; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 10)).isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void noWaitWhileUnderTheLimit() {
        MessageRateLimiter limiter = new MessageRateLimiter(10, Duration.ofSeconds(1));
        long now = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve(now)).isZero();
            now += SECOND / 20;
        }
        assertThat(limiter.reserve(now)).isEqualTo(SECOND - now);
        assertThat(limiter.reserved()).isEqualTo(11);
    }

    @Test
    void quietPeriodsRestoreTheBudget() {
        MessageRateLimiter limiter = new MessageRateLimiter(2, Duration.ofSeconds(1));
        limiter.reserve(0);
        limiter.reserve(0);
        assertThat(limiter.reserve(10 * SECOND)).isZero();
        assertThat(limiter.reserve(10 * SECOND)).isZero();
        assertThat(limiter.reserve(10 * SECOND)).isEqualTo(SECOND);
    }
}
