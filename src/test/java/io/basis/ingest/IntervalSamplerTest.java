package io.basis.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntervalSamplerTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final IntervalSampler<String, String> sampler = new IntervalSampler<>();

    private List<String> offer(String key, String value, long millis) {
        List<String> out = new ArrayList<>();
        sampler.offer(key, value, at(millis), SECOND, out);
        return out;
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void aBurstKeepsTheFirstAndHandsOutTheLastOnceTheIntervalHasPassed() {
        assertThat(offer("k", "a", 0)).containsExactly("a");
        assertThat(offer("k", "b", 100)).isEmpty();
        assertThat(offer("k", "c", 200)).isEmpty();
        assertThat(sampler.due(at(999))).isEmpty();
        assertThat(sampler.due(at(1000))).containsExactly("c");
        assertThat(sampler.due(at(5000))).as("handed out once").isEmpty();
        assertThat(sampler.pendingCount()).isZero();
    }

    @Test
    void theNextUpdateHandsOutTheDueOneAndTheTrailingEdgeStartsTheNextInterval() {
        offer("k", "a", 0);
        offer("k", "b", 500);
        assertThat(offer("k", "c", 1200)).as("b was due at 1000; c falls in the interval that began there")
                .containsExactly("b");
        assertThat(offer("k", "d", 2000)).as("c due at 2000, d within 2000..3000").containsExactly("c");
        assertThat(offer("k", "e", 4500)).as("d due at 3000; e after 3000 + 1 s").containsExactly("d", "e");
        assertThat(sampler.pendingCount()).isZero();
    }

    @Test
    void whichValuesComeOutDoesNotDependOnWhenDueIsAsked() {
        IntervalSampler<String, String> timer = new IntervalSampler<>();
        List<String> live = new ArrayList<>();
        List<String> replay = new ArrayList<>();
        long[] times = {0, 100, 900, 1100, 1500, 2600, 2700, 5000, 5100};
        for (int i = 0; i < times.length; i++) {
            for (long tick = i == 0 ? 0 : times[i - 1]; tick < times[i]; tick += 50) {
                live.addAll(timer.due(at(tick)));
            }
            timer.offer("k", "v" + i, at(times[i]), SECOND, live);
            sampler.offer("k", "v" + i, at(times[i]), SECOND, replay);
        }
        live.addAll(timer.drain());
        replay.addAll(sampler.drain());
        assertThat(live).containsExactly("v0", "v2", "v4", "v6", "v7", "v8");
        assertThat(replay).isEqualTo(live);
    }

    @Test
    void keysAreIndependent() {
        offer("a", "a1", 0);
        offer("b", "b1", 500);
        offer("a", "a2", 100);
        offer("b", "b2", 600);
        assertThat(sampler.due(at(1000))).containsExactly("a2");
        assertThat(sampler.due(at(1500))).containsExactly("b2");
    }

    @Test
    void zeroIntervalKeepsEverythingAndRemembersNothing() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sampler.offer("k", "v" + i, T0, Duration.ZERO, out);
        }
        assertThat(out).containsExactly("v0", "v1", "v2");
        assertThat(sampler.pendingCount()).isZero();
        assertThat(sampler.drain()).isEmpty();
    }

    @Test
    void aValueKeptElsewhereSupersedesThePendingOneAndStartsAnInterval() {
        offer("k", "a", 0);
        offer("k", "b", 100);
        sampler.kept("k", at(200));
        assertThat(sampler.due(at(5000))).isEmpty();
        assertThat(offer("k", "c", 1100)).as("within 1 s of the forced one").isEmpty();
        assertThat(sampler.takeDue("k", at(1199))).isNull();
        assertThat(sampler.takeDue("k", at(1200))).isEqualTo("c");
    }

    @Test
    void drainHandsOutEveryPendingValueAndRemoveForgetsKeys() {
        offer("a", "a1", 0);
        offer("a", "a2", 10);
        offer("b", "b1", 0);
        offer("b", "b2", 10);
        assertThat(sampler.remove("b"::equals)).containsExactly("b2");
        assertThat(offer("b", "b3", 20)).as("b forgotten: a new interval").containsExactly("b3");
        assertThat(sampler.drain()).containsExactly("a2");
        assertThat(sampler.due(at(10_000))).isEmpty();
    }
}
