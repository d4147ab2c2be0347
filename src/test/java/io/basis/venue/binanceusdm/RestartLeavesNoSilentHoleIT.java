package io.basis.venue.binanceusdm;

import io.basis.BasisApplication;
import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.simulator.BinanceDialect;
import io.basis.simulator.BinanceMarketHistory;
import io.basis.simulator.BinanceResponses;
import io.basis.simulator.VenueSimulator;
import io.basis.store.EventWriter;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when", through the whole service: Basis stored Binance USD-M data until it was stopped four hours
 * ago; it starts again (start-up check on, the real connector against the simulator, whose history endpoints serve
 * the missing range). Every stream's downtime ends as a ledger row that is filled - the rows present exactly once -
 * and that is what {@code /api/v1/gaps}, {@code /api/v1/coverage} and {@code /metrics} show.
 */
class RestartLeavesNoSilentHoleIT {
    private static final String VENUE = "binance-usdm";
    private static final String SYMBOL = "BTCUSDT";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MINUTE = 60_000;
    private static final Set<String> RESOLVED = Set.of("filled", "unfillable", "ignored");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private VenueSimulator sim;
    private BinanceMarketHistory history;
    private Path venuesFile;
    private Path dataDir;
    private ConfigurableApplicationContext service;

    @BeforeEach
    void setUp() throws Exception {
        sim = VenueSimulator.start(BinanceDialect.usdm());
        sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok(
                BinanceUsdmTestFrames.exchangeInfo(List.of(SYMBOL)), 1));
        sim.rest().on("/fapi/v1/openInterest").respond(BinanceResponses.ok(
                BinanceUsdmTestFrames.openInterest(SYMBOL, "1000", System.currentTimeMillis()), 1));
        history = BinanceMarketHistory.install(sim.rest());
        dataDir = TestDatabase.tempDir("basis-restart-data");
        venuesFile = dataDir.resolve("venues.yaml");
        Files.writeString(venuesFile, """
                venues:
                  binance-usdm:
                    enabled: true
                    rest-url: %s
                    ws-url: %s
                    symbols: [%s]
                    channels:
                      instruments: all
                      trades: all
                      funding: all
                      open-interest: all
                      candles: { storage: all, interval: 1m }
                """.formatted(sim.restUrl(), sim.wsUrl(), SYMBOL));
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        sim.close();
    }

    @Test
    void stoppingForFourHoursAndStartingAgainLeavesEveryMissingRangeFilledAndVisible() throws Exception {
        Instant now = Instant.now();
        Instant stopped = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(4));
        Instant firstStored = stopped.minus(Duration.ofHours(22));
        // The history runs a few minutes past now so that it holds the restart's minute even when the service comes
        // up in the next one; a backfill never asks beyond the gap it fills.
        serveHistory(now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(47)), now.plus(Duration.ofMinutes(3)));

        // The run before the stop: 22 hours of live data, written through the service's own writer.
        try (ConfigurableApplicationContext before = start(false)) {
            TestDatabase.truncateAll(before.getBean(DataSource.class));
            EventWriter writer = before.getBean(EventWriter.class);
            for (MarketEvent e : liveData(firstStored, stopped)) {
                writer.publish(e);
            }
            assertThat(writer.awaitStored(WAIT)).isTrue();
        }

        service = start(true);
        DataSource db = service.getBean(DataSource.class);
        eventually(() -> processDownGaps(db) >= 3 && unresolvedGaps(db) == 0,
                "the start-up gaps of candles, trades and open interest resolved");

        JsonNode gaps = get("/api/v1/gaps?venue=" + VENUE + "&symbol=" + SYMBOL + "&limit=100");
        Map<String, JsonNode> processDown = new HashMap<>();
        for (JsonNode g : gaps.get("gaps")) {
            assertThat(g.get("state").asString()).as("no gap left silent or pending: %s", g).isIn(RESOLVED);
            if (g.get("cause").asString().equals("process-down")) {
                processDown.put(g.get("type").asString(), g);
            }
        }
        assertThat(processDown).containsKeys("candle", "trade", "open-interest");
        for (String type : List.of("candle", "trade", "open-interest")) {
            JsonNode g = processDown.get(type);
            assertThat(g.get("state").asString()).as(type).isEqualTo("filled");
            assertThat(Instant.parse(g.get("from").asString())).as("%s starts at its newest stored event", type)
                    .isBeforeOrEqualTo(stopped.plusSeconds(1));
            assertThat(g.get("rows_recovered").asLong()).as(type).isPositive();
        }
        // The restart is where the start-up check ended the downtime, whichever minute the service came up in.
        Instant restart = Instant.parse(processDown.get("candle").get("to").asString())
                .truncatedTo(ChronoUnit.MINUTES);
        long downtime = Duration.between(stopped, restart).toMinutes();
        assertThat(count(db, "SELECT count(*) FROM candle WHERE ts >= ? AND ts < ?", firstStored, restart))
                .as("every minute from the first stored candle to the restart, once")
                .isEqualTo(Duration.between(firstStored, restart).toMinutes());
        assertThat(count(db, "SELECT count(*) - count(DISTINCT trade_id) FROM trade WHERE ts >= ?", firstStored,
                null)).as("no trade twice").isZero();
        assertThat(count(db, "SELECT count(*) FROM trade WHERE ts >= ? AND ts < ?", firstStored, restart))
                .as("a trade a minute, live before the stop and backfilled after it")
                .isEqualTo(Duration.between(firstStored, restart).toMinutes());
        assertThat(count(db, "SELECT count(*) FROM open_interest WHERE ts > ? AND ts < ?", stopped, restart))
                .as("5-minute open-interest statistics of the downtime").isGreaterThanOrEqualTo(47);

        assertThat(processDown.get("candle").get("rows_recovered").asLong())
                .as("the downtime's minutes, give or take the one a restart straddles")
                .isBetween(downtime - 2, downtime);

        JsonNode coverage = get("/api/v1/coverage");
        JsonNode btc = null;
        for (JsonNode s : coverage.get("symbols")) {
            if (s.get("symbol").asString().equals(SYMBOL)) {
                btc = s;
            }
        }
        assertThat(btc).as("BTCUSDT in %s", coverage).isNotNull();
        JsonNode candles = null;
        for (JsonNode t : btc.get("types")) {
            if (t.get("type").asString().equals("candle")) {
                candles = t;
            }
        }
        assertThat(candles).as("candle coverage in %s", btc).isNotNull();
        assertThat(candles.get("percent_24h").asDouble()).as("%s", candles).isGreaterThanOrEqualTo(99.0);

        // The totals on /metrics are refreshed every summary interval, so they catch up shortly after the ledger.
        eventually(() -> metric("basis_gaps_open") == 0
                        && metric("basis_backfill_rows_written_total") >= 2 * (downtime - 2),
                "the ledger totals on /metrics: no open gap, candles and trades of the downtime written");
        assertThat(get("/health").get("gap_hours").asDouble()).isLessThan(2.0);
    }

    /** The venue's history: klines and trades every minute, OI every 5 minutes, funding every 8 hours. */
    private void serveHistory(Instant from, Instant to) {
        for (long t = from.toEpochMilli(); t < to.toEpochMilli() - MINUTE; t += MINUTE) {
            history.kline(SYMBOL, t, "10" + (t / MINUTE % 10));
            history.aggTrade(SYMBOL, t / MINUTE, t + 1_000, "100", "1", false);
            if (t % (5 * MINUTE) == 0) {
                history.openInterest(SYMBOL, t, "1000");
            }
            if (t % (480 * MINUTE) == 0) {
                history.funding(SYMBOL, t, "0.0001");
            }
        }
    }

    /** What the connector stored live over [from, to]: the same rows the history serves for that range. */
    private static List<MarketEvent> liveData(Instant from, Instant to) {
        List<MarketEvent> events = new ArrayList<>();
        BigDecimal hundred = new BigDecimal("100");
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(60)) {
            long m = t.toEpochMilli();
            events.add(new Candle(VENUE, SYMBOL, t, t.plusSeconds(61), Duration.ofMinutes(1), hundred,
                    new BigDecimal("110"), new BigDecimal("90"), new BigDecimal("10" + (m / MINUTE % 10)),
                    new BigDecimal("5"), new BigDecimal("500"), 7L, true));
            Instant traded = t.plusSeconds(1);
            events.add(new Trade(VENUE, SYMBOL, traded, traded.plusMillis(20), Long.toString(m / MINUTE), hundred,
                    BigDecimal.ONE, BigDecimal.ONE, hundred, Side.BUY, false));
            if (m % (5 * MINUTE) == 0) {
                events.add(new OpenInterest(VENUE, SYMBOL, t, t.plusMillis(30), new BigDecimal("1000"),
                        new BigDecimal("1000"), null));
            }
            if (m % (480 * MINUTE) == 0) {
                events.add(new FundingRate(VENUE, SYMBOL, t, t.plusMillis(30), t, new BigDecimal("0.0001"), null,
                        Duration.ofHours(8)));
            }
        }
        return events;
    }

    private ConfigurableApplicationContext start(boolean connectors) {
        return new SpringApplicationBuilder(BasisApplication.class).run(
                "--server.port=0",
                "--basis.db.url=" + TestDatabase.jdbcUrl(),
                "--basis.db.user=postgres",
                "--basis.data-dir=" + dataDir,
                "--basis.venues-file=" + venuesFile,
                "--basis.connectors.enabled=" + connectors,
                "--basis.gaps.startup-check.enabled=" + connectors,
                "--basis.gaps.scan.enabled=false",
                "--basis.gaps.summary-interval=500ms",
                "--basis.backfill.period=500ms",
                "--basis.storage.option-compaction.enabled=false");
    }

    private long processDownGaps(DataSource db) {
        return count(db, "SELECT count(*) FROM stream_gap WHERE cause = 'process-down' AND gap_from >= ?",
                Instant.EPOCH, null);
    }

    private long unresolvedGaps(DataSource db) {
        return count(db, "SELECT count(*) FROM stream_gap WHERE state IN ('open', 'backfilling') AND gap_from >= ?",
                Instant.EPOCH, null);
    }

    private static long count(DataSource db, String sql, Instant a, Instant b) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(a));
            if (b != null) {
                ps.setTimestamp(2, Timestamp.from(b));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** Sum of a metric's samples on /metrics. */
    private double metric(String name) {
        try {
            String body = http.send(HttpRequest.newBuilder(uri("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            boolean seen = false;
            for (String line : body.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    seen = true;
                }
            }
            return seen ? sum : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port") + path);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
