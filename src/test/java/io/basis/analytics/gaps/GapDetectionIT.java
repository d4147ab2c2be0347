package io.basis.analytics.gaps;

import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.config.VenuesConfig;
import io.basis.store.BackfillJobs;
import io.basis.store.BatchWriter;
import io.basis.store.EventCodec;
import io.basis.store.EventWriter;
import io.basis.store.GapDetectionQueries;
import io.basis.store.Spool;
import io.basis.store.WriterStatistics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import io.basis.store.InstrumentIds;
import io.basis.support.ServiceTestSupport;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Start-up downtime detection and the periodic scans on fixture data in the real database. */
class GapDetectionIT extends ServiceTestSupport {
    private static final String V = "scan-venue";
    private static final Instant T = Instant.parse("2026-11-20T00:00:00Z");
    private static final BigDecimal ONE = BigDecimal.ONE;

    @Autowired EventWriter writer;
    @Autowired GapScanner scanner;
    @Autowired DowntimeCheck downtime;
    @Autowired GapLedger ledger;
    @Autowired DataSource dataSource;
    @Autowired InstrumentIds instrumentIds;
    @Autowired BatchWriter batchWriter;
    @Autowired GapDetectionQueries queries;
    @Autowired BackfillJobs jobs;
    @Autowired VenuesConfig venues;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
    }

    private static Instant min(long m) {
        return T.plus(Duration.ofMinutes(m));
    }

    private static Candle candle(String symbol, long minute) {
        return new Candle(V, symbol, min(minute), min(minute + 1), Duration.ofMinutes(1), ONE, ONE, ONE, ONE, ONE,
                null, null, true);
    }

    private void store(List<MarketEvent> events) throws Exception {
        writer.publishAll(events);
        assertThat(writer.awaitStored(Duration.ofSeconds(20))).isTrue();
    }

    /** 2 h of 1-minute candles with holes at 10, 20-22 and 50-54; 5-minute OI polls missing 60 and 65; funding
     * every 8 h missing the settlement at T-8h. */
    private void fixture() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        Set<Long> holes = Set.of(10L, 20L, 21L, 22L, 50L, 51L, 52L, 53L, 54L);
        for (long m = 0; m < 120; m++) {
            if (!holes.contains(m)) {
                events.add(candle("BTCUSDT", m));
            }
            events.add(candle("ETHUSDT", m));
        }
        for (long m = 0; m < 120; m += 5) {
            if (m != 60 && m != 65) {
                events.add(new OpenInterest(V, "BTCUSDT", min(m), min(m).plusSeconds(1), ONE, null, null));
            }
        }
        for (long h : List.of(-24L, -16L, 0L)) {
            Instant settle = T.plus(Duration.ofHours(h));
            events.add(new FundingRate(V, "BTCUSDT", settle, settle.plusSeconds(1), settle, new BigDecimal("0.0001"),
                    null, Duration.ofHours(8)));
        }
        // a stream that had stopped long before the shutdown (an expired instrument)
        events.add(new Trade(V, "OLD-EXPIRED", min(-600), min(-600), "1", ONE, ONE, ONE, ONE, Side.BUY, false));
        store(events);
    }

    @Test
    void scansFindEachHoleOnceAndMergeWithTheLedger() throws Exception {
        fixture();
        ledger.record(V, "BTCUSDT", "candle", min(50), min(52), GapCauses.DISCONNECT);   // already known
        Instant now = min(130);

        int changed = scanner.scan(List.of(V), now);

        List<GapLedger.Gap> candles = ledger.list(new GapLedger.Filter(V, "BTCUSDT", "candle", Set.of(), null, null,
                100)).reversed();
        assertThat(candles).extracting(GapLedger.Gap::from, GapLedger.Gap::to, GapLedger.Gap::cause).containsExactly(
                tuple(min(10), min(11), GapCauses.SCAN),
                tuple(min(20), min(23), GapCauses.SCAN),
                tuple(min(50), min(52), GapCauses.DISCONNECT),
                tuple(min(52), min(55), GapCauses.SCAN));
        assertThat(ledger.list(new GapLedger.Filter(V, "ETHUSDT", null, Set.of(), null, null, 100))).isEmpty();
        assertThat(ledger.list(new GapLedger.Filter(V, "BTCUSDT", "funding-rate", Set.of(), null, null, 100)))
                .extracting(GapLedger.Gap::from, GapLedger.Gap::to)
                .containsExactly(tuple(T.minus(Duration.ofHours(8)), T));
        assertThat(ledger.list(new GapLedger.Filter(V, "BTCUSDT", "open-interest", Set.of(), null, null, 100)))
                .extracting(GapLedger.Gap::from, GapLedger.Gap::to, GapLedger.Gap::state)
                .containsExactly(tuple(min(60), min(70), GapState.OPEN));
        assertThat(changed).isEqualTo(5);

        assertThat(scanner.scan(List.of(V), now)).isZero();   // a rescan records nothing again
        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100))).hasSize(6);
    }

    @Test
    void startUpRecordsTheDowntimeOfLiveStreamsOncePerStart() throws Exception {
        fixture();
        Instant start = min(119 + 180);   // 3 h after the newest candle

        int found = downtime.detect(List.of(V), start);

        List<GapLedger.Gap> gaps = ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100));
        assertThat(gaps).extracting(GapLedger.Gap::symbol, GapLedger.Gap::eventType, GapLedger.Gap::from,
                GapLedger.Gap::to, GapLedger.Gap::cause).containsExactlyInAnyOrder(
                tuple("BTCUSDT", "candle", min(119), start, GapCauses.PROCESS_DOWN),
                tuple("ETHUSDT", "candle", min(119), start, GapCauses.PROCESS_DOWN),
                tuple("BTCUSDT", "open-interest", min(115), start, GapCauses.PROCESS_DOWN));
        // funding settled at T is 5 h old, under its 8 h interval; the expired instrument's trades stopped long before
        assertThat(found).isEqualTo(3);

        assertThat(downtime.detect(List.of(V), start)).isEqualTo(3);
        Instant later = start.plus(Duration.ofHours(1));   // restarted again without new data
        downtime.detect(List.of(V), later);
        List<GapLedger.Gap> again = ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100));
        assertThat(again).hasSize(3).allSatisfy(g -> assertThat(g.to()).isEqualTo(later));

        assertThat(downtime.detect(List.of(V), min(120))).isZero();   // a quick restart is no gap
    }

    @Test
    void hourlyFundingWithAnEightHourRateIsScannedByItsSpacing() throws Exception {
        // Deribit: one row per hour, interval the 8 h normalisation of the rate; hours T-20h .. T-10h missing
        List<MarketEvent> events = new ArrayList<>();
        for (long h = -30; h < 0; h++) {
            Instant t = T.plus(Duration.ofHours(h));
            if (h < -20 || h > -10) {
                events.add(new FundingRate(V, "BTC-PERPETUAL", t, t, t, new BigDecimal("0.0001"), null,
                        Duration.ofHours(8)));
            }
        }
        store(events);

        scanner.scan(List.of(V), T);

        assertThat(ledger.list(new GapLedger.Filter(V, "BTC-PERPETUAL", "funding-rate", Set.of(), null, null, 10)))
                .extracting(GapLedger.Gap::from, GapLedger.Gap::to)
                .containsExactly(tuple(T.minus(Duration.ofHours(20)), T.minus(Duration.ofHours(9))));
    }

    @Test
    void startUpMeasuresDowntimeOnlyOnceThePreviousRunsSpoolIsStored() throws Exception {
        fixture();
        // the previous run spooled 30 more minutes of BTCUSDT candles during an outage just before it stopped
        Path dir = Files.createTempDirectory("basis-previous-spool");
        EventCodec codec = new EventCodec();
        try (Spool previous = new Spool(dir, 1000, codec)) {
            List<MarketEvent> spooled = new ArrayList<>();
            for (long m = 120; m < 150; m++) {
                spooled.add(candle("BTCUSDT", m));
            }
            previous.append(spooled);
        }
        Instant start = min(149 + 180);
        EventWriter restarted = new EventWriter(dataSource, batchWriter, new Spool(dir, 1000, codec), codec,
                new EventWriter.Settings(1000, 100, Duration.ofMillis(300), Duration.ofSeconds(1), 1000),
                new WriterStatistics(new SimpleMeterRegistry()), Clock.systemUTC());
        DowntimeCheck check = new DowntimeCheck(venues, queries, ledger, jobs, restarted,
                Clock.fixed(start, ZoneOffset.UTC), true, Duration.ofSeconds(30));
        try {
            restarted.start();

            check.detectAfterSpool(List.of(V));
        } finally {
            restarted.close();
        }

        assertThat(ledger.list(new GapLedger.Filter(V, null, "candle", Set.of(), null, null, 10)))
                .extracting(GapLedger.Gap::symbol, GapLedger.Gap::from, GapLedger.Gap::to).containsExactlyInAnyOrder(
                        tuple("BTCUSDT", min(149), start),
                        tuple("ETHUSDT", min(119), start));
    }

    @Test
    void afterARestartTheScanAddsNothingBetweenTheDowntimeRowAndTheFirstNewRows() throws Exception {
        fixture();
        Instant start = min(150).plusSeconds(50);
        downtime.detect(List.of(V), start);
        List<MarketEvent> after = new ArrayList<>();
        for (long m = 151; m < 160; m++) {   // the candle open at the start was never seen whole
            after.add(candle("BTCUSDT", m));
            after.add(candle("ETHUSDT", m));
        }
        for (long s = 270; s < 900; s += 300) {   // first poll 4.5 min after the start, under one poll interval
            after.add(new OpenInterest(V, "BTCUSDT", start.plusSeconds(s), start.plusSeconds(s), ONE, null, null));
        }
        store(after);
        List<GapLedger.Gap> before = ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100));

        scanner.scan(List.of(V), min(170));

        List<GapLedger.Gap> found = ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100));
        assertThat(found).filteredOn(g -> g.cause().equals(GapCauses.SCAN))
                .extracting(GapLedger.Gap::eventType, GapLedger.Gap::from, GapLedger.Gap::to)
                .containsExactlyInAnyOrder(tuple("candle", min(10), min(11)), tuple("candle", min(20), min(23)),
                        tuple("candle", min(50), min(55)), tuple("open-interest", min(60), min(70)),
                        tuple("funding-rate", T.minus(Duration.ofHours(8)), T));
        assertThat(found).hasSize(before.size() + 5);
    }

    @Test
    void oldRowsStoredRecentlyByABackfillDoNotMakeTheLiveStreamsLookStopped() throws Exception {
        fixture();
        Instant start = min(119 + 180);
        // basis backfill ran while the service was stopped: rows of two days ago, received 10 minutes ago
        store(List.of(new Candle(V, "BACKFILLED", min(-3000), start.minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(1), ONE, ONE, ONE, ONE, ONE, null, null, true)));

        assertThat(downtime.detect(List.of(V), start)).isEqualTo(3);

        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100)))
                .extracting(GapLedger.Gap::symbol, GapLedger.Gap::eventType, GapLedger.Gap::from)
                .containsExactlyInAnyOrder(tuple("BTCUSDT", "candle", min(119)), tuple("ETHUSDT", "candle", min(119)),
                        tuple("BTCUSDT", "open-interest", min(115)));
    }

    @Test
    void aBackfillUpToTheStartDoesNotMakeTheStreamsItDidNotFetchLookStopped() throws Exception {
        fixture();
        Instant start = min(119 + 180);
        // while the service was stopped, basis backfill fetched BTCUSDT candles up to the start, and nothing else
        long job = jobs.create(V, min(119), start, List.of("candle"), List.of("BTCUSDT"), BackfillJobs.CLI).job().id();
        List<MarketEvent> fetched = new ArrayList<>();
        for (long m = 120; m < 119 + 180; m++) {
            fetched.add(candle("BTCUSDT", m));
        }
        store(fetched);
        jobs.start(job);
        jobs.complete(job);

        assertThat(downtime.detect(List.of(V), start)).isEqualTo(2);

        assertThat(ledger.list(new GapLedger.Filter(V, null, null, Set.of(), null, null, 100)))
                .extracting(GapLedger.Gap::symbol, GapLedger.Gap::eventType, GapLedger.Gap::from)
                .containsExactlyInAnyOrder(tuple("ETHUSDT", "candle", min(119)),
                        tuple("BTCUSDT", "open-interest", min(115)));
    }

    @Test
    void openInterestHistoryStoredBeforeTheLivePollsBeganIsNoHole() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        for (long m = -600; m < 0; m += 5) {   // 10 h of 5-minute history, fetched at the end
            events.add(new OpenInterest(V, "NEWCOIN", min(m), min(725), ONE, null, null));
        }
        for (long m = 0; m < 720; m++) {   // 12 h of 1-minute live polls, 300..309 missing
            if (m < 300 || m >= 310) {
                events.add(new OpenInterest(V, "NEWCOIN", min(m), min(m).plusSeconds(1), ONE, null, null));
            }
        }
        store(events);

        scanner.scan(List.of(V), min(720));

        assertThat(ledger.list(new GapLedger.Filter(V, "NEWCOIN", null, Set.of(), null, null, 200)))
                .extracting(GapLedger.Gap::eventType, GapLedger.Gap::from, GapLedger.Gap::to)
                .containsExactly(tuple("open-interest", min(300), min(310)));
    }
}
