package io.basis.ingest;

import io.basis.ingest.runtime.TimeSource;
import io.basis.model.IndexPrice;
import io.basis.model.MarketEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TrailingFlushTest {

    @Test
    void tickIsHalfTheShortestPositiveIntervalWithinBounds() {
        assertThat(TrailingFlush.tick(List.of(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ZERO)))
                .contains(Duration.ofMillis(250));
        assertThat(TrailingFlush.tick(List.of(Duration.ofMillis(4)))).contains(Duration.ofMillis(10));
        assertThat(TrailingFlush.tick(List.of(Duration.ofMinutes(5)))).contains(Duration.ofSeconds(1));
        assertThat(TrailingFlush.tick(List.of(Duration.ZERO))).isEmpty();
        List<Duration> none = new ArrayList<>();
        none.add(null);
        assertThat(TrailingFlush.tick(none)).isEmpty();
    }

    @Test
    void publishesWhatTheFlushReturnsEveryTickUntilClosed() throws Exception {
        MarketEvent e = new IndexPrice("v", "btc_usd", Instant.EPOCH, Instant.EPOCH, BigDecimal.ONE);
        List<Instant> asked = new CopyOnWriteArrayList<>();
        List<MarketEvent> published = new CopyOnWriteArrayList<>();
        CountDownLatch rounds = new CountDownLatch(3);
        TrailingFlush flush = TrailingFlush.start("test-flush", Duration.ofMillis(10), TimeSource.system(), now -> {
            asked.add(now);
            rounds.countDown();
            if (asked.size() == 1) {
                throw new IllegalStateException("one failing round is logged, not fatal");
            }
            return asked.size() == 2 ? List.of(e) : List.of();
        }, published::addAll);
        assertThat(rounds.await(5, TimeUnit.SECONDS)).isTrue();
        flush.close();
        Thread.sleep(50);
        int after = asked.size();
        Thread.sleep(100);
        assertThat(asked).hasSize(after);
        assertThat(published).containsExactly(e);
    }
}
