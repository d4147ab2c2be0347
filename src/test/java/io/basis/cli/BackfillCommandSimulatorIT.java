package io.basis.cli;

import io.basis.ingest.runtime.FrameTap;
import io.basis.simulator.BinanceDialect;
import io.basis.simulator.BinanceMarketHistory;
import io.basis.simulator.BinanceResponses;
import io.basis.simulator.VenueSimulator;
import io.basis.store.BackfillJobs;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code basis backfill --venue binance-usdm} end to end: the venues file points at the simulator, the command
 * builds the real Binance USD-M connector in the tool context and fetches klines through its REST client without
 * collecting live (no WebSocket opened, no open-interest poll, no live row stored although the venues file has those
 * channels); the same command again fetches nothing.
 */
class BackfillCommandSimulatorIT {
    private static final long MINUTE = 60_000;

    private VenueSimulator sim;
    private BinanceMarketHistory history;
    private Path venuesFile;
    private PGSimpleDataSource db;

    @BeforeEach
    void setUp() throws Exception {
        db = new PGSimpleDataSource();
        db.setURL(TestDatabase.jdbcUrl());
        db.setUser("postgres");
        BackfillCommandIT.emptyIfMigrated(db);
        sim = VenueSimulator.start(BinanceDialect.usdm());
        sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok(EXCHANGE_INFO, 1));
        history = BinanceMarketHistory.install(sim.rest());
        venuesFile = TestDatabase.tempDir("basis-backfill-venues").resolve("venues.yaml");
        Files.writeString(venuesFile, """
                venues:
                  binance-usdm:
                    enabled: true
                    rest-url: %s
                    ws-url: %s
                    symbols: [BTCUSDT]
                    channels:
                      instruments: all
                      trades: all
                      candles: { storage: all, interval: 1m }
                      open-interest: { storage: all, poll-interval: 1s }
                """.formatted(sim.restUrl(), sim.wsUrl()));
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void klinesOfTheRangeAreStoredOnceAndARerunFetchesNothing() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        Instant to = from.plus(Duration.ofHours(3));
        for (long t = from.minus(Duration.ofHours(1)).toEpochMilli(); t < to.toEpochMilli() + 60 * MINUTE;
             t += MINUTE) {
            history.kline("BTCUSDT", t, "100" + (t / MINUTE % 10));
        }
        String[] args = {"--venue", "binance-usdm", "--from", from.toString(), "--to", to.toString(), "--types",
                "candles"};

        Run first = run(args);
        assertThat(first.status).as(first.out + first.err).isZero();
        long units = from.truncatedTo(ChronoUnit.DAYS).equals(to.minusNanos(1).truncatedTo(ChronoUnit.DAYS)) ? 1 : 2;
        assertThat(first.out).contains(units + " units").contains("[candle]").contains("180 rows  done");
        assertThat(candlesIn(from, to)).isEqualTo(180);
        int served = history.served(BinanceMarketHistory.KLINES);
        assertThat(served).isPositive();
        assertThat(sim.ws().connections()).as("no live stream during a backfill").isEmpty();
        assertThat(sim.rest().requests("/fapi/v1/openInterest")).as("no live poll during a backfill").isEmpty();
        assertThat(count("SELECT count(*) FROM trade")).isZero();
        assertThat(count("SELECT count(*) FROM open_interest")).isZero();
        assertThat(count("SELECT count(*) FROM candle")).as("only the range's klines").isEqualTo(180);

        Run second = run(args);
        assertThat(second.status).as(second.out + second.err).isZero();
        assertThat(second.out).contains("(" + units + " done before: resuming)");
        assertThat(history.served(BinanceMarketHistory.KLINES)).isEqualTo(served);
        assertThat(candlesIn(from, to)).isEqualTo(180);
    }

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--basis.db.url=" + TestDatabase.jdbcUrl());
        all.add("--basis.db.user=postgres");
        all.add("--basis.data-dir=" + TestDatabase.tempDir("basis-backfill-data"));
        all.add("--basis.venues-file=" + venuesFile);
        int status = new BackfillCommand(o, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ProgressLine(o, false, Duration.ofSeconds(10)), Clock.systemUTC(),
                (ctx, module) -> ToolContext.connector(ctx, module, FrameTap.NONE), BackfillJobs.ABANDONED_AFTER)
                .run(all.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long candlesIn(Instant from, Instant to) throws Exception {
        return count("SELECT count(*) FROM candle WHERE ts >= '" + from + "' AND ts < '" + to + "'");
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final String EXCHANGE_INFO = "{\"timezone\":\"UTC\",\"serverTime\":1780000000500,\"rateLimits\":"
            + "[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400}],"
            + "\"symbols\":[{\"symbol\":\"BTCUSDT\",\"pair\":\"BTCUSDT\",\"contractType\":\"PERPETUAL\","
            + "\"deliveryDate\":4133404800000,\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"USDT\","
            + "\"marginAsset\":\"USDT\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"0.10\"},"
            + "{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"0.001\"}]}]}";
}
