package io.basis.ingest.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every job of the queue ends: by itself, or through the abandoned handler, which can still write. */
class BackfillJobQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Ended(long jobId, boolean failed, String reason, boolean interrupted) {
    }

    private final List<Ended> ended = new CopyOnWriteArrayList<>();
    private final BackfillJobQueue queue = new BackfillJobQueue(1, (id, failed, reason) ->
            ended.add(new Ended(id, failed, reason, Thread.currentThread().isInterrupted())));

    @Test
    void aJobThatThrowsIsAbandonedAsFailedWithTheError() throws Exception {
        queue.submit("v", 1, "one", () -> {
            throw new IllegalStateException("broken");
        });
        queue.submit("v", 2, "two", () -> { });
        assertThat(queue.awaitIdle(WAIT)).isTrue();

        assertThat(ended).containsExactly(new Ended(1, true, "IllegalStateException: broken", false));
    }

    @Test
    void closingAbandonsTheRunningAndTheQueuedJobAsStoppedWithTheInterruptCleared() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        queue.submit("v", 1, "running", () -> {
            running.countDown();
            new CountDownLatch(1).await();
        });
        assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        queue.submit("v", 2, "queued", () -> {
            throw new AssertionError("a queued job must not run after close");
        });

        queue.close();
        assertThat(queue.awaitIdle(WAIT)).isTrue();

        assertThat(ended).containsExactlyInAnyOrder(new Ended(1, false, "backfill stopped", false),
                new Ended(2, false, "backfill stopped", false));
        assertThat(queue.submit("v", 3, "late", () -> { })).as("refused once closed").isFalse();
    }
}
