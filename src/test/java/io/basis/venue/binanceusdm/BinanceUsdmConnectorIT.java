package io.basis.venue.binanceusdm;

import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestSettings;
import io.basis.ingest.runtime.RestStatus;
import io.basis.ingest.runtime.StreamStats;
import io.basis.model.BookSnapshot;
import io.basis.model.EventType;
import io.basis.model.OpenInterest;
import io.basis.model.Trade;
import io.basis.simulator.BinanceDialect;
import io.basis.simulator.BinanceResponses;
import io.basis.simulator.SimConnection;
import io.basis.simulator.VenueSimulator;
import io.basis.store.EventQueries;
import io.basis.store.StreamGaps;
import io.basis.support.ConnectorTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The Binance USD-M connector against the loopback venue simulator, storing into the shared test database. */
class BinanceUsdmConnectorIT extends ConnectorTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long VT = 1_780_000_000_000L;
    private static final String DEPTH = "/fapi/v1/depth";

    private VenueSimulator sim;
    private BinanceUsdmConnector connector;

    @BeforeEach
    void setUp() {
        emptyDatabase();
        sim = VenueSimulator.start(BinanceDialect.usdm());
        sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok(
                exchangeInfo(List.of("BTCUSDT", "ETHUSDT", "SOLUSDT")), 1));
        sim.rest().on(DEPTH).withQuery("symbol", "BTCUSDT").respond(
                BinanceResponses.ok(depthSnapshot(105, VT, "99:5", "98:1", "|", "101:5"), 20),
                BinanceResponses.ok(depthSnapshot(155, VT + 90, "99:5", "|", "101:5"), 20));
        sim.rest().on(DEPTH).withQuery("symbol", "ETHUSDT").respond(BinanceResponses.ok(
                depthSnapshot(505, VT, "9:5", "|", "11:5"), 20));
    }

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        sim.close();
    }

    private void start(Duration staleAfter, String snapshotInterval, int maxRetries) throws Exception {
        VenueDeps deps = connectorDeps();
        RestSettings rest = RestSettings.of("binance-usdm", URI.create(sim.restUrl()),
                        new RateBudget(2400, Duration.ofMinutes(1)))
                .withRetries(maxRetries, new Escalation(Duration.ofMillis(20), Duration.ofMillis(100)));
        connector = new BinanceUsdmConnector(venue(URI.create(sim.restUrl()), URI.create(sim.wsUrl()),
                List.of("BTCUSDT", "ETHUSDT"), Map.of(), snapshotInterval), deps,
                new BinanceUsdmConnector.Tuning(staleAfter, new Escalation(Duration.ofMillis(20),
                        Duration.ofMillis(100)), Duration.ofMillis(50), rest));
        connector.start();
    }

    private void startDefault() throws Exception {
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(openInterest("BTCUSDT", "12.5", VT), 1));
        start(Duration.ofSeconds(30), "0ms", 3);
    }

    @Test
    void subscribesReceivesAndStoresEveryChannel() throws Exception {
        startDefault();
        sim.ws().awaitSubscribed("btcusdt@aggTrade", WAIT);
        sim.ws().awaitSubscribed("btcusdt@depth@100ms", WAIT);
        sim.ws().awaitSubscribed("ethusdt@kline_1m", WAIT);
        assertThat(sim.ws().awaitSubscribed("btcusdt@aggTrade", WAIT).path()).isEqualTo("/market/stream");
        assertThat(sim.ws().awaitSubscribed("btcusdt@depth@100ms", WAIT).path()).isEqualTo("/public/stream");

        sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 42, "100000", "2", VT, false));
        sim.ws().publish("ethusdt@forceOrder", forceOrder("ETHUSDT", "SELL", "2000", "3", VT));
        sim.ws().publish("btcusdt@markPrice@1s", markPrice("BTCUSDT", "100000", "100010", "0.0001", VT));
        sim.ws().publish("btcusdt@kline_1m", kline("BTCUSDT", VT - 60_000, "105", true));
        sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 100, 110, 95, VT, "99:6", "|", "101:4"));
        sim.rest().awaitRequests(DEPTH, 1, WAIT);

        for (EventType type : List.of(EventType.INSTRUMENT, EventType.TRADE, EventType.LIQUIDATION,
                EventType.MARK_PRICE, EventType.INDEX_PRICE, EventType.FUNDING_RATE, EventType.CANDLE,
                EventType.OPEN_INTEREST, EventType.BOOK_SNAPSHOT)) {
            eventually(() -> stored(type) > 0, "a stored " + type.id());
        }
        Trade trade = (Trade) rows(EventType.TRADE, "BTCUSDT").getFirst();
        assertThat(trade.tradeId()).isEqualTo("42");
        assertThat(trade.large()).isTrue();
        OpenInterest oi = (OpenInterest) rows(EventType.OPEN_INTEREST, "BTCUSDT").getFirst();
        assertThat(oi.amount()).isEqualByComparingTo("12.5");
        assertThat(stored(EventType.INSTRUMENT)).isEqualTo(3);
        assertThat(connector.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
    }

    @Test
    void aMalformedFrameIsCountedAndSkipped() throws Exception {
        startDefault();
        SimConnection market = sim.ws().awaitSubscribed("btcusdt@aggTrade", WAIT);
        market.send("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"p\":");
        sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 43, "10", "1", VT, false));
        eventually(() -> stored(EventType.TRADE) == 1, "the trade after the bad frame");
        StreamStats stats = registry.stream("binance-usdm", "market");
        assertThat(stats.parseErrors()).isEqualTo(1);
        assertThat(market.isOpen()).isTrue();
    }

    @Test
    void aDroppedSocketReconnectsResubscribesAndRecordsAGap() throws Exception {
        startDefault();
        SimConnection first = sim.ws().awaitSubscribed("btcusdt@aggTrade", WAIT);
        sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 1, "10", "1", VT, false));
        eventually(() -> stored(EventType.TRADE) == 1, "the first trade");
        first.drop();
        SimConnection second = sim.ws().awaitConnection(c -> c.id() != first.id() && c.isOpen()
                && c.isSubscribed("btcusdt@aggTrade"), WAIT);
        sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 2, "10", "1", VT + 1, false));
        eventually(() -> stored(EventType.TRADE) == 2, "a trade after the reconnect");
        assertThat(second.path()).isEqualTo("/market/stream");
        eventually(() -> gaps().stream().anyMatch(g -> g.stream().equals("market") && g.cause().equals("disconnect")),
                "a disconnect gap");
    }

    @Test
    void aSilentSocketIsDetectedStaleAndReplaced() throws Exception {
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(openInterest("BTCUSDT", "1", VT), 1));
        start(Duration.ofMillis(700), "0ms", 3);
        SimConnection first = sim.ws().awaitSubscribed("btcusdt@aggTrade", WAIT);
        sim.ws().publish("btcusdt@aggTrade", aggTrade("BTCUSDT", 1, "10", "1", VT, false));
        first.goSilent();
        SimConnection second = sim.ws().awaitConnection(c -> c.id() != first.id() && c.isOpen()
                && c.isSubscribed("btcusdt@aggTrade"), WAIT);
        second.send(combined("btcusdt@aggTrade", aggTrade("BTCUSDT", 2, "10", "1", VT + 1, false)));
        eventually(() -> gaps().stream().anyMatch(g -> g.stream().equals("market") && g.cause().equals("stale")),
                "a stale gap");
    }

    @Test
    void aPuGapResyncsOnlyThatSymbolFromAFreshSnapshot() throws Exception {
        startDefault();
        sim.ws().awaitSubscribed("ethusdt@depth@100ms", WAIT);
        sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 100, 110, 95, VT, "99:6"));
        sim.ws().publish("ethusdt@depth@100ms", depth("ETHUSDT", 500, 510, 490, VT, "9:6"));
        eventually(() -> bookRows("BTCUSDT") == 1 && bookRows("ETHUSDT") == 1, () -> "both books in sync; rows "
                + bookRows("BTCUSDT") + "/" + bookRows("ETHUSDT") + " requests " + depthRequests("BTCUSDT") + "/"
                + depthRequests("ETHUSDT") + " states " + connector.bookSession().bookState("BTCUSDT") + "/"
                + connector.bookSession().bookState("ETHUSDT") + " total " + stored(EventType.BOOK_SNAPSHOT));

        sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 150, 160, 140, VT + 100, "99:7"));
        eventually(() -> depthRequests("BTCUSDT") == 2, "a second BTCUSDT snapshot request");
        sim.ws().publish("ethusdt@depth@100ms", depth("ETHUSDT", 511, 520, 510, VT + 100, "9:7"));
        eventually(() -> bookRows("ETHUSDT") == 2, "ETHUSDT still producing snapshots");
        eventually(() -> bookRows("BTCUSDT") == 2, "BTCUSDT resynced from the fresh snapshot");
        assertThat(depthRequests("ETHUSDT")).isEqualTo(1);
        assertThat(depthRequests("BTCUSDT")).isEqualTo(2);
        eventually(() -> gaps().stream().anyMatch(g -> g.stream().equals("book:BTCUSDT")
                && g.cause().equals(BinanceUsdmConnector.SEQUENCE_GAP)), "a sequence-gap row for BTCUSDT");
        assertThat(gaps()).noneMatch(g -> g.stream().equals("book:ETHUSDT"));
    }

    @Test
    void theLastBookOfABurstIsStoredOnceTheSnapshotIntervalHasPassed() throws Exception {
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(openInterest("BTCUSDT", "12.5", VT), 1));
        start(Duration.ofSeconds(30), "500ms", 3);
        sim.ws().awaitSubscribed("btcusdt@depth@100ms", WAIT);
        sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 100, 110, 95, VT, "99:6"));
        eventually(() -> bookRows("BTCUSDT") == 1, "the book in sync");

        for (int i = 1; i <= 5; i++) {
            sim.ws().publish("btcusdt@depth@100ms", depth("BTCUSDT", 101 + 10L * i, 110 + 10L * i, 100 + 10L * i,
                    VT + i, "99:" + (6 + i)));
        }
        eventually(() -> rows(EventType.BOOK_SNAPSHOT, "BTCUSDT").stream()
                .anyMatch(b -> ((BookSnapshot) b).sequence() == 160), "the book after the burst");
        assertThat(rows(EventType.BOOK_SNAPSHOT, "BTCUSDT")).extracting(b -> ((BookSnapshot) b).sequence())
                .doesNotHaveDuplicates();
    }

    @Test
    void aRateLimitPausesTheRestClientForRetryAfter() throws Exception {
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.tooManyRequests(30));
        Instant before = clock.instant();
        start(Duration.ofSeconds(30), "0ms", 0);
        eventually(() -> "rate-limited".equals(connector.restClient().status().pauseReason()), "the 429 pause");
        RestStatus status = connector.restClient().status();
        assertThat(status.pausedUntil()).isBetween(before.plusSeconds(29), clock.instant().plusSeconds(31));
        assertThat(sim.rest().requests("/fapi/v1/openInterest")).hasSize(1);
    }

    @Test
    void aBanPausesTheRestClientForRetryAfter() throws Exception {
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.banned(600));
        Instant before = clock.instant();
        start(Duration.ofSeconds(30), "0ms", 0);
        eventually(() -> "banned".equals(connector.restClient().status().pauseReason()), "the 418 ban");
        RestStatus status = connector.restClient().status();
        assertThat(status.pausedUntil()).isBetween(before.plusSeconds(599), clock.instant().plusSeconds(601));
        assertThat(sim.rest().requests("/fapi/v1/openInterest")).hasSize(1);
    }

    private long depthRequests(String symbol) {
        return sim.rest().requests(DEPTH).stream().filter(r -> symbol.equals(r.param("symbol"))).count();
    }

    private long bookRows(String symbol) {
        flush();
        return rows(EventType.BOOK_SNAPSHOT, symbol).size();
    }

    private List<io.basis.model.MarketEvent> rows(EventType type, String symbol) {
        flush();
        return queries.range(type, new EventQueries.Filter("binance-usdm", null, null, null, 1000)).stream()
                .filter(e -> e.symbol().equals(symbol)).toList();
    }

    private long stored(EventType type) {
        flush();
        return queries.count(type);
    }

    private List<StreamGaps.Gap> gaps() {
        return streamGaps.list("binance-usdm", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100);
    }

    private void flush() {
        try {
            writer.awaitStored(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        eventually(condition, () -> what);
    }

    private static void eventually(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
