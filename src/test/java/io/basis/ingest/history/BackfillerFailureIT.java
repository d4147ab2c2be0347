package io.basis.ingest.history;

import io.basis.analytics.gaps.GapScanner;
import io.basis.ingest.ConnectorsStarter;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.TimeSource;
import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import io.basis.store.InstrumentIds;
import io.basis.support.ServiceTestSupport;
import io.basis.support.SettableClock;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backfill engine's state machine when things go wrong: a job that throws, a venue that refuses a manual job's
 * symbol, a history window that moves on while a job waits in the queue, and shutdown with jobs running and queued.
 * Whatever happens, no job stays queued/running and no gap stays backfilling. Also: a backfill never takes more than
 * its share of a venue budget.
 */
class BackfillerFailureIT extends ServiceTestSupport {
    private static final String VENUE = "history-test";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Candles are served for the last day only, at most 20 requests a minute (5 of them for backfill). */
    private static final Duration WINDOW = Duration.ofDays(1);

    @Autowired DataSource dataSource;
    @Autowired EventWriter writer;
    @Autowired GapLedger ledger;
    @Autowired BackfillJobs jobs;
    @Autowired TimeSource time;
    @Autowired InstrumentIds instrumentIds;

    private final SettableClock clock = new SettableClock(Instant.EPOCH);
    private final Source source = new Source();
    private Backfiller backfiller;

    @BeforeEach
    void setUp() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
        clock.set(Instant.now().truncatedTo(ChronoUnit.HOURS));
        backfiller = backfiller(time);
    }

    private Backfiller backfiller(TimeSource budgetTime) {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        BackfillProperties props = new BackfillProperties(false, null, null, null, null, 1, null, null, null, null);
        Backfiller b = new Backfiller(props, ledger, jobs, writer, dataSource, budgetTime, clock,
                none.getBeanProvider(ConnectorsStarter.class), none.getBeanProvider(GapScanner.class));
        b.attach(new Connector());
        return b;
    }

    @AfterEach
    void tearDown() {
        source.gate.countDown();
        backfiller.close();
    }

    @Test
    void aJobThatThrowsEndsFailedAndItsGapIsOpenAgainWaitingForItsRetry() throws Exception {
        Instant from = clock.instant().minus(Duration.ofHours(5));
        GapLedger.Gap gap = record("BROKEN", from, from.plus(Duration.ofHours(3)));

        List<BackfillJobs.Job> started = backfiller.pass().started();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        assertThat(started).hasSize(1);
        BackfillJobs.Job job = jobs.get(started.getFirst().id()).orElseThrow();
        assertThat(job.state()).isEqualTo(BackfillJobs.FAILED);
        assertThat(job.error()).contains("IllegalStateException").contains("no estimate for BROKEN");
        GapLedger.Gap after = ledger.get(gap.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(GapState.OPEN);
        assertThat(after.stateReason()).contains("no estimate for BROKEN");
        assertThat(backfiller.pass().started()).as("retried only after retry-after").isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(backfiller.pass().started()).as("retried once retry-after has passed").hasSize(1);
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();
    }

    @Test
    void aManualJobTheVenueRefusesLeavesTheGapsItCoversUnfillableNotFilled() throws Exception {
        Instant from = clock.instant().minus(Duration.ofHours(10));
        GapLedger.Gap refused = record("DELISTED", from.plus(Duration.ofHours(1)), from.plus(Duration.ofHours(2)));
        GapLedger.Gap served = record("BTC", from.plus(Duration.ofHours(1)), from.plus(Duration.ofHours(2)));

        backfiller.start(new Backfiller.Request(VENUE, from, from.plus(Duration.ofHours(4)), Set.of(EventType.CANDLE),
                List.of("BTC", "DELISTED"), BackfillJobs.CLI));
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        GapLedger.Gap r = ledger.get(refused.id()).orElseThrow();
        assertThat(r.state()).isEqualTo(GapState.UNFILLABLE);
        assertThat(r.stateReason()).isEqualTo("history-test refused DELISTED: invalid symbol");
        GapLedger.Gap s = ledger.get(served.id()).orElseThrow();
        assertThat(s.state()).isEqualTo(GapState.FILLED);
        assertThat(s.rowsRecovered()).isEqualTo(60);
    }

    @Test
    void aGapWaitingInTheQueueIsClippedToTheWindowAsItIsWhenItsJobStarts() throws Exception {
        source.hold();
        backfiller.start(new Backfiller.Request(VENUE, clock.instant().minus(Duration.ofHours(2)),
                clock.instant().minus(Duration.ofHours(1)), Set.of(EventType.CANDLE), List.of("HOLD"), BackfillJobs.API));
        source.awaitHeld();
        Instant from = clock.instant().minus(WINDOW).minus(Duration.ofHours(1));
        GapLedger.Gap gap = record("BTC", from, from.plus(Duration.ofHours(4)));
        assertThat(backfiller.pass().started()).hasSize(1);   // decided now: from the window's start on

        clock.advance(Duration.ofMinutes(30));       // ... but it runs half an hour later
        source.gate.countDown();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        Instant servedFrom = clock.instant().minus(WINDOW);
        assertThat(source.asked).contains(new Asked("BTC", servedFrom));
        GapLedger.Gap after = ledger.get(gap.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(GapState.UNFILLABLE);
        assertThat(after.stateReason()).startsWith("before " + servedFrom + " no longer served")
                .endsWith("; 150 rows recovered after it");
        assertThat(after.rowsRecovered()).isEqualTo(150);
    }

    @Test
    void aPassLooksAtEveryOpenGapNotOnlyTheNewestPage() throws Exception {
        Instant old = clock.instant().minus(Duration.ofDays(3));
        GapLedger.Gap aged = record("OLD", old, old.plus(Duration.ofHours(3)));
        Instant now = clock.instant();
        for (int i = 0; i <= GapSweep.GAPS_PER_PAGE; i++) {   // still going on: they wait, open, newer than it
            ledger.record(VENUE, "S" + i, EventType.CANDLE.id(), now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofHours(1)), GapCauses.DISCONNECT);
        }
        ledger.flush();

        Backfiller.GapCheck check = backfiller.pass();

        assertThat(check.open()).isEqualTo(GapSweep.GAPS_PER_PAGE + 2);
        GapLedger.Gap after = ledger.get(aged.id()).orElseThrow();
        assertThat(after.state()).as("older than the window, seen behind a full page of newer gaps")
                .isEqualTo(GapState.UNFILLABLE);
        assertThat(after.stateReason()).contains("older than the history window");
    }

    @Test
    void aConnectionGapOfAPollCarryingNothingWithAHistoryIsIgnoredNotLeftOpenForGood() throws Exception {
        Instant from = clock.instant().minus(Duration.ofHours(5));
        ledger.record(VENUE, "rest:instruments", from, from.plus(Duration.ofHours(3)), GapCauses.RATE_LIMIT_PAUSE);
        ledger.record(VENUE, "rest:funding", from, from.plus(Duration.ofHours(3)), GapCauses.RATE_LIMIT_PAUSE);
        ledger.record(VENUE, "ws", from, from.plus(Duration.ofHours(1)), GapCauses.DISCONNECT);
        ledger.flush();
        List<GapLedger.Gap> polls = ledger.unexpanded(VENUE, 10).stream()
                .filter(g -> g.stream().startsWith("rest:")).toList();

        Backfiller.GapCheck check = backfiller.pass();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        assertThat(check.expanded()).isEqualTo(3);
        assertThat(polls).hasSize(2).allSatisfy(g -> {
            GapLedger.Gap after = ledger.get(g.id()).orElseThrow();
            assertThat(after.state()).as("counted open and read again every pass otherwise")
                    .isEqualTo(GapState.IGNORED);
            assertThat(after.stateReason()).as("no type with a history, or no perpetual tracked for funding")
                    .isEqualTo(g.stream() + " carries no stored stream of a tracked symbol");
        });
        assertThat(ledger.unexpanded(VENUE, 10)).isEmpty();
    }

    @Test
    void closingEndsRunningAndQueuedJobsAndReopensTheirGaps() throws Exception {
        source.hold();
        Instant from = clock.instant().minus(Duration.ofHours(10));
        GapLedger.Gap first = record("HOLD", from, from.plus(Duration.ofHours(3)));
        GapLedger.Gap second = record("BTC", from, from.plus(Duration.ofHours(3)));
        List<BackfillJobs.Job> started = backfiller.pass().started();
        assertThat(started).hasSize(2);
        source.awaitHeld();

        backfiller.close();

        assertThat(started).allSatisfy(j -> assertThat(jobs.get(j.id()).orElseThrow().state())
                .isEqualTo(BackfillJobs.CANCELLED));
        assertThat(List.of(first, second)).allSatisfy(g -> assertThat(ledger.get(g.id()).orElseThrow().state())
                .isEqualTo(GapState.OPEN));
        assertThat(source.asked).as("the queued job never fetched").hasSize(1);
    }

    @Test
    void aBackfillTakesAQuarterOfTheVenueBudgetAtMost() throws Exception {
        SleepOnlyTime budgetTime = new SleepOnlyTime();
        source.budgetTime = budgetTime;
        Backfiller shared = backfiller(budgetTime);
        try {
            Instant from = clock.instant().minus(Duration.ofHours(22));
            shared.start(new Backfiller.Request(VENUE, from, from.plus(Duration.ofHours(20)), Set.of(EventType.CANDLE),
                    List.of("BTC"), BackfillJobs.API));
            assertThat(shared.awaitIdle(WAIT)).isTrue();
        } finally {
            shared.close();
        }

        List<Long> at = source.acquired;
        assertThat(at).as("one request per hour").hasSize(20);
        long minute = Duration.ofMinutes(1).toNanos();
        for (long t : at) {
            assertThat(at.stream().filter(u -> u > t - minute && u <= t).count())
                    .as("weight in the minute up to a request: 25 % of 20").isLessThanOrEqualTo(5);
        }
        assertThat(at.getLast() - at.getFirst()).as("waited for the share, not the whole budget")
                .isGreaterThanOrEqualTo(3 * minute);
    }

    private GapLedger.Gap record(String symbol, Instant from, Instant to) {
        ledger.record(VENUE, symbol, EventType.CANDLE.id(), from, to, GapCauses.DISCONNECT);
        ledger.flush();
        return ledger.list(new GapLedger.Filter(VENUE, symbol, EventType.CANDLE.id(), Set.of(), from, to, 10))
                .getFirst();
    }

    private record Asked(String symbol, Instant from) {
    }

    /**
     * 1-minute candles from the last day; {@code DELISTED} is refused, {@code BROKEN} cannot even be estimated;
     * while held, every fetch waits at the gate.
     */
    private final class Source implements HistorySource {
        final List<Asked> asked = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        /** When set: the budget's time at every weight admitted. */
        volatile TimeSource budgetTime;
        final List<Long> acquired = new CopyOnWriteArrayList<>();
        final CountDownLatch held = new CountDownLatch(1);

        void hold() {
            gate = new CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public String venue() {
            return VENUE;
        }

        @Override
        public Map<EventType, Coverage> coverage() {
            return Map.of(EventType.CANDLE, new Coverage(EventType.CANDLE, WINDOW, true, "test klines"),
                    EventType.FUNDING_RATE, new Coverage(EventType.FUNDING_RATE, null, true, "test funding"));
        }

        /** Funding of perpetuals ({@code -PERP}), of which none is tracked here. */
        @Override
        public List<String> symbols(EventType type, Collection<String> tracked) {
            return tracked.stream().filter(s -> type != EventType.FUNDING_RATE || s.endsWith("-PERP")).toList();
        }

        /**
         * {@code rest:instruments} stores nothing with a history, {@code rest:funding} funding; any other connection
         * carries candles.
         */
        @Override
        public Set<EventType> carriedBy(String connection) {
            return switch (connection) {
                case "rest:instruments" -> Set.of();
                case "rest:funding" -> Set.of(EventType.FUNDING_RATE);
                default -> Set.of(EventType.CANDLE);
            };
        }

        @Override
        public Map<String, RateBudget> budgets() {
            return Map.of("default", new RateBudget(20, Duration.ofMinutes(1)));
        }

        @Override
        public int estimateRequests(EventType type, String symbol, Instant from, Instant to) {
            if (symbol.equals("BROKEN")) {
                throw new IllegalStateException("no estimate for " + symbol);
            }
            return 1;
        }

        @Override
        public Fetched fetch(EventType type, String symbol, Instant from, Instant to, Throttle throttle, Sink sink)
                throws HistoryUnavailableException, InterruptedException {
            asked.add(new Asked(symbol, from));
            held.countDown();
            gate.await();
            if (symbol.equals("DELISTED")) {
                throw new HistoryUnavailableException(VENUE + " refused " + symbol + ": invalid symbol");
            }
            for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
                throttle.acquire("default", 1);
                TimeSource t = budgetTime;
                if (t != null) {
                    acquired.add(t.nanoTime());
                }
            }
            List<MarketEvent> page = new ArrayList<>();
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                page.add(new Candle(VENUE, symbol, t, t.plusSeconds(60), Duration.ofMinutes(1), BigDecimal.TEN,
                        BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, null, 1L, true));
            }
            sink.accept(page, new Progress(1, 1, page.size(), to));
            return new Fetched(1, page.size(), from, to);
        }
    }

    /** Moves only when someone sleeps: a rate limiter's waits take no real time. */
    private static final class SleepOnlyTime implements TimeSource {
        private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public Instant now() {
            return Instant.EPOCH.plusNanos(nanos.get());
        }

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public void sleep(Duration duration) {
            if (duration.isPositive()) {
                nanos.addAndGet(duration.toNanos());
            }
        }
    }

    private final class Connector implements VenueConnector {
        @Override
        public String venue() {
            return VENUE;
        }

        @Override
        public List<String> symbols() {
            return List.of("BTC", "HOLD");
        }

        @Override
        public void start() {
        }

        @Override
        public void close() {
        }

        @Override
        public Optional<HistorySource> historySource() {
            return Optional.of(source);
        }
    }
}
