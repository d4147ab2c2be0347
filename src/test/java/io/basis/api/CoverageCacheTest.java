package io.basis.api;

import io.basis.support.SettableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coverage answer is measured at most once per time-to-live and filter, never twice at once, refreshed in the
 * background once one was given, failures not kept.
 */
class CoverageCacheTest {
    private static final Instant T0 = Instant.parse("2026-11-22T04:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final List<Runnable> background = new CopyOnWriteArrayList<>();
    private final CoverageCache cache = new CoverageCache(clock, Duration.ofMinutes(1), background::add);
    private final AtomicInteger measured = new AtomicInteger();

    private CoverageResponse measure(Instant at) {
        measured.incrementAndGet();
        return new CoverageResponse(at.toString(), "0/0 symbols (0.0%)", 0, 0, null, 99.0, List.of());
    }

    @Test
    void anAnswerIsReusedUntilItIsOlderThanTheTimeToLive() {
        CoverageResponse first = cache.get("", this::measure);
        clock.set(T0.plusSeconds(59));
        assertThat(cache.get("", this::measure)).isSameAs(first);
        assertThat(measured).hasValue(1);
        assertThat(cache.get("binance-usdm", this::measure).timestamp()).as("another filter").isEqualTo(
                T0.plusSeconds(59).toString());
        assertThat(measured).hasValue(2);

        clock.set(T0.plusSeconds(60));
        assertThat(cache.get("", this::measure)).as("the kept answer at once, the next one measured behind it")
                .isSameAs(first);
        assertThat(cache.get("", this::measure)).as("while that measurement runs").isSameAs(first);
        assertThat(background).hasSize(1);
        background.removeFirst().run();
        CoverageResponse later = cache.get("", this::measure);
        assertThat(later.timestamp()).as("timestamp: when measured").isEqualTo(T0.plusSeconds(60).toString());
        assertThat(measured).hasValue(3);
        assertThat(background).isEmpty();
    }

    @Test
    void aFailedBackgroundMeasurementIsNotKeptAndTheNextRequestSeesTheFailure() {
        CoverageResponse first = cache.get("", this::measure);
        clock.set(T0.plusSeconds(90));
        assertThat(cache.get("", at -> {
            throw new IllegalStateException("database down");
        })).isSameAs(first);
        background.removeFirst().run();
        assertThatThrownBy(() -> cache.get("", at -> {
            throw new IllegalStateException("database still down");
        })).as("measured on the request's own thread").hasMessage("database still down");
        assertThat(cache.get("", this::measure).timestamp()).isEqualTo(T0.plusSeconds(90).toString());
    }

    @Test
    void aBackgroundMeasurementThatNeverEndsIsGivenUpAndAnotherStarted() {
        CoverageResponse first = cache.get("", this::measure);
        clock.set(T0.plusSeconds(60));
        assertThat(cache.get("", this::measure)).isSameAs(first);
        Runnable hanging = background.removeFirst();   // never run: its query hangs
        clock.set(T0.plusSeconds(60).plus(Duration.ofMinutes(CoverageCache.GIVE_UP_AFTER_TTLS)).minusSeconds(1));
        assertThat(cache.get("", this::measure)).isSameAs(first);
        assertThat(background).as("still waited for").isEmpty();

        clock.set(T0.plusSeconds(60).plus(Duration.ofMinutes(CoverageCache.GIVE_UP_AFTER_TTLS)));
        assertThat(cache.get("", this::measure)).as("the kept answer, not the one lost").isSameAs(first);
        assertThat(background).as("another measurement behind it").hasSize(1);
        background.removeFirst().run();
        assertThat(cache.get("", this::measure).timestamp()).isEqualTo(clock.instant().toString());
        hanging.run();   // ending after all: its answer is not the kept one any more
        assertThat(cache.get("", this::measure).timestamp()).isEqualTo(clock.instant().toString());
    }

    @Test
    void concurrentRequestsWaitForTheOneMeasurementInProgress() throws Exception {
        CountDownLatch measuring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CoverageResponse> first = pool.submit(() -> cache.get("", at -> {
                measuring.countDown();
                await(release);
                return measure(at);
            }));
            assertThat(measuring.await(10, TimeUnit.SECONDS)).isTrue();
            Future<CoverageResponse> second = pool.submit(() -> cache.get("", this::measure));
            release.countDown();
            assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
            assertThat(measured).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedMeasurementIsNotKept() {
        assertThatThrownBy(() -> cache.get("", at -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(cache.get("", this::measure)).isNotNull();
        assertThat(measured).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
