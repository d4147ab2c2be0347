package io.basis.ingest;

import io.basis.ingest.runtime.TimeSource;
import io.basis.model.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The trailing edge of a connector's thinning ({@link IntervalSampler}) when no further update arrives: a virtual
 * thread that every {@code tick} of the runtime's {@link TimeSource} asks the venue session for the values whose
 * interval has passed ({@code flushDue(now)}) and publishes them. Owned by the connector, stopped by {@link #close()}
 * (the thread is interrupted and ends; a publish under way may complete). A failing round is logged once and the
 * next tick tries again.
 */
public final class TrailingFlush implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrailingFlush.class);
    /** The shortest tick, however short the interval. */
    static final Duration MIN_TICK = Duration.ofMillis(10);
    /** The longest tick: a held-back value waits at most about this much past its interval. */
    static final Duration MAX_TICK = Duration.ofSeconds(1);

    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean failureLogged;

    private TrailingFlush(String name, Duration tick, TimeSource time, Function<Instant, List<MarketEvent>> flush,
                          Consumer<List<MarketEvent>> publish) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> run(tick, time, flush, publish));
    }

    /**
     * Half the shortest positive interval, within 10 ms .. 1 s; empty when no interval is
     * positive (nothing is thinned, nothing is ever held back).
     */
    public static Optional<Duration> tick(Collection<Duration> intervals) {
        return intervals.stream().filter(Objects::nonNull).filter(Duration::isPositive).min(Duration::compareTo)
                .map(d -> d.dividedBy(2))
                .map(d -> d.compareTo(MIN_TICK) < 0 ? MIN_TICK : d.compareTo(MAX_TICK) > 0 ? MAX_TICK : d);
    }

    /** Starts the thread (named {@code name}). */
    public static TrailingFlush start(String name, Duration tick, TimeSource time,
                                      Function<Instant, List<MarketEvent>> flush,
                                      Consumer<List<MarketEvent>> publish) {
        TrailingFlush f = new TrailingFlush(name, Objects.requireNonNull(tick, "tick"), time, flush, publish);
        f.thread.start();
        return f;
    }

    private void run(Duration tick, TimeSource time, Function<Instant, List<MarketEvent>> flush,
                     Consumer<List<MarketEvent>> publish) {
        while (!closed) {
            try {
                time.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                List<MarketEvent> due = flush.apply(time.now());
                if (!due.isEmpty()) {
                    publish.accept(due);
                }
            } catch (RuntimeException e) {
                if (!failureLogged) {
                    failureLogged = true;
                    log.warn("{}: flushing thinned events failed (logged once): {}", thread.getName(), e.toString());
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
