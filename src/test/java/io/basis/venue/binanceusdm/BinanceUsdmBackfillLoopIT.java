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
import io.basis.model.EventType;
import io.basis.simulator.BinanceDialect;
import io.basis.simulator.BinanceMarketHistory;
import io.basis.simulator.BinanceResponses;
import io.basis.simulator.VenueSimulator;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.exchangeInfo;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.openInterest;
import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.venue;
import static org.assertj.core.api.Assertions.assertThat;

/** The automatic loop itself (period shortened to 200 ms) picks up a disconnect gap and fills it unattended. */
@TestPropertySource(properties = {"basis.backfill.period=200ms", "basis.backfill.startup-funding=0s"})
class BinanceUsdmBackfillLoopIT extends ServiceTestSupport {
    private static final String VENUE = "binance-usdm";

    @Autowired DataSource dataSource;
    @Autowired EventWriter writer;
    @Autowired EventQueries queries;
    @Autowired GapLedger ledger;
    @Autowired Backfiller backfiller;
    @Autowired RestCollectors collectors;
    @Autowired CollectionStatistics statistics;
    @Autowired HttpClient http;
    @Autowired TimeSource time;
    @Autowired Clock clock;
    @Autowired InstrumentIds instrumentIds;

    private VenueSimulator sim;
    private BinanceUsdmConnector connector;
    private AutoCloseable attached;

    @AfterEach
    void tearDown() throws Exception {
        if (attached != null) {
            attached.close();
        }
        backfiller.awaitIdle(Duration.ofSeconds(20));
        if (connector != null) {
            connector.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theLoopFillsADisconnectGapUnattended() throws Exception {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
        sim = VenueSimulator.start(BinanceDialect.usdm());
        sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok(exchangeInfo(List.of("BTCUSDT")), 1));
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(openInterest("BTCUSDT", "1", 1), 1));
        BinanceMarketHistory history = BinanceMarketHistory.install(sim.rest());
        Instant from = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        Instant to = from.plus(Duration.ofHours(3));
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += 60_000) {
            history.kline("BTCUSDT", t, "100");
        }
        ConnectionRegistry registry = new ConnectionRegistry(time, new SimpleMeterRegistry(), statistics);
        RuntimeContext runtime = new RuntimeContext(time, http, registry, ledger::record, FrameTap.NONE,
                new Random(7));
        RestSettings rest = RestSettings.of(VENUE, URI.create(sim.restUrl()), new RateBudget(2400,
                Duration.ofMinutes(1)));
        connector = new BinanceUsdmConnector(venue(URI.create(sim.restUrl()), URI.create(sim.wsUrl()),
                List.of("BTCUSDT")), new VenueDeps(writer, runtime, collectors, statistics, clock),
                new BinanceUsdmConnector.Tuning(Duration.ofSeconds(30), new Escalation(Duration.ofMillis(20),
                        Duration.ofMillis(100)), Duration.ofMillis(50), rest));
        connector.start();
        attached = backfiller.connectorStarted(connector);

        ledger.record(VENUE, "market", from, to, GapCauses.DISCONNECT);
        ledger.flush();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        GapLedger.Filter candles = new GapLedger.Filter(VENUE, "BTCUSDT", "candle", Set.of(), null, null, 10);
        while (ledger.list(candles).stream().noneMatch(g -> g.state() == GapState.FILLED)) {
            assertThat(System.nanoTime()).as("the loop filling the candle gap").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(ledger.list(candles).getFirst().rowsRecovered()).isEqualTo(180);
        assertThat(queries.range(EventType.CANDLE, new EventQueries.Filter(VENUE, "BTCUSDT", from, to, 1000)))
                .hasSize(180);
    }
}
