package io.basis.ingest;

import io.basis.ingest.runtime.GapSink;
import io.basis.store.GapCauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The periodic REST collections of all venues (open interest polls, ratio polls, snapshots). Each registered
 * {@link Collector} runs at its interval on a virtual thread and never overlaps itself; {@link #triggerAll()} runs
 * every collector once now (POST /collect). Results feed {@link CollectionStatistics}; a run held by a rate limit for
 * more than two intervals is reported to the {@link GapSink}. Thread-safe.
 */
@Component
public class RestCollectors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RestCollectors.class);

    /** One periodic REST collection of a venue. */
    public interface Collector {
        String venue();

        String name();

        Duration interval();

        /**
         * When present, runs after the first one fall on whole multiples of {@link #interval()} in UTC plus this
         * offset (e.g. 10 min + 5 s: hh:00:05, hh:10:05, ...), so a poll of data that settles at fixed times (funding
         * every hour) runs just after it settles; empty: every interval from registration.
         */
        default Optional<Duration> alignedWithOffset() {
            return Optional.empty();
        }

        /** Collects once and hands the events to storage; returns how many events were collected. */
        long collect() throws Exception;
    }

    /** What a collector did last. */
    public record Status(String venue, String name, Duration interval, Instant lastRun, Instant lastSuccess,
                         long failures, String lastError) {
    }

    private final class Registered {
        final Collector collector;
        final ReentrantLock running = new ReentrantLock();
        volatile Instant lastRun;
        volatile Instant lastSuccess;
        volatile long failures;
        volatile String lastError;

        Registered(Collector collector) {
            this.collector = collector;
        }

        void runOnce() {
            if (!running.tryLock()) {
                return; // already running: a trigger during a scheduled run adds nothing
            }
            Instant started = clock.instant();
            boolean succeededBefore = lastSuccess != null;
            try {
                lastRun = started;
                long events = collector.collect();
                lastSuccess = clock.instant();
                stats.collectionSucceeded(collector.venue(), events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failures++;
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                stats.collectionFailed(collector.venue());
                log.warn("{} {}: collection failed: {}", collector.venue(), collector.name(), lastError);
            } finally {
                running.unlock();
                if (succeededBefore) {   // a first run may legitimately be long (catching up history)
                    reportHeldRun(started, clock.instant());
                }
            }
        }

        /**
         * A run held for more than twice its interval skipped at least two polls. The only long waits inside a
         * collection are the venue's rate-limit pause (429/418) and weight budget, so the skipped slots are recorded
         * as a {@code rate-limit-pause} gap of the connection-level stream {@code rest:<name>}.
         */
        private void reportHeldRun(Instant started, Instant ended) {
            Duration interval = collector.interval();
            if (Duration.between(started, ended).compareTo(interval.multipliedBy(2)) > 0) {
                gaps.streamGap(collector.venue(), "rest:" + collector.name(), started.plus(interval), ended,
                        GapCauses.RATE_LIMIT_PAUSE);
            }
        }
    }

    private final CollectionStatistics stats;
    private final Clock clock;
    private final GapSink gaps;
    private final List<Registered> collectors = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("basis-rest-scheduler").daemon(true).factory());

    public RestCollectors(CollectionStatistics stats, Clock clock, GapSink gaps) {
        this.stats = stats;
        this.clock = clock;
        this.gaps = gaps;
    }

    /** Registers a collector; its first run starts at once, then every interval. Cancel the returned handle to stop it. */
    public Registration register(Collector collector) {
        Registered r = new Registered(collector);
        collectors.add(r);
        long period = Math.max(1, collector.interval().toMillis());
        Runnable run = () -> Thread.ofVirtual().name("collect-" + collector.name()).start(r::runOnce);
        ScheduledFuture<?> schedule;
        Optional<Duration> offset = collector.alignedWithOffset();
        if (offset.isPresent()) {
            run.run();
            schedule = scheduler.scheduleAtFixedRate(run, delayToNextSlot(clock.millis(), period,
                    offset.get().toMillis()), period, TimeUnit.MILLISECONDS);
        } else {
            schedule = scheduler.scheduleWithFixedDelay(run, 0, period, TimeUnit.MILLISECONDS);
        }
        return () -> {
            schedule.cancel(false);
            collectors.remove(r);
        };
    }

    /** Milliseconds from {@code nowMillis} to the next instant that is a multiple of {@code period} plus offset. */
    static long delayToNextSlot(long nowMillis, long period, long offset) {
        long sinceSlot = Math.floorMod(nowMillis - offset, period);
        return sinceSlot == 0 ? period : period - sinceSlot;
    }

    /** Stops a registered collector (a run in progress finishes). */
    @FunctionalInterface
    public interface Registration {
        void cancel();
    }

    /** Starts one run of every collector now, without waiting; returns how many were started. */
    public int triggerAll() {
        for (Registered r : collectors) {
            Thread.ofVirtual().name("collect-now-" + r.collector.name()).start(r::runOnce);
        }
        return collectors.size();
    }

    public List<Status> statuses() {
        return collectors.stream().map(r -> new Status(r.collector.venue(), r.collector.name(),
                r.collector.interval(), r.lastRun, r.lastSuccess, r.failures, r.lastError)).toList();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
