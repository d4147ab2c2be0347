package io.basis.venue.binanceusdm;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.RestCollectors;
import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.history.Backfiller;
import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.FrameTap;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestSettings;
import io.basis.ingest.runtime.RuntimeContext;
import io.basis.ingest.runtime.TimeSource;
import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.simulator.BinanceDialect;
import io.basis.simulator.BinanceMarketHistory;
import io.basis.simulator.BinanceResponses;
import io.basis.simulator.VenueSimulator;
import io.basis.store.BackfillJobs;
import io.basis.store.EventQueries;
import io.basis.store.EventWriter;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import io.basis.store.InstrumentIds;
import io.basis.support.ServiceTestSupport;
import io.basis.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.aggTrade;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.exchangeInfo;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.openInterest;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.venue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic and start-up backfill of Binance USD-M ledger gaps from the simulator's history endpoints into the real
 * store: rows exactly once, gap states and reasons, rate limits honoured while the live stream keeps storing.
 */
class BinanceUsdmBackfillIT extends ServiceTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String VENUE = "binance-usdm";
    private static final long MINUTE = 60_000;

    @Autowired DataSource dataSource;
    @Autowired EventWriter writer;
    @Autowired EventQueries queries;
    @Autowired GapLedger ledger;
    @Autowired BackfillJobs jobs;
    @Autowired Backfiller backfiller;
    @Autowired RestCollectors collectors;
    @Autowired CollectionStatistics statistics;
    @Autowired HttpClient http;
    @Autowired TimeSource time;
    @Autowired Clock clock;
    @Autowired InstrumentIds instrumentIds;

    private VenueSimulator sim;
    private BinanceMarketHistory history;
    private BinanceUsdmConnector connector;
    private AutoCloseable attached;
    /** A whole hour well in the past, so the gaps below have ended. */
    private Instant hour;

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
        sim = VenueSimulator.start(BinanceDialect.usdm());
        sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok(exchangeInfo(List.of("BTCUSDT",
                "ETHUSDT")), 1));
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(openInterest("BTCUSDT", "1", 1), 1));
        history = BinanceMarketHistory.install(sim.rest());
        hour = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (attached != null) {
            attached.close();
        }
        backfiller.awaitIdle(WAIT);
        if (connector != null) {
            connector.close();
        }
        sim.close();
    }

    private void startConnector() throws Exception {
        ConnectionRegistry registry = new ConnectionRegistry(time, new SimpleMeterRegistry(), statistics);
        RuntimeContext runtime = new RuntimeContext(time, http, registry, ledger::record, FrameTap.NONE,
                new Random(7));
        RestSettings rest = RestSettings.of(VENUE, URI.create(sim.restUrl()), new RateBudget(2400,
                Duration.ofMinutes(1))).withRetries(3, new Escalation(Duration.ofMillis(20), Duration.ofMillis(100)));
        connector = new BinanceUsdmConnector(venue(URI.create(sim.restUrl()), URI.create(sim.wsUrl()),
                List.of("BTCUSDT", "ETHUSDT")), new VenueDeps(writer, runtime, collectors, statistics, clock),
                new BinanceUsdmConnector.Tuning(Duration.ofSeconds(30), new Escalation(Duration.ofMillis(20),
                        Duration.ofMillis(100)), Duration.ofMillis(50), rest));
        connector.start();
        attached = backfiller.connectorStarted(connector);
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();   // the start-up funding job
    }

    /** Klines every minute and hourly funding of BTCUSDT over [from, to). */
    private void serve(Instant from, Instant to) {
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += MINUTE) {
            history.kline("BTCUSDT", t, "10" + (t / MINUTE % 10));
            if (t % (60 * MINUTE) == 0) {
                history.funding("BTCUSDT", t, "0.0001");
            }
        }
    }

    @Test
    void aThreeHourDisconnectIsBackfilledOnceAndTheGapFilled() throws Exception {
        Instant from = hour;
        Instant to = hour.plus(Duration.ofHours(3));
        serve(from.minus(Duration.ofHours(1)), to.plus(Duration.ofHours(1)));
        for (long m = 0; m < 180; m += 36) {
            history.openInterest("BTCUSDT", from.toEpochMilli() + m * MINUTE, "12.5");
        }
        // 2,500 aggregate trades over the 3 h (4.3 s apart), one just before and one at the end (outside)
        history.aggTrade("BTCUSDT", 99, from.toEpochMilli() - 1, "100000", "0.01", false);
        for (int i = 0; i < 2500; i++) {
            history.aggTrade("BTCUSDT", 100 + i, from.toEpochMilli() + i * 4300L, "100000",
                    i % 50 == 0 ? "1.5" : "0.01", i % 3 == 0);
        }
        history.aggTrade("BTCUSDT", 2600, to.toEpochMilli(), "100000", "0.01", true);
        startConnector();
        // live rows already stored inside the range: the first and last 5 minutes' candles
        for (int m : new int[]{0, 1, 2, 3, 4, 175, 176, 177, 178, 179}) {
            writer.publish(candle(from.plusSeconds(60L * m)));
        }
        // and the first 100 and last 50 trades, as the live aggTrade stream stored them
        BinanceUsdmParser parser = new BinanceUsdmParser();
        for (int i = 0; i < 2500; i++) {
            if (i < 100 || i >= 2450) {
                long t = from.toEpochMilli() + i * 4300L;
                writer.publish(parser.trade(new BinanceUsdmMessages.AggTrade(t + 5, "BTCUSDT", 100 + i,
                        new BigDecimal("100000"), new BigDecimal(i % 50 == 0 ? "1.5" : "0.01"), null, null, null, t,
                        i % 3 == 0), Instant.ofEpochMilli(t + 30), InstrumentLookup.fromSymbol()));
            }
        }
        assertThat(writer.awaitStored(WAIT)).isTrue();
        ledger.record(VENUE, "market", from, to, GapCauses.DISCONNECT);
        ledger.record(VENUE, "BTCUSDT", "open-interest", from, to, GapCauses.RATE_LIMIT_PAUSE);
        ledger.flush();

        Backfiller.GapCheck check = backfiller.pass();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        assertThat(check.expanded()).isEqualTo(1);
        assertThat(count(EventType.CANDLE, "BTCUSDT", from, to)).isEqualTo(180);
        assertThat(count(EventType.FUNDING_RATE, "BTCUSDT", from, to)).isEqualTo(3);
        assertThat(count(EventType.OPEN_INTEREST, "BTCUSDT", from, to)).isEqualTo(5);
        assertThat(count(EventType.CANDLE, "BTCUSDT", from.minus(Duration.ofHours(1)), from)).isZero();
        List<GapLedger.Gap> children = ledger.list(new GapLedger.Filter(VENUE, null, null, Set.of(), from, to, 100))
                .stream().filter(g -> !g.connectionLevel() && g.cause().equals(GapCauses.DISCONNECT)).toList();
        assertThat(children).extracting(GapLedger.Gap::symbol).contains("BTCUSDT", "ETHUSDT");
        // what the market socket carried: candles, funding and trades served, liquidations not, prices never
        assertThat(children).allSatisfy(g -> assertThat(g.state()).as(g.toString()).isEqualTo(switch (g.eventType()) {
            case "candle", "funding-rate", "trade" -> GapState.FILLED;
            case "liquidation" -> GapState.UNFILLABLE;
            default -> GapState.IGNORED;
        }));
        assertThat(children).extracting(GapLedger.Gap::eventType).containsOnly("candle", "funding-rate", "trade",
                "liquidation", "mark-price", "index-price");
        assertThat(children.stream().filter(g -> g.eventType().equals("liquidation")).findFirst().orElseThrow()
                .stateReason()).isEqualTo("binance-usdm serves no history of liquidation");
        // trades: each stored exactly once, the gap's rows recovered the 2,350 missing ones
        List<io.basis.model.Trade> trades = queries.range(EventType.TRADE, new EventQueries.Filter(VENUE, "BTCUSDT",
                from.minus(Duration.ofHours(1)), to.plus(Duration.ofHours(1)), 100_000)).stream()
                .map(e -> (io.basis.model.Trade) e).toList();
        assertThat(trades).hasSize(2500);
        assertThat(trades).extracting(io.basis.model.Trade::tradeId).doesNotHaveDuplicates()
                .doesNotContain("99", "2600");
        assertThat(trades.stream().filter(io.basis.model.Trade::large).count()).isEqualTo(50);
        assertThat(trades.stream().filter(t -> t.side() == io.basis.model.Side.SELL).count()).isEqualTo(834);
        GapLedger.Gap tradeGap = children.stream().filter(g -> g.symbol().equals("BTCUSDT")
                && g.eventType().equals("trade")).findFirst().orElseThrow();
        assertThat(tradeGap.rowsRecovered()).isEqualTo(2350);
        BackfillJobs.Job tradeJob = jobs.get(tradeGap.backfillId()).orElseThrow();
        assertThat(tradeJob.rowsWritten()).isEqualTo(2350);
        assertThat(tradeJob.requestsDone()).as("one per hour window").isEqualTo(3);
        assertThat(sim.rest().requests(BinanceMarketHistory.AGG_TRADES)).as("no window refused")
                .hasSize(history.served(BinanceMarketHistory.AGG_TRADES));
        GapLedger.Gap candles = children.stream().filter(g -> g.symbol().equals("BTCUSDT")
                && g.eventType().equals("candle")).findFirst().orElseThrow();
        assertThat(candles.rowsRecovered()).isEqualTo(170);
        assertThat(candles.cause()).isEqualTo(GapCauses.DISCONNECT);
        BackfillJobs.Job job = jobs.get(candles.backfillId()).orElseThrow();
        assertThat(job.state()).isEqualTo(BackfillJobs.COMPLETED);
        assertThat(job.origin()).isEqualTo(BackfillJobs.AUTO);
        assertThat(job.rowsWritten()).isEqualTo(170);
        assertThat(job.requestsDone()).isEqualTo(job.requestsTotal()).isEqualTo(1);

        GapLedger.Gap oi = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "open-interest", Set.of(), null, null,
                10)).getFirst();
        assertThat(oi.state()).isEqualTo(GapState.FILLED);
        assertThat(oi.rowsRecovered()).isEqualTo(5);

        backfiller.pass();   // a second pass finds nothing left to do and stores nothing twice
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();
        assertThat(count(EventType.CANDLE, "BTCUSDT", from, to)).isEqualTo(180);
        assertThat(count(EventType.TRADE, "BTCUSDT", from, to)).isEqualTo(2500);
    }

    @Test
    void aRestartAfterDowntimeFillsTheStartUpGapAndTheLastTwoDaysOfFunding() throws Exception {
        Instant now = clock.instant();
        Instant lastStored = hour;
        serve(now.minus(Duration.ofHours(48)).truncatedTo(ChronoUnit.HOURS), now.truncatedTo(ChronoUnit.MINUTES));
        writer.publish(candle(lastStored));
        assertThat(writer.awaitStored(WAIT)).isTrue();
        // what the ledger's start-up check records for the candle stream: newest stored candle .. start
        Instant start = now.truncatedTo(ChronoUnit.MINUTES);
        ledger.record(VENUE, "BTCUSDT", "candle", lastStored, start, GapCauses.PROCESS_DOWN);
        ledger.flush();

        startConnector();   // start-up funding: the last 48 h for both perpetuals
        List<BackfillJobs.Job> startup = jobs.recent(10).stream()
                .filter(j -> j.origin().equals(BackfillJobs.STARTUP)).toList();
        assertThat(startup).singleElement().satisfies(j -> {
            assertThat(j.state()).isEqualTo(BackfillJobs.COMPLETED);
            assertThat(j.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
            assertThat(j.eventTypes()).containsExactly("funding-rate");
        });
        long funding = count(EventType.FUNDING_RATE, "BTCUSDT", now.minus(Duration.ofHours(48)), now);
        assertThat(funding).isBetween(47L, 48L);

        backfiller.pass();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();
        GapLedger.Gap gap = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "candle", Set.of(), null, null, 10))
                .getFirst();
        assertThat(gap.state()).isEqualTo(GapState.FILLED);
        long minutes = Duration.between(lastStored, start).toMinutes();
        assertThat(count(EventType.CANDLE, "BTCUSDT", lastStored, start)).isEqualTo(minutes);
        assertThat(gap.rowsRecovered()).isEqualTo(minutes - 1);
    }

    @Test
    void aGapBeyondTheVenuesHistoryWindowIsUnfillableWithTheReason() throws Exception {
        startConnector();
        Instant from = clock.instant().minus(Duration.ofDays(40));
        ledger.record(VENUE, "BTCUSDT", "open-interest", from, from.plus(Duration.ofHours(6)), GapCauses.DISCONNECT);
        ledger.record(VENUE, "BTCUSDT", "book-snapshot", hour, hour.plus(Duration.ofHours(3)), GapCauses.DISCONNECT);
        ledger.flush();

        backfiller.pass();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        GapLedger.Gap oi = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "open-interest", Set.of(), null, null,
                10)).getFirst();
        assertThat(oi.state()).isEqualTo(GapState.UNFILLABLE);
        assertThat(oi.stateReason()).contains("older than the history window").contains("29 days")
                .contains("openInterestHist");
        assertThat(history.served(BinanceMarketHistory.OPEN_INTEREST_HIST)).isZero();
        GapLedger.Gap book = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "book-snapshot", Set.of(), null, null,
                10)).getFirst();
        assertThat(book.state()).isEqualTo(GapState.IGNORED);
    }

    @Test
    void aGapPartlyBeyondTheWindowKeepsTheRowsRecoveredOfTheServedPart() throws Exception {
        startConnector();
        long fiveMinutes = 5 * MINUTE;
        Instant windowStart = clock.instant().minus(BinanceUsdmHistory.STATISTICS_WINDOW);
        Instant from = windowStart.minus(Duration.ofHours(2));
        Instant to = Instant.ofEpochMilli(windowStart.plus(Duration.ofHours(3)).toEpochMilli() / fiveMinutes
                * fiveMinutes);
        long first = windowStart.plus(Duration.ofMinutes(10)).toEpochMilli() / fiveMinutes * fiveMinutes;
        int served = 0;
        for (long t = first; t < to.toEpochMilli(); t += fiveMinutes) {
            history.openInterest("BTCUSDT", t, "1" + served++);
        }
        ledger.record(VENUE, "BTCUSDT", "open-interest", from, to, GapCauses.DISCONNECT);
        ledger.flush();

        backfiller.pass();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        GapLedger.Gap oi = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "open-interest", Set.of(), null, null,
                10)).getFirst();
        assertThat(oi.state()).isEqualTo(GapState.UNFILLABLE);
        assertThat(oi.stateReason()).contains("no longer served").contains("29 days")
                .endsWith(served + " rows recovered after it");
        assertThat(oi.rowsRecovered()).as("in its column too").isEqualTo(served).isPositive();
        BackfillJobs.Job job = jobs.get(oi.backfillId()).orElseThrow();
        assertThat(job.state()).isEqualTo(BackfillJobs.COMPLETED);
        assertThat(job.error()).as("the job says what the venue did not serve").startsWith(BackfillJobs.NOT_SERVED)
                .contains("open-interest BTCUSDT").contains("no longer served");
    }

    @Test
    void aRateLimitDuringTheBackfillIsWaitedOutWhileTheLiveStreamKeepsStoring() throws Exception {
        Instant from = hour;
        Instant to = hour.plus(Duration.ofHours(3));
        serve(from, to);
        startConnector();
        sim.ws().awaitSubscribed("btcusdt@aggTrade", WAIT);
        history.failNext(BinanceMarketHistory.KLINES, BinanceResponses.tooManyRequests(1));
        ledger.record(VENUE, "BTCUSDT", "candle", from, to, GapCauses.DISCONNECT);
        ledger.flush();

        backfiller.pass();
        sim.rest().awaitRequest(r -> r.path().equals(BinanceMarketHistory.KLINES), WAIT);
        long vt = clock.millis();
        sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 901, "100000", "1", vt, false));
        eventually(() -> queries.count(EventType.TRADE) == 1, "the live trade stored during the backfill");
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        GapLedger.Gap gap = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "candle", Set.of(), null, null, 10))
                .getFirst();
        assertThat(gap.state()).isEqualTo(GapState.FILLED);
        assertThat(gap.rowsRecovered()).isEqualTo(180);
        assertThat(count(EventType.CANDLE, "BTCUSDT", from, to)).isEqualTo(180);
        assertThat(sim.rest().requests(BinanceMarketHistory.KLINES)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(history.served(BinanceMarketHistory.KLINES)).isEqualTo(1);
    }

    @Test
    void aManualRangeBackfillReportsProgressAndJoinsARepeat() throws Exception {
        Instant from = hour;
        Instant to = hour.plus(Duration.ofHours(2));
        serve(from, to);
        startConnector();
        Backfiller.Request request = new Backfiller.Request(VENUE, from, to, Set.of(EventType.CANDLE,
                EventType.FUNDING_RATE), List.of("BTCUSDT"), BackfillJobs.API);

        BackfillJobs.Job job = backfiller.start(request).getFirst();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        BackfillJobs.Job done = backfiller.job(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(BackfillJobs.COMPLETED);
        assertThat(done.requestsDone()).isEqualTo(done.requestsTotal()).isEqualTo(2);
        assertThat(done.rowsWritten()).as("funding came with the start-up job").isEqualTo(120);
        assertThat(count(EventType.CANDLE, "BTCUSDT", from, to)).isEqualTo(120);
        BackfillJobs.Job again = backfiller.start(request).getFirst();
        assertThat(again.id()).as("a finished job is not joined").isNotEqualTo(job.id());
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();
        assertThat(backfiller.job(again.id()).orElseThrow().rowsWritten()).as("nothing new").isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backfiller.start(new Backfiller.Request(VENUE, from,
                to, Set.of(EventType.LIQUIDATION), List.of(), BackfillJobs.API)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serves no history of liquidation");
    }

    @Test
    void aGapLongerThanTheMaximumWaitsForTheManualBackfillWhichFillsIt() throws Exception {
        Instant from = hour.minus(Duration.ofHours(48));
        Instant to = hour.plus(Duration.ofHours(2));
        serve(from, to);
        startConnector();
        ledger.record(VENUE, "BTCUSDT", "candle", from, to, GapCauses.PROCESS_DOWN);
        ledger.record(VENUE, "BTCUSDT", "open-interest", hour, hour.plus(Duration.ofMinutes(30)),
                GapCauses.DISCONNECT);
        ledger.flush();

        assertThat(backfiller.pass().started()).isEmpty();
        GapLedger.Gap waiting = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "candle", Set.of(), null, null,
                10)).getFirst();
        assertThat(waiting.state()).isEqualTo(GapState.OPEN);
        assertThat(waiting.stateReason()).as("listed in /api/v1/gaps with why it waits")
                .isEqualTo("longer than the 48 h automatic maximum; run POST /backfill/{hours} or basis backfill");
        GapLedger.Gap shortOi = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "open-interest", Set.of(), null,
                null, 10)).getFirst();
        assertThat(shortOi.state()).as("open interest is not cheap: below the floor").isEqualTo(GapState.OPEN);
        assertThat(shortOi.stateReason()).isEqualTo("shorter than the 2 h automatic minimum for open-interest;"
                + " backfill manually");
        assertThat(history.served(BinanceMarketHistory.KLINES)).isZero();
        assertThat(history.served(BinanceMarketHistory.OPEN_INTEREST_HIST)).isZero();
        assertThat(backfiller.pass().started()).as("a second pass changes nothing").isEmpty();
        assertThat(ledger.get(waiting.id()).orElseThrow().updatedAt()).isEqualTo(waiting.updatedAt());

        BackfillJobs.Job job = backfiller.start(new Backfiller.Request(VENUE, from, to, Set.of(EventType.CANDLE),
                List.of("BTCUSDT"), BackfillJobs.CLI)).getFirst();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        GapLedger.Gap filled = ledger.get(waiting.id()).orElseThrow();
        assertThat(filled.state()).isEqualTo(GapState.FILLED);
        assertThat(filled.rowsRecovered()).isEqualTo(50 * 60);
        assertThat(filled.backfillId()).isEqualTo(job.id());
        assertThat(count(EventType.CANDLE, "BTCUSDT", from, to)).isEqualTo(50 * 60);
        assertThat(history.served(BinanceMarketHistory.KLINES)).isEqualTo(3);
    }

    private Candle candle(Instant open) {
        return new Candle(VENUE, "BTCUSDT", open, open.plusSeconds(61), Duration.ofMinutes(1), new BigDecimal("100"),
                new BigDecimal("110"), new BigDecimal("90"), new BigDecimal("105"), new BigDecimal("5"),
                new BigDecimal("500"), 7L, true);
    }

    private long count(EventType type, String symbol, Instant from, Instant to) {
        return queries.range(type, new EventQueries.Filter(VENUE, symbol, from, to, 100_000)).size();
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
