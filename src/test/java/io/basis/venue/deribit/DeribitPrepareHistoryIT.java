package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.ingest.history.Backfiller;
import io.basis.model.EventType;
import io.basis.store.BackfillJobs;
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
 * {@link DeribitConnector#prepareHistory()}, what {@code basis backfill} uses: the tracked set is resolved and
 * history is fetched through the connector's REST client, but no WebSocket is opened and no poll runs (the venue
 * file's funding and candle channels would poll at once on {@code start()}).
 */
class DeribitPrepareHistoryIT extends DeribitItSupport {
    private static final String PERP = "BTC-PERPETUAL";
    private static final long MINUTE = 60_000;

    @Autowired Backfiller backfiller;
    @Autowired BackfillJobs jobs;

    @Test
    void historyIsServedWithoutOpeningTheSocketOrStartingPolls() throws Exception {
        market.list(PERP);
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Instant to = from.plus(Duration.ofHours(1));
        for (long m = 0; m < 60; m++) {
            market.history().candle(PERP, from.toEpochMilli() + m * MINUTE, "100", "101", "99", "100.5", "1", "100");
        }
        connector = new DeribitConnector(config(List.of("BTC"), channels(Channel.INSTRUMENTS, Map.of(),
                Channel.TRADES, Map.of(), Channel.FUNDING, Map.of(), Channel.CANDLES, Map.of())), connectorDeps(),
                tuning());

        connector.prepareHistory();
        assertThat(connector.symbols()).contains(PERP);
        try (AutoCloseable attached = backfiller.attach(connector)) {
            BackfillJobs.Job job = backfiller.start(new Backfiller.Request(VENUE, from, to, Set.of(EventType.CANDLE),
                    List.of(PERP), BackfillJobs.CLI)).getFirst();
            assertThat(backfiller.awaitIdle(WAIT)).isTrue();
            assertThat(jobs.get(job.id()).orElseThrow().state()).isEqualTo(BackfillJobs.COMPLETED);
        }

        assertThat(rows(EventType.CANDLE, PERP)).hasSize(60);
        assertThat(deribit.ws().connections()).as("no live stream").isEmpty();
        assertThat(connector.connections()).isEmpty();
        assertThat(deribit.rest().requests("/api/v2/public/get_funding_rate_history")).as("no funding poll")
                .isEmpty();
        assertThat(deribit.rest().requests("/api/v2/public/get_tradingview_chart_data")).as("the backfill only")
                .hasSize(1);
    }
}
