package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.ingest.history.Backfiller;
import io.basis.model.EventType;
import io.basis.store.BackfillJobs;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic backfill of Deribit ledger gaps through the running connector's history (simulator + embedded
 * PostgreSQL): candles, trades and DVOL stored once, gaps filled; no second start-up funding backfill.
 */
class DeribitBackfillIT extends DeribitItSupport {
    private static final String PERP = "BTC-PERPETUAL";
    private static final long MINUTE = 60_000;

    @Autowired GapLedger ledger;
    @Autowired BackfillJobs jobs;
    @Autowired Backfiller backfiller;
    private AutoCloseable attached;

    @AfterEach
    void detach() throws Exception {
        if (attached != null) {
            attached.close();
        }
        backfiller.awaitIdle(WAIT);
    }

    @Test
    void candleTradeAndDvolGapsAreFilledThroughTheConnectorsHistory() throws Exception {
        market.list(PERP);
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        Instant to = from.plus(Duration.ofHours(3));
        for (long m = 0; m < 180; m++) {
            long t = from.toEpochMilli() + m * MINUTE;
            market.history().candle(PERP, t, "100", "101", "99", "100.5", "1", "100");
            market.history().volatilityRow("BTC", t, "50", "51", "49", "50." + m % 10);
        }
        for (int i = 0; i < 12; i++) {
            market.trade(PERP).at(from.toEpochMilli() + i * 15 * MINUTE).id("bf" + i).record();
        }
        start(config(List.of("BTC"), channels(Channel.INSTRUMENTS, Map.of(), Channel.TRADES, Map.of())), tuning());
        attached = backfiller.connectorStarted(connector);
        assertThat(jobs.recent(10)).as("Deribit's funding poll backfills 48 h itself: no start-up job").isEmpty();
        for (String type : List.of("candle", "trade")) {
            ledger.record(VENUE, PERP, type, from, to, GapCauses.DISCONNECT);
        }
        ledger.record(VENUE, "btc_usd", "volatility-index", from, to, GapCauses.PROCESS_DOWN);
        ledger.flush();

        Backfiller.GapCheck check = backfiller.pass();
        assertThat(backfiller.awaitIdle(WAIT)).isTrue();

        assertThat(check.started()).hasSize(3);
        List<GapLedger.Gap> gaps = ledger.list(new GapLedger.Filter(VENUE, null, null, Set.of(), null, null, 10));
        assertThat(gaps).hasSize(3).allSatisfy(g -> assertThat(g.state()).as(g.toString())
                .isEqualTo(GapState.FILLED));
        assertThat(gaps).extracting(GapLedger.Gap::eventType, GapLedger.Gap::rowsRecovered)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("candle", 180L),
                        org.assertj.core.groups.Tuple.tuple("trade", 12L),
                        org.assertj.core.groups.Tuple.tuple("volatility-index", 180L));
        assertThat(rows(EventType.CANDLE, PERP)).hasSize(180);
        assertThat(rows(EventType.TRADE, PERP)).hasSize(12);
        assertThat(rows(EventType.VOLATILITY_INDEX, "btc_usd")).hasSize(180);
        assertThat(check.started()).allSatisfy(j -> assertThat(jobs.get(j.id()).orElseThrow().state())
                .isEqualTo(BackfillJobs.COMPLETED));
    }
}
