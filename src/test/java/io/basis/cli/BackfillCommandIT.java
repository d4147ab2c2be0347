package io.basis.cli;

import io.basis.store.BackfillJobs;
import io.basis.store.GapLedger;
import io.basis.store.StreamGaps;
import io.basis.support.FakeHistoryConnector;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code basis backfill} in the tool context against the shared database, with a history source serving 1-minute
 * candles: an interrupted (here: partly failed) run is resumed by running the same command again, which fetches
 * only the units not completed; a third run fetches nothing.
 */
class BackfillCommandIT {
    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    /** 12 h of the day before yesterday and all of yesterday: 2 units per symbol. */
    private static final Instant FROM = DAY.minus(Duration.ofHours(36));
    private static final Instant TO = DAY;

    private final FakeHistoryConnector venue = new FakeHistoryConnector("binance-usdm", List.of("BTCUSDT",
            "ETHUSDT"));
    private PGSimpleDataSource db;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        db = new PGSimpleDataSource();
        db.setURL(TestDatabase.jdbcUrl());
        db.setUser("postgres");
        emptyIfMigrated(db);
    }

    @Test
    void aRerunResumesWithTheUnitsNotCompleted() throws Exception {
        venue.failFrom(DAY.minus(Duration.ofHours(1)));
        Result first = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(),
                "--types", "candles");
        assertThat(first.status).as(first.out).isEqualTo(1);
        assertThat(first.out).contains("4 units").contains("2 failed").contains("run the same command again");
        assertThat(venue.fetches.get()).isEqualTo(4);
        assertThat(candles()).isEqualTo(2 * 12 * 60);

        venue.failFrom(null);
        Result second = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(),
                "--types", "candles");
        assertThat(second.status).as(second.out).isZero();
        assertThat(second.out).contains("(2 done before: resuming)").contains("done");
        assertThat(venue.fetches.get()).as("only the two failed units again").isEqualTo(6);
        assertThat(candles()).isEqualTo(2 * 36 * 60);
        assertThat(second.out).contains(String.format("stored    : %,d rows", 2 * 24 * 60));

        Result third = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(),
                "--types", "candles");
        assertThat(third.status).as(third.out).isZero();
        assertThat(third.out).contains("(4 done before: resuming)");
        assertThat(venue.fetches.get()).isEqualTo(6);
    }

    @Test
    void aJobLeftRunningByAKilledRunIsTakenOver() throws Exception {
        BackfillJobs jobs = new BackfillJobs(db, Clock.systemUTC());
        Instant firstDayEnd = DAY.minus(Duration.ofDays(1));
        BackfillJobs.Job left = jobs.create("binance-usdm", FROM, firstDayEnd, List.of("candle"), List.of("BTCUSDT"),
                BackfillJobs.CLI).job();
        assertThat(jobs.start(left.id())).isTrue();
        long held = gap("BTCUSDT", FROM.plus(Duration.ofHours(1)), FROM.plus(Duration.ofHours(2)));
        assertThat(new GapLedger(db, new StreamGaps(db, Clock.systemUTC()), Clock.systemUTC()).claim(List.of(held), left.id())).hasSize(1);

        Result r = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(), "--types",
                "candles", "--symbols", "BTCUSDT");
        assertThat(r.status).as(r.out).isZero();
        assertThat(jobs.get(left.id()).orElseThrow().state()).isEqualTo(BackfillJobs.FAILED);
        assertThat(jobs.get(left.id()).orElseThrow().error()).contains("abandoned");
        assertThat(venue.fetches.get()).isEqualTo(2);
        assertThat(candles()).isEqualTo(36 * 60);
        assertThat(gapState(held)).as("released by the abandoned job, filled by the one taking over")
                .isEqualTo("filled 60");
    }

    @Test
    void aSpanningGapOverADayTheVenueRefusedIsUnfillableWithTheReason() throws Exception {
        Instant midnight = DAY.minus(Duration.ofDays(1));
        long spanning = gap("BTCUSDT", midnight.minus(Duration.ofHours(6)), midnight.plus(Duration.ofHours(6)));
        venue.refuseFrom(midnight.plus(Duration.ofHours(1)));

        Result r = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(), "--types",
                "candles", "--symbols", "BTCUSDT");
        assertThat(r.status).as("a refusal is the venue's answer, not a failure to retry: %s", r.out).isZero();
        assertThat(r.out).contains("not served: candle BTCUSDT [" + midnight + ", " + DAY
                + "): candle BTCUSDT: Invalid symbol BTCUSDT (simulated delisting)");
        assertThat(gapState(spanning)).as("its first half was stored, the second never will be")
                .isEqualTo("unfillable 360");
        assertThat(gapReason(spanning)).contains("Invalid symbol BTCUSDT");
        assertThat(new BackfillJobs(db, Clock.systemUTC()).recent(10)).filteredOn(j -> j.from().equals(midnight))
                .singleElement().satisfies(j -> {
                    assertThat(j.state()).isEqualTo(BackfillJobs.COMPLETED);
                    assertThat(j.error()).startsWith(BackfillJobs.NOT_SERVED);
                });
    }

    @Test
    void aRerunStillSettlesASpanningGapOverADayRefusedByAnEarlierRunAsUnfillable() throws Exception {
        Instant midnight = DAY.minus(Duration.ofDays(1));
        long spanning = gap("BTCUSDT", midnight.minus(Duration.ofHours(6)), midnight.plus(Duration.ofHours(6)));
        venue.refuseFrom(midnight.plus(Duration.ofHours(1)));
        venue.failFrom(FROM.plus(Duration.ofHours(1)));
        Result first = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(), "--types",
                "candles", "--symbols", "BTCUSDT");
        assertThat(first.status).as(first.out).isEqualTo(1);
        assertThat(first.out).contains("not served: candle BTCUSDT [" + midnight + ", " + DAY + ")");
        assertThat(gapState(spanning)).as("a unit of its key failed: left for the rerun").isEqualTo("open 0");

        venue.failFrom(null);
        Result second = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(), "--types",
                "candles", "--symbols", "BTCUSDT");
        assertThat(second.status).as(second.out).isZero();
        assertThat(second.out).contains("(1 done before: resuming)");
        assertThat(gapState(spanning)).as("the refused day was skipped as done, not served all the same")
                .isEqualTo("unfillable 360");
        assertThat(gapReason(spanning)).contains("Invalid symbol BTCUSDT");
    }

    @Test
    void aLedgerGapSpanningSeveralDaysIsFilledOnceAllItsUnitsHaveCompleted() throws Exception {
        assertThat(run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(), "--types",
                "trades").status).as("a bad argument, after the schema is migrated").isEqualTo(2);
        Instant midnight = DAY.minus(Duration.ofDays(1));
        long spanning = gap("BTCUSDT", midnight.minus(Duration.ofHours(6)), midnight.plus(Duration.ofHours(6)));
        long inOneDay = gap("ETHUSDT", DAY.minus(Duration.ofHours(5)), DAY.minus(Duration.ofHours(3)));
        long outside = gap("BTCUSDT", FROM.minus(Duration.ofHours(1)), FROM.plus(Duration.ofHours(1)));

        Result r = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(), "--types",
                "candles");
        assertThat(r.status).as(r.out).isZero();
        assertThat(r.out).contains("gaps      : 1 ledger gaps spanning the range filled");
        assertThat(gapState(spanning)).as("in no single unit, filled by the command").isEqualTo("filled 720");
        assertThat(gapState(inOneDay)).as("filled by its unit's job").isEqualTo("filled 120");
        assertThat(gapState(outside)).as("partly outside the range").isEqualTo("open 0");
    }

    @Test
    void argumentsTheVenueCannotServeAreOneLineWithExitCode2() throws Exception {
        Result trades = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(),
                "--types", "trades");
        assertThat(trades.status).isEqualTo(2);
        assertThat(trades.err.strip()).doesNotContain("\n")
                .isEqualTo("basis backfill: --types: binance-usdm serves no history of trade (it serves: candle)");
        Result symbol = run("--venue", "binance-usdm", "--from", FROM.toString(), "--to", TO.toString(),
                "--symbols", "BTCUSDT,DOGEUSDT");
        assertThat(symbol.status).isEqualTo(2);
        assertThat(symbol.err.strip()).isEqualTo("basis backfill: --symbols: binance-usdm has no history of DOGEUSDT "
                + "for candle");
        Result unknown = run("--venue", "nowhere", "--from", FROM.toString(), "--to", TO.toString());
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.err.strip()).startsWith("basis backfill: --venue: no connector for venue 'nowhere'");
        Result badFrom = run("--venue", "binance-usdm", "--from", "last week", "--to", "now");
        assertThat(badFrom.status).isEqualTo(2);
        assertThat(badFrom.err.strip()).startsWith("basis backfill: --from: 'last week'");
        assertThat(venue.fetches.get()).isZero();
    }

    private record Result(int status, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--basis.db.url=" + TestDatabase.jdbcUrl());
        all.add("--basis.db.user=postgres");
        all.add("--basis.data-dir=" + TestDatabase.tempDir("basis-backfill-data"));
        int status = new BackfillCommand(o, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ProgressLine(o, false, Duration.ofSeconds(10)), Clock.systemUTC(), (ctx, module) -> venue,
                Duration.ofSeconds(1)).run(all.toArray(String[]::new));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long gap(String symbol, Instant from, Instant to) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("INSERT INTO stream_gap"
                + " (venue, stream, symbol, event_type, gap_from, gap_to, cause, detected_at, updated_at)"
                + " VALUES ('binance-usdm', ?, ?, 'candle', ?, ?, 'process-down', now(), now()) RETURNING id")) {
            p.setString(1, "candle:" + symbol);
            p.setString(2, symbol);
            p.setTimestamp(3, Timestamp.from(from));
            p.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String gapState(long id) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT state || ' ' || rows_recovered FROM stream_gap WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String gapReason(long id) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT state_reason FROM stream_gap WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long candles() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM candle")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Empties the shared database; a fresh one (first test of the JVM) has no schema yet and nothing to empty. */
    static void emptyIfMigrated(PGSimpleDataSource db) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT to_regclass('public.backfill') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                TestDatabase.truncateAll(db);
            }
        }
    }
}
