package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;
import io.basis.support.DatabaseTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.basis.support.Fixtures.VENUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option quotes in both tiers: change-only writes, compaction, late quotes, reads across tiers, retention. */
class OptionQuoteStorageIT extends DatabaseTestSupport {
    private static final String CALL = "BTC-27DEC26-100000-C";
    private static final String PUT = "ETH-27DEC26-3000-P";
    /** 2026-11-20 09:00 UTC; the quotes span 09:00 .. 12:00. */
    private static final Instant H9 = Instant.parse("2026-11-20T09:00:00Z");
    private static final EventQueries.Filter ALL = new EventQueries.Filter(VENUE, null, null, null, 100_000);

    @Autowired BatchWriter batchWriter;
    @Autowired EventQueries queries;
    @Autowired OptionQuotes quotes;
    @Autowired OptionQuoteCompactor compactor;
    @Autowired PartitionManager partitions;

    @BeforeEach
    void empty() {
        emptyDatabase();
    }

    @Test
    void aQuoteEqualToItsInstrumentsPreviousQuoteIsNotStoredAndIsCounted() throws Exception {
        long skippedBefore = writer.statistics().skippedUnchangedQuotes();
        OptionTicker a = quote(CALL, H9, "0.0105", "55.20");
        List<MarketEvent> events = List.of(a,
                quote(CALL, H9.plusSeconds(1), "0.0105", "55.20"),   // unchanged: times do not count
                quote(PUT, H9.plusSeconds(1), "0.0105", "55.20"),    // another instrument
                quote(CALL, H9.plusSeconds(2), "0.0106", "55.20"),   // changed
                quote(CALL, H9.plusSeconds(3), "0.0106", "55.20"),   // unchanged
                quote(CALL, H9.plusSeconds(4), "0.0106", "55.2"),    // a scale change is a change
                quote(CALL, H9.plusSeconds(5), "0.0105", "55.20"));  // back to an earlier value: changed
        store(events);

        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).extracting(e -> e.venueTime().getEpochSecond() - H9.getEpochSecond())
                .containsExactly(0L, 1L, 2L, 4L, 5L);
        assertThat(writer.statistics().skippedUnchangedQuotes() - skippedBefore).isEqualTo(2);
        assertThat(queries.storedRows()).containsEntry(EventType.OPTION_TICKER, 5L);

        // the same quotes again store nothing new (idempotent), whatever the filter decides
        store(events);
        assertThat(queries.count(EventType.OPTION_TICKER)).isEqualTo(5);

        // after a restart the first quote is stored even if it equals the last one stored before
        try (EventWriter restarted = newWriter()) {
            restarted.publish(quote(CALL, H9.plusSeconds(6), "0.0105", "55.20"));
            assertThat(restarted.awaitStored(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(queries.count(EventType.OPTION_TICKER)).isEqualTo(6);
    }

    @Test
    void compactionMovesClosedHoursIntoBlocksAndEveryFieldReadsBackExactly() throws Exception {
        List<OptionTicker> all = walk(new Random(1), 900);
        write(all);
        List<MarketEvent> before = queries.range(EventType.OPTION_TICKER, ALL);
        assertThat(before).isEqualTo(sorted(all));

        OptionQuoteCompactor.Result r = compactor.compact(H9.plus(Duration.ofHours(2)).plusSeconds(59));
        assertThat(r.hours()).isEqualTo(2);
        assertThat(r.blocks()).isEqualTo(4);   // two instruments x two closed hours
        assertThat(rowTier()).isEqualTo(all.stream().filter(q -> !q.venueTime().isBefore(H9.plus(Duration.ofHours(2))))
                .count());
        assertThat(blockTier()).isEqualTo(r.quotes());

        // every field of every quote, across tiers and in time order
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(before);
        assertThat(queries.count(EventType.OPTION_TICKER)).isEqualTo(all.size());
        assertThat(queries.storedRows()).containsEntry(EventType.OPTION_TICKER, (long) all.size());

        compactor.compact(H9.plus(Duration.ofDays(2)));
        assertThat(rowTier()).isZero();
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(before);
    }

    @Test
    void compactingTwiceAndWritingTheSameQuotesAgainChangesNothing() throws Exception {
        List<OptionTicker> all = walk(new Random(2), 400);
        write(all);
        Instant cutoff = H9.plus(Duration.ofDays(2));
        compactor.compact(cutoff);
        List<String> blocks = blockContents();
        Map<EventType, Long> stored = queries.storedRows();

        assertThat(compactor.compact(cutoff).quotes()).isZero();
        assertThat(blockContents()).isEqualTo(blocks);

        // the row tier's key does not see the blocks: the quotes land in rows again, reads show each once
        batchWriter.write(all);
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(sorted(all));
        OptionQuoteCompactor.Result again = compactor.compact(cutoff);
        assertThat(again.duplicates()).isEqualTo(all.size());
        assertThat(blockContents()).isEqualTo(blocks);
        assertThat(rowTier()).isZero();
        assertThat(queries.storedRows()).isEqualTo(stored);
    }

    @Test
    void aQuoteArrivingAfterItsHourWasCompactedIsReadAndMergedIntoTheBlock() throws Exception {
        List<OptionTicker> all = new ArrayList<>(walk(new Random(3), 300));
        write(all);
        compactor.compact(H9.plus(Duration.ofDays(2)));
        Map<String, Integer> blocksBefore = blockSizes();

        OptionTicker late = quote(CALL, H9.plusSeconds(1).plusNanos(500_000), "0.0999", "77.70");
        store(List.of(late));
        all.add(late);
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(sorted(all));
        assertThat(quotes.latest(VENUE, List.of(CALL), late.venueTime())).containsEntry(CALL, late);

        compactor.compact(H9.plus(Duration.ofDays(2)));
        assertThat(rowTier()).isZero();
        assertThat(blockSizes().get(CALL + "@" + H9)).isEqualTo(blocksBefore.get(CALL + "@" + H9) + 1);
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(sorted(all));
        assertThat(queries.count(EventType.OPTION_TICKER)).isEqualTo(all.size());
    }

    @Test
    void readsMergeBothTiers() throws Exception {
        List<OptionTicker> all = walk(new Random(4), 1200);
        write(all);
        Instant split = H9.plus(Duration.ofHours(2));
        compactor.compact(split);   // 09:00-11:00 in blocks, 11:00-12:00 in rows
        List<OptionTicker> calls = all.stream().filter(q -> q.symbol().equals(CALL)).toList();

        // OptionQuotes.latest: in the block tier, on a quote, between quotes, in the row tier, outside the lookback
        for (Instant asOf : List.of(H9.plusSeconds(1800), calls.get(10).venueTime(), split.minusNanos(1000),
                split.plusSeconds(60), H9.plus(Duration.ofHours(5)))) {
            OptionTicker expected = calls.stream().filter(q -> !q.venueTime().isAfter(asOf))
                    .max(Comparator.comparing(OptionTicker::venueTime)).orElseThrow();
            assertThat(quotes.latest(VENUE, List.of(CALL, PUT), asOf)).as(asOf.toString()).containsEntry(CALL, expected);
        }
        assertThat(quotes.latest(VENUE, List.of(CALL), H9.plus(Duration.ofHours(5)), Duration.ofHours(1))).isEmpty();
        assertThat(quotes.latest(VENUE, List.of(CALL), H9.minusSeconds(1))).isEmpty();

        // OptionQuotes.range: the newest n, oldest first, across the tier boundary
        Instant from = split.minusSeconds(600);
        Instant to = split.plusSeconds(600);
        List<OptionTicker> window = calls.stream().filter(q -> !q.venueTime().isBefore(from)
                && q.venueTime().isBefore(to)).toList();
        assertThat(quotes.range(VENUE, CALL, from, to, 10_000)).isEqualTo(window);
        assertThat(quotes.range(VENUE, CALL, from, to, 7)).isEqualTo(window.subList(window.size() - 7, window.size()));
        assertThat(quotes.range(VENUE, CALL, H9, split, 10_000)).isEqualTo(calls.stream()
                .filter(q -> q.venueTime().isBefore(split)).toList());

        // EventQueries: per symbol (the oldest n), across instruments, with time bounds, newest per instrument
        assertThat(queries.range(EventType.OPTION_TICKER, new EventQueries.Filter(VENUE, CALL, from, to, 5)))
                .isEqualTo(window.subList(0, 5));
        List<OptionTicker> both = sorted(all).stream().filter(q -> !q.venueTime().isBefore(from)
                && q.venueTime().isBefore(to)).toList();
        assertThat(queries.range(EventType.OPTION_TICKER, new EventQueries.Filter(VENUE, null, from, to, 100_000)))
                .isEqualTo(both);
        assertThat(queries.range(EventType.OPTION_TICKER, new EventQueries.Filter(null, null, null, null, 50)))
                .isEqualTo(sorted(all).subList(0, 50));
        assertThat(queries.latest(EventType.OPTION_TICKER, new EventQueries.Filter(VENUE, null, null, null, 10)))
                .containsExactly(calls.getLast(), all.stream().filter(q -> q.symbol().equals(PUT)).toList().getLast());

        compactor.compact(H9.plus(Duration.ofDays(2)));   // all in blocks now
        assertThat(queries.latest(EventType.OPTION_TICKER, new EventQueries.Filter(VENUE, CALL, null, null, 10)))
                .containsExactly(calls.getLast());
        assertThat(quotes.latest(VENUE, List.of(CALL), H9.plus(Duration.ofHours(5)))).containsEntry(CALL,
                calls.getLast());
    }

    @Test
    void emptiedDayPartitionsAreDroppedAndRetentionCoversBothTiers() throws Exception {
        Instant dayBefore = H9.minus(Duration.ofDays(1));
        List<OptionTicker> old = List.of(quote(CALL, dayBefore, "0.01", "50.0"), quote(PUT, dayBefore, "0.01", "50.0"));
        List<OptionTicker> recent = walk(new Random(5), 60);
        write(old);
        write(recent);
        compactor.compact(dayBefore.plus(Duration.ofDays(1)));   // closes the day before: its partition goes
        assertThat(partitionNames()).doesNotContain("option_ticker_p20261119").contains("option_ticker_p20261120");

        // a late quote for that day comes back into a new partition and is compacted with the rest
        write(List.of(quote(CALL, dayBefore.plusSeconds(5), "0.02", "50.0")));
        assertThat(partitionNames()).contains("option_ticker_p20261119");
        compactor.compact(H9.plus(Duration.ofDays(2)));
        assertThat(rowTier()).isZero();
        assertThat(partitionNames()).doesNotContain("option_ticker_p20261119", "option_ticker_p20261120");

        // retention of 1 day at 2026-11-21 12:00 keeps the blocks of 2026-11-20, drops those of 2026-11-19
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        assertThat(compactor.dropExpired(now, Duration.ofDays(1))).isEqualTo(2);
        partitions.dropExpired(now, Map.of("option_ticker", Duration.ofDays(1)));
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(sorted(recent));
        assertThat(compactor.dropExpired(now, Duration.ZERO)).isZero();
    }

    @Test
    void aPartitionInUseByAReaderIsDroppedByALaterRunInstead() throws Exception {
        write(walk(new Random(8), 20));
        try (Connection reader = dataSource.getConnection(); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM option_ticker_p20261120").close();   // holds its lock until commit
            OptionQuoteCompactor.Result r = compactor.compact(H9.plus(Duration.ofDays(2)));
            assertThat(r.quotes()).isEqualTo(20);
            assertThat(r.droppedPartitions()).doesNotContain("option_ticker_p20261120");
            reader.commit();
        }
        assertThat(compactor.compact(H9.plus(Duration.ofDays(2))).droppedPartitions())
                .contains("option_ticker_p20261120");
        assertThat(queries.count(EventType.OPTION_TICKER)).isEqualTo(20);
    }

    @Test
    void aCompactionThatFailsHalfwayLosesAndDuplicatesNothingAndTheNextRunFinishes() throws Exception {
        List<OptionTicker> all = walk(new Random(6), 600);
        write(all);
        List<MarketEvent> before = queries.range(EventType.OPTION_TICKER, ALL);
        int callId = instrumentIds.resolve(java.util.Set.of(new InstrumentIds.Key(VENUE, CALL))).values().iterator().next();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION basis_test_crash() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$");
            s.execute("CREATE TRIGGER basis_test_crash BEFORE INSERT ON option_quote_block FOR EACH ROW"
                    + " WHEN (NEW.instrument_id = " + callId + " AND NEW.period_start >= '" + H9.plus(Duration.ofHours(1))
                    + "') EXECUTE FUNCTION basis_test_crash()");
        }
        try {
            assertThatThrownBy(() -> compactor.compact(H9.plus(Duration.ofDays(2)))).hasMessageContaining("simulated crash");
            assertThat(blockTier()).isPositive();   // the first hour was committed before the failure
            assertThat(rowTier() + blockTier()).isEqualTo(all.size());
            assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(before);
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER basis_test_crash ON option_quote_block");
                s.execute("DROP FUNCTION basis_test_crash()");
            }
        }
        compactor.compact(H9.plus(Duration.ofDays(2)));
        assertThat(rowTier()).isZero();
        assertThat(blockTier()).isEqualTo(all.size());
        assertThat(queries.range(EventType.OPTION_TICKER, ALL)).isEqualTo(before);
    }

    @Test
    void maintenanceCompactsTheHoursClosedForTheLag(@Autowired io.basis.config.BasisProperties props) throws Exception {
        List<OptionTicker> all = walk(new Random(7), 300);   // 09:00 .. 12:00
        write(all);
        Clock at1205 = Clock.fixed(H9.plus(Duration.ofMinutes(185)), java.time.ZoneOffset.UTC);
        new StoreMaintenance(partitions, compactor, props, at1205, true, Duration.ofMinutes(10)).compactOptionQuotes();
        // 11:00-12:00 closed only 5 minutes ago: still in rows
        assertThat(rowTier()).isEqualTo(all.stream().filter(q -> !q.venueTime().isBefore(H9.plus(Duration.ofHours(2))))
                .count());
        new StoreMaintenance(partitions, compactor, props, at1205, false, Duration.ZERO).compactOptionQuotes();
        assertThat(rowTier()).isPositive();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /**
     * A random walk of two options over 09:00 .. 12:00, with nulls, scales that vary and repeated values. No
     * negative scales: PostgreSQL's numeric has none, so the row tier returns 1E+3 as 1000 (as for every table).
     */
    private static List<OptionTicker> walk(Random rnd, int n) {
        List<OptionTicker> out = new ArrayList<>();
        long[] bid = {1050, 2000};
        for (int i = 0; i < n; i++) {
            Instant t = H9.plusNanos((long) i * (3 * 3600_000_000_000L / n)).plusNanos(1000L * rnd.nextInt(1000));
            int k = i % 2;
            bid[k] += rnd.nextInt(7) - 3;
            BigDecimal b = BigDecimal.valueOf(bid[k], 5);
            out.add(new OptionTicker(VENUE, k == 0 ? CALL : PUT, t, t.plusMillis(rnd.nextInt(9)),
                    rnd.nextInt(10) == 0 ? null : b, new BigDecimal(rnd.nextInt(50) + ".5"), b.add(BigDecimal.ONE),
                    rnd.nextBoolean() ? new BigDecimal("8.0") : new BigDecimal("8.00"), b.add(new BigDecimal("0.0003")),
                    new BigDecimal("55.2" + rnd.nextInt(10)), null, new BigDecimal("56.15"),
                    BigDecimal.valueOf(rnd.nextLong(), 12), new BigDecimal("0.00001234"), new BigDecimal("45.12"),
                    new BigDecimal("-30.5"), new BigDecimal("1000.0"), new BigDecimal("1520.3"),
                    new BigDecimal("67118.1" + rnd.nextInt(10)), rnd.nextInt(20) == 0 ? null : "SYN.BTC-27DEC26"));
        }
        return out;
    }

    private static OptionTicker quote(String symbol, Instant t, String bid, String iv) {
        return new OptionTicker(VENUE, symbol, t, t.plusMillis(2), new BigDecimal(bid), new BigDecimal("12.5"), null,
                null, new BigDecimal("0.0107"), new BigDecimal(iv), null, new BigDecimal("56.15"), null, null, null,
                null, null, new BigDecimal("1520.3"), new BigDecimal("67118.12"), "BTC-27DEC26");
    }

    private static List<OptionTicker> sorted(List<OptionTicker> quotes) {
        return quotes.stream().sorted(Comparator.comparing(OptionTicker::venueTime)
                .thenComparing(q -> q.symbol().equals(CALL) ? 0 : 1)).toList();
    }

    /** Straight through the batch writer: no change-only filter. */
    private void write(List<? extends MarketEvent> events) throws Exception {
        batchWriter.write(events);
        batchWriter.flushWatermarks();
    }


    private EventWriter newWriter() throws Exception {
        EventCodec codec = new EventCodec();
        EventWriter w = new EventWriter(dataSource, batchWriter,
                new Spool(Files.createTempDirectory("basis-spool"), 1000, codec), codec,
                new EventWriter.Settings(1000, 100, Duration.ofMillis(20), Duration.ofSeconds(1), 1000),
                new WriterStatistics(new SimpleMeterRegistry()), Clock.systemUTC());
        w.start();
        return w;
    }

    private long rowTier() throws Exception {
        return scalar("SELECT count(*) FROM option_ticker");
    }

    private long blockTier() throws Exception {
        return scalar("SELECT coalesce(sum(quotes), 0) FROM option_quote_block");
    }

    private List<String> blockContents() throws Exception {
        return strings("SELECT instrument_id || ' ' || period_start || ' ' || first_ts || ' ' || last_ts || ' ' || quotes"
                + " || ' ' || md5(data) FROM option_quote_block ORDER BY instrument_id, period_start");
    }

    private Map<String, Integer> blockSizes() throws Exception {
        Map<String, Integer> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT i.venue_symbol, b.period_start, b.quotes FROM option_quote_block b"
                     + " JOIN instrument i ON i.id = b.instrument_id")) {
            while (rs.next()) {
                out.put(rs.getString(1) + "@" + rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getInt(3));
            }
        }
        return out;
    }

    private List<String> partitionNames() throws Exception {
        return strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'option_ticker'::regclass ORDER BY 1");
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
