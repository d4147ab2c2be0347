package io.basis.support;

import io.basis.ingest.VenueConnector;
import io.basis.ingest.history.HistorySource;
import io.basis.ingest.history.HistoryUnavailableException;
import io.basis.ingest.runtime.RateBudget;
import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connector whose history source serves 1-minute candles of its symbols, one request per hour of range, for
 * the gap and backfill endpoint and command tests; fetches can be held at a gate to keep a job running, or fail.
 */
public final class FakeHistoryConnector implements VenueConnector {
    private final String venue;
    private final List<String> symbols;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Instant failFrom;
    private volatile Instant refuseFrom;
    public final AtomicInteger fetches = new AtomicInteger();

    public FakeHistoryConnector(String venue, List<String> symbols) {
        this.venue = venue;
        this.symbols = List.copyOf(symbols);
    }

    /** Holds every fetch until {@link #open()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    /** Fetches of ranges reaching {@code from} or later fail with an I/O error (null: none fail). */
    public void failFrom(Instant from) {
        failFrom = from;
    }

    /** Fetches of ranges reaching {@code from} or later are refused by the venue (null: none are). */
    public void refuseFrom(Instant from) {
        refuseFrom = from;
    }

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public void start() {
    }

    @Override
    public void prepareHistory() {
    }

    @Override
    public void close() {
    }

    @Override
    public Optional<HistorySource> historySource() {
        return Optional.of(new HistorySource() {
            @Override
            public String venue() {
                return venue;
            }

            @Override
            public Map<EventType, Coverage> coverage() {
                return Map.of(EventType.CANDLE, new Coverage(EventType.CANDLE, Duration.ofDays(365), true,
                        "fake klines"));
            }

            @Override
            public List<String> symbols(EventType type, Collection<String> tracked) {
                return tracked.stream().filter(symbols::contains).toList();
            }

            @Override
            public Map<String, RateBudget> budgets() {
                return Map.of("default", new RateBudget(10_000, Duration.ofMinutes(1)));
            }

            @Override
            public int estimateRequests(EventType type, String symbol, Instant from, Instant to) {
                return (int) Math.max(1, (Duration.between(from, to).toMinutes() + 59) / 60);
            }

            @Override
            public Fetched fetch(EventType type, String symbol, Instant from, Instant to, Throttle throttle,
                                 Sink sink) throws InterruptedException, IOException, HistoryUnavailableException {
                fetches.incrementAndGet();
                gate.await();
                Instant refusing = refuseFrom;
                if (refusing != null && to.isAfter(refusing)) {
                    throw new HistoryUnavailableException("Invalid symbol " + symbol + " (simulated delisting)");
                }
                Instant failing = failFrom;
                if (failing != null && to.isAfter(failing)) {
                    throw new IOException("simulated venue failure");
                }
                int requests = 0;
                long events = 0;
                int estimate = estimateRequests(type, symbol, from, to);
                Instant first = null;
                Instant t = Instant.ofEpochSecond((from.getEpochSecond() + 59) / 60 * 60);
                while (t.isBefore(to)) {
                    throttle.acquire("default", 1);
                    requests++;
                    List<MarketEvent> page = new ArrayList<>();
                    Instant pageEnd = t.plus(Duration.ofHours(1));
                    for (; t.isBefore(to) && t.isBefore(pageEnd); t = t.plusSeconds(60)) {
                        page.add(new Candle(venue, symbol, t, t.plusSeconds(60), Duration.ofMinutes(1),
                                BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE,
                                null, 1L, true));
                        first = first == null ? t : first;
                    }
                    events += page.size();
                    sink.accept(page, new Progress(requests, estimate, events, t));
                }
                return new Fetched(requests, events, first, t.minusSeconds(60));
            }
        });
    }
}
