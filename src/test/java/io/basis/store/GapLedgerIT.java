package io.basis.store;

import io.basis.support.ServiceTestSupport;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gap ledger and backfill jobs against the real database. */
class GapLedgerIT extends ServiceTestSupport {
    private static final String V = "ledger-venue";
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final GapLedger.Spacing MINUTE = new GapLedger.Spacing(Duration.ofMinutes(1), false);

    @Autowired GapLedger ledger;
    @Autowired BackfillJobs jobs;
    @Autowired DataSource dataSource;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private static Instant h(double hours) {
        return T.plusMillis(Math.round(hours * 3_600_000));
    }

    private List<GapLedger.Gap> all() {
        return ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 1000));
    }

    @Test
    void recordingTwiceIsOneRowAndALongerEndExtendsIt() {
        ledger.record(V, "market", h(0), h(1), GapCauses.DISCONNECT);
        ledger.record(V, "market", h(0), h(1), GapCauses.DISCONNECT);
        ledger.record(V, "market", h(0), h(3), GapCauses.DISCONNECT);
        ledger.record(V, "BTCUSDT", "candle", h(0), h(2), GapCauses.PROCESS_DOWN);
        ledger.record(V, "BTCUSDT", "candle", h(0), h(2), GapCauses.PROCESS_DOWN);
        ledger.record(V, "book:ETHUSDT", h(0), h(0.01), GapCauses.SEQUENCE_GAP);

        List<GapLedger.Gap> rows = all();
        assertThat(rows).hasSize(3);
        GapLedger.Gap market = rows.stream().filter(g -> g.stream().equals("market")).findFirst().orElseThrow();
        assertThat(market.to()).isEqualTo(h(3));
        assertThat(market.connectionLevel()).isTrue();
        assertThat(market.state()).isEqualTo(GapState.OPEN);
        GapLedger.Gap candle = rows.stream().filter(g -> "candle".equals(g.eventType())).findFirst().orElseThrow();
        assertThat(candle.stream()).isEqualTo("candle:BTCUSDT");
        assertThat(candle.symbol()).isEqualTo("BTCUSDT");
        GapLedger.Gap book = rows.stream().filter(g -> g.stream().equals("book:ETHUSDT")).findFirst().orElseThrow();
        assertThat(book.symbol()).isEqualTo("ETHUSDT");
        assertThat(book.eventType()).isEqualTo("book-snapshot");
    }

    @Test
    void aConnectionGapExpandsIntoOneRowPerStreamOnce() {
        ledger.record(V, "market", h(0), h(3), GapCauses.DISCONNECT);
        long parent = ledger.unexpanded(V, 10).getFirst().id();
        List<GapLedger.StreamKey> streams = List.of(new GapLedger.StreamKey("BTCUSDT", "trade"),
                new GapLedger.StreamKey("BTCUSDT", "candle"), new GapLedger.StreamKey("ETHUSDT", "trade"));

        List<GapLedger.Gap> children = ledger.expand(parent, streams);
        assertThat(ledger.expand(parent, streams)).hasSize(3);

        assertThat(children).hasSize(3).allSatisfy(g -> {
            assertThat(g.parentId()).isEqualTo(parent);
            assertThat(g.from()).isEqualTo(h(0));
            assertThat(g.to()).isEqualTo(h(3));
            assertThat(g.cause()).isEqualTo(GapCauses.DISCONNECT);
            assertThat(g.state()).isEqualTo(GapState.OPEN);
        });
        assertThat(ledger.get(parent).orElseThrow().state()).isEqualTo(GapState.EXPANDED);
        assertThat(ledger.unexpanded(V, 10)).isEmpty();
        assertThatThrownBy(() -> ledger.expand(children.getFirst().id(), streams))
                .isInstanceOf(IllegalArgumentException.class);
        ledger.refreshSummary();
        assertThat(ledger.summary().open()).isEqualTo(3);   // the expanded parent is not counted

        ledger.record(V, "unknown-socket", h(5), h(6), GapCauses.DISCONNECT);
        long unknown = ledger.unexpanded(V, 10).getFirst().id();
        assertThat(ledger.expand(unknown, List.of())).isEmpty();
        assertThat(ledger.get(unknown).orElseThrow().state()).as("still listed and counted").isEqualTo(GapState.OPEN);
    }

    @Test
    void filtersByVenueSymbolTypeStateAndTimeOverlap() {
        ledger.record(V, "BTCUSDT", "trade", h(0), h(1), GapCauses.DISCONNECT);
        ledger.record(V, "BTCUSDT", "candle", h(2), h(3), GapCauses.SCAN);
        ledger.record(V, "ETHUSDT", "trade", h(4), h(5), GapCauses.STALE);
        ledger.record("other", "BTCUSDT", "trade", h(0), h(1), GapCauses.DISCONNECT);
        long eth = ledger.list(new GapLedger.Filter(V, "ETHUSDT", null, Set.of(), null, null, 10)).getFirst().id();
        ledger.markUnfillable(eth, "older than the venue's history");

        assertThat(ledger.list(new GapLedger.Filter(V, "BTCUSDT", null, Set.of(), null, null, 10))).hasSize(2);
        assertThat(ledger.list(new GapLedger.Filter(null, null, "trade", Set.of(), null, null, 10))).hasSize(3);
        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(GapState.UNFILLABLE), null, null, 10)))
                .extracting(GapLedger.Gap::stateReason).containsExactly("older than the venue's history");
        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(), h(0.5), h(2.5), 10)))
                .extracting(GapLedger.Gap::eventType).containsExactly("candle", "trade");   // newest first
        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(), h(1), h(2), 10))).isEmpty();
        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 1))).hasSize(1);
    }

    @Test
    void twoConcurrentClaimersNeverShareARowAndTransitionsFollowTheStates() throws Exception {
        for (int i = 0; i < 40; i++) {
            ledger.record(V, "S" + i, "trade", h(0), h(3), GapCauses.DISCONNECT);
        }
        ledger.record(V, "SHORT", "trade", h(0), h(0.5), GapCauses.DISCONNECT);
        long jobA = jobs.create(V, h(0), h(3), List.of("trade"), List.of("A"), BackfillJobs.AUTO).job().id();
        long jobB = jobs.create(V, h(0), h(3), List.of("trade"), List.of("B"), BackfillJobs.AUTO).job().id();
        GapLedger.Claim claim = new GapLedger.Claim(V, Set.of("trade"), Duration.ofHours(2), Duration.ofHours(48),
                null, 5);

        List<Long> seen = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (long job : List.of(jobA, jobB)) {
                Callable<List<Long>> claimer = () -> {
                    List<Long> mine = new ArrayList<>();
                    for (List<GapLedger.Gap> got = ledger.claim(claim, job); !got.isEmpty();
                         got = ledger.claim(claim, job)) {
                        got.forEach(g -> {
                            assertThat(g.backfillId()).isEqualTo(job);
                            mine.add(g.id());
                        });
                    }
                    return mine;
                };
                futures.add(pool.submit(claimer));
            }
            for (Future<List<Long>> f : futures) {
                seen.addAll(f.get());
            }
        }
        assertThat(seen).hasSize(40).doesNotHaveDuplicates();   // the 30-minute gap is below the minimum
        assertThat(new HashSet<>(seen)).hasSize(40);

        long first = seen.getFirst();
        assertThat(ledger.markFilled(first, 1234)).isTrue();
        assertThat(ledger.markFilled(first, 99)).isFalse();
        assertThat(ledger.get(first).orElseThrow().rowsRecovered()).isEqualTo(1234);
        assertThat(ledger.markUnfillable(seen.get(2), "before x no longer served; 7 rows recovered after it", 7))
                .isTrue();
        assertThat(ledger.get(seen.get(2)).orElseThrow().rowsRecovered()).as("kept in its column, not only the text")
                .isEqualTo(7);
        assertThat(ledger.release(seen.get(1), "venue answered 500")).isTrue();
        assertThat(ledger.get(seen.get(1)).orElseThrow().state()).isEqualTo(GapState.OPEN);
        assertThat(ledger.claim(List.of(seen.get(1), first), jobA)).extracting(GapLedger.Gap::id)
                .containsExactly(seen.get(1));

        long shortGap = ledger.list(new GapLedger.Filter(V, "SHORT", "trade", Set.of(), null, null, 1)).getFirst()
                .id();
        String why = "shorter than the 2 h automatic minimum for trade; backfill manually";
        assertThat(ledger.annotate(shortGap, why)).isTrue();
        assertThat(ledger.annotate(shortGap, why)).as("unchanged: no write").isFalse();
        GapLedger.Gap annotated = ledger.get(shortGap).orElseThrow();
        assertThat(annotated.state()).as("still open, claimable by a manual job").isEqualTo(GapState.OPEN);
        assertThat(annotated.stateReason()).isEqualTo(why);
        assertThat(ledger.annotate(first, why)).as("only open rows").isFalse();
        assertThat(ledger.list(new GapLedger.Filter(V, "SHORT", null, Set.of(GapState.OPEN), null, null, 10)))
                .extracting(GapLedger.Gap::stateReason).containsExactly(why);

        int heldByA = (int) ledger.list(new GapLedger.Filter(V, null, null, Set.of(GapState.BACKFILLING), null,
                null, 100)).stream().filter(g -> g.backfillId() == jobA).count();
        assertThat(ledger.releaseJob(jobA, "job failed")).isEqualTo(heldByA);
        int left = ledger.list(new GapLedger.Filter(V, null, null, Set.of(GapState.BACKFILLING), null, null, 100))
                .size();
        assertThat(ledger.recoverInterrupted()).as("job B is still queued").isZero();
        assertThat(jobs.recoverInterrupted()).isEqualTo(2);
        assertThat(ledger.recoverInterrupted()).isEqualTo(left);   // what a crash left backfilling reopens
        ledger.refreshSummary();
        GapLedger.Summary s = ledger.summary();
        assertThat(s.open()).isEqualTo(39);
        assertThat(s.backfilling()).isZero();
        assertThat(s.rowsRecovered()).isEqualTo(1234);
        assertThat(s.unfillable()).isEqualTo(1);
    }

    @Test
    void aSecondJobForTheSameWorkJoinsTheRunningOneAndEtaFollowsTheRate() {
        BackfillJobs.Created a = jobs.create(V, h(0), h(3), List.of("trade", "candle"), List.of(), BackfillJobs.API);
        BackfillJobs.Created b = jobs.create(V, h(0), h(3), List.of("candle", "trade", "trade"), List.of(),
                BackfillJobs.CLI);
        assertThat(a.existing()).isFalse();
        assertThat(b.existing()).isTrue();
        assertThat(b.job().id()).isEqualTo(a.job().id());
        assertThat(a.job().eventTypes()).containsExactly("candle", "trade");
        assertThat(jobs.create(V, h(0), h(4), List.of("trade"), List.of(), BackfillJobs.API).existing()).isFalse();

        long id = a.job().id();
        assertThat(jobs.start(id)).isTrue();
        assertThat(jobs.start(id)).isFalse();
        jobs.requestsTotal(id, 100);
        jobs.progress(id, 20, 5000);
        jobs.progress(id, 5, 1000);
        BackfillJobs.Job running = jobs.get(id).orElseThrow();
        assertThat(running.requestsDone()).isEqualTo(25);
        assertThat(running.rowsWritten()).isEqualTo(6000);
        assertThat(running.progress()).isEqualTo(0.25);
        // 25 requests in 50 s: 75 left take 150 s
        assertThat(running.eta(running.startedAt().plusSeconds(50))).contains(Duration.ofSeconds(150));

        assertThat(jobs.cancel(id, "shutdown")).isTrue();
        assertThat(jobs.get(id).orElseThrow().progress()).as("a cancelled job is not done").isEqualTo(0.25);
        assertThat(jobs.get(id).orElseThrow().eta(Instant.now())).isEmpty();
        id = jobs.create(V, h(0), h(3), List.of("trade", "candle"), List.of(), BackfillJobs.API).job().id();
        assertThat(jobs.start(id)).isTrue();
        assertThat(jobs.complete(id)).isTrue();
        assertThat(jobs.get(id).orElseThrow().progress()).isEqualTo(1.0);
        assertThat(jobs.get(id).orElseThrow().eta(Instant.now())).isEmpty();
        BackfillJobs.Created again = jobs.create(V, h(0), h(3), List.of("trade", "candle"), List.of(),
                BackfillJobs.API);
        assertThat(again.existing()).isFalse();   // the finished job no longer blocks the same work
        assertThat(jobs.recoverInterrupted()).isEqualTo(2);
        assertThat(jobs.get(again.job().id()).orElseThrow().state()).isEqualTo(BackfillJobs.FAILED);
        assertThat(jobs.rowsWrittenTotal()).isEqualTo(6000);
        assertThat(jobs.recent(10)).hasSize(4);
    }

    @Test
    void scanHolesAreMergedWithTheLedgerNotDuplicated() {
        ledger.record(V, "BTCUSDT", "candle", h(1), h(2), GapCauses.DISCONNECT);
        List<GapLedger.Range> holes = List.of(new GapLedger.Range(h(0), h(0.5)), new GapLedger.Range(h(1.5), h(2.5)));

        assertThat(ledger.recordScan(V, "BTCUSDT", "candle", holes, MINUTE)).isEqualTo(2);
        assertThat(ledger.recordScan(V, "BTCUSDT", "candle", holes, MINUTE)).isZero();
        // a hole continuing one found before extends it
        assertThat(ledger.recordScan(V, "BTCUSDT", "candle", List.of(new GapLedger.Range(h(2.5), h(2.75))),
                MINUTE)).isEqualTo(1);

        List<GapLedger.Gap> scans = ledger.list(new GapLedger.Filter(V, "BTCUSDT", "candle", Set.of(), null, null,
                10)).stream().filter(g -> g.cause().equals(GapCauses.SCAN)).toList();
        assertThat(scans).extracting(GapLedger.Gap::from, GapLedger.Gap::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(h(2), h(2.75)),
                org.assertj.core.groups.Tuple.tuple(h(0), h(0.5)));
    }

    @Test
    void startUpRecoveryLeavesACommandLineJobThatShowsProgressAndTheGapsItHolds() {
        ledger.record(V, "BTCUSDT", "trade", h(0), h(3), GapCauses.DISCONNECT);
        ledger.record(V, "ETHUSDT", "trade", h(0), h(3), GapCauses.DISCONNECT);
        ledger.record(V, "SOLUSDT", "trade", h(0), h(3), GapCauses.DISCONNECT);
        long cli = jobs.create(V, h(0), h(3), List.of("trade"), List.of("BTCUSDT"), BackfillJobs.CLI).job().id();
        long auto = jobs.create(V, h(0), h(3), List.of("trade"), List.of("ETHUSDT"), BackfillJobs.AUTO).job().id();
        BackfillJobs earlier = new BackfillJobs(dataSource, java.time.Clock.fixed(
                Instant.now().minus(BackfillJobs.ABANDONED_AFTER).minusSeconds(1), java.time.ZoneOffset.UTC));
        long killed = earlier.create(V, h(0), h(3), List.of("trade"), List.of("SOLUSDT"), BackfillJobs.CLI).job()
                .id();
        jobs.start(cli);
        jobs.start(auto);
        earlier.start(killed);
        ledger.claim(List.of(id("BTCUSDT")), cli);
        ledger.claim(List.of(id("ETHUSDT")), auto);
        ledger.claim(List.of(id("SOLUSDT")), killed);

        assertThat(jobs.recoverInterrupted()).isEqualTo(2);
        assertThat(ledger.recoverInterrupted()).isEqualTo(2);

        assertThat(jobs.get(cli).orElseThrow().state()).as("a basis backfill beside the service")
                .isEqualTo(BackfillJobs.RUNNING);
        assertThat(jobs.get(auto).orElseThrow().state()).isEqualTo(BackfillJobs.FAILED);
        assertThat(jobs.get(killed).orElseThrow().state()).as("no progress for 2 min: its run was killed")
                .isEqualTo(BackfillJobs.FAILED);
        assertThat(ledger.get(id("BTCUSDT")).orElseThrow().state()).isEqualTo(GapState.BACKFILLING);
        assertThat(ledger.get(id("ETHUSDT")).orElseThrow().state()).isEqualTo(GapState.OPEN);
        assertThat(ledger.get(id("SOLUSDT")).orElseThrow().state()).isEqualTo(GapState.OPEN);
    }

    private long id(String symbol) {
        return ledger.list(new GapLedger.Filter(V, symbol, null, Set.of(), null, null, 1)).getFirst().id();
    }

    @Test
    void aLongerGapPastAResolvedRowIsRecordedFromWhereThatRowEnds() {
        ledger.record(V, "BTCUSDT", "trade", h(0), h(2), GapCauses.PROCESS_DOWN);
        assertThat(ledger.markFilled(id("BTCUSDT"), 10)).isTrue();

        // restarted again before the stream stored anything new: same start, later end
        ledger.record(V, "BTCUSDT", "trade", h(0), h(5), GapCauses.PROCESS_DOWN);
        ledger.record(V, "BTCUSDT", "trade", h(0), h(5), GapCauses.PROCESS_DOWN);
        assertThat(all()).extracting(GapLedger.Gap::from, GapLedger.Gap::to, GapLedger.Gap::state,
                GapLedger.Gap::rowsRecovered).containsExactly(
                org.assertj.core.groups.Tuple.tuple(h(2), h(5), GapState.OPEN, 0L),
                org.assertj.core.groups.Tuple.tuple(h(0), h(2), GapState.FILLED, 10L));

        assertThat(ledger.markUnfillable(all().getFirst().id(), "no longer served")).isTrue();
        ledger.record(V, "BTCUSDT", "trade", h(0), h(6), GapCauses.PROCESS_DOWN);
        ledger.record(V, "BTCUSDT", "trade", h(0), h(1), GapCauses.PROCESS_DOWN);
        assertThat(all()).extracting(GapLedger.Gap::from, GapLedger.Gap::to, GapLedger.Gap::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(h(5), h(6), GapState.OPEN),
                org.assertj.core.groups.Tuple.tuple(h(2), h(5), GapState.UNFILLABLE),
                org.assertj.core.groups.Tuple.tuple(h(0), h(2), GapState.FILLED));
    }

    @Test
    void overlappingHolesOfOneScanBecomeOneRow() {
        // one instrument's 1-minute and 1-hour candles are one candle stream; their holes overlap
        List<GapLedger.Range> holes = List.of(new GapLedger.Range(h(1), h(3)), new GapLedger.Range(h(2), h(4)),
                new GapLedger.Range(h(4), h(4.5)), new GapLedger.Range(h(1.5), h(2)));

        assertThat(ledger.recordScan(V, "BTCUSDT", "candle", holes, MINUTE)).isEqualTo(1);
        assertThat(ledger.recordScan(V, "BTCUSDT", "candle", holes, MINUTE)).isZero();
        assertThat(all()).extracting(GapLedger.Gap::from, GapLedger.Gap::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(h(1), h(4.5)));
    }

    @Test
    void gapHoursCountARangeOnceWhenRowsOfOneStreamOverlap() {
        ledger.record(V, "BTCUSDT", "trade", h(0), h(2), GapCauses.PROCESS_DOWN);
        ledger.record(V, "BTCUSDT", "trade", h(1), h(3), GapCauses.RATE_LIMIT_PAUSE);
        ledger.record(V, "BTCUSDT", "trade", h(5), h(6), GapCauses.DISCONNECT);
        ledger.record(V, "ETHUSDT", "trade", h(1), h(2), GapCauses.DISCONNECT);
        ledger.record(V, "market", h(0), h(1), GapCauses.DISCONNECT);
        ledger.record(V, "other-socket", h(0), h(1), GapCauses.DISCONNECT);

        ledger.refreshSummary();

        assertThat(ledger.summary().unresolvedHours()).containsExactly(
                new GapLedger.StreamHours(V, "connection", 2.0), new GapLedger.StreamHours(V, "trade", 5.0));
        assertThat(ledger.summary().open()).isEqualTo(6);
    }

    @Test
    void runtimeGapsSurviveADatabaseOutageInMemory() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        DataSource flaky = flaky(down, attempts);
        StreamGaps gaps = new StreamGaps(flaky, java.time.Clock.systemUTC());

        gaps.record(V, "market", h(0), h(1), GapCauses.DISCONNECT);
        gaps.record(V, "book:BTCUSDT", h(0), h(0.1), GapCauses.SEQUENCE_GAP);
        assertThat(gaps.unwritten()).isEqualTo(2);
        assertThat(attempts).as("once the database failed, recording a gap does not wait for it again").hasValue(1);
        assertThat(gaps.flush()).isFalse();
        down.set(false);
        assertThat(gaps.flush()).isTrue();

        assertThat(gaps.unwritten()).isZero();
        assertThat(all()).extracting(GapLedger.Gap::stream).containsExactlyInAnyOrder("market", "book:BTCUSDT");
    }

    @Test
    void aGapTheDatabaseRefusesDoesNotHoldBackTheOnesAfterIt() {
        StreamGaps gaps = new StreamGaps(dataSource, java.time.Clock.systemUTC());

        gaps.record(V, "market", h(0), h(1), null);   // no cause: NOT NULL violation
        gaps.record(V, "market", h(2), h(3), GapCauses.DISCONNECT);

        assertThat(gaps.unwritten()).isZero();
        assertThat(all()).extracting(GapLedger.Gap::from).containsExactly(h(2));
    }

    /** The test database, refusing connections (SQLSTATE 08001) while {@code down}, counting the refusals. */
    private DataSource flaky(java.util.concurrent.atomic.AtomicBoolean down,
                             java.util.concurrent.atomic.AtomicInteger attempts) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        attempts.incrementAndGet();
                        throw new java.sql.SQLException("connection refused", "08001");
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void gapsStillHeldWhenTheServiceStopsWithTheDatabaseDownAreLoggedOneByOne() {
        StreamGaps gaps = new StreamGaps(flaky(new java.util.concurrent.atomic.AtomicBoolean(true),
                new java.util.concurrent.atomic.AtomicInteger()), java.time.Clock.systemUTC());
        gaps.record(V, "market", h(0), h(1), GapCauses.DISCONNECT);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(StreamGaps.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            gaps.close();
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("gap not recorded").contains("market")
                        .contains(h(0).toString()).contains(GapCauses.DISCONNECT));
        assertThat(gaps.unwritten()).isZero();
    }
}
