package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.VenueConfig;
import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.VenueRestClient;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;
import io.basis.venue.deribit.DeribitConnector.Tuning;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DeribitHistory} against the simulated Deribit, through the real rate-limited REST calls and the real
 * {@link io.basis.store.EventWriter} into the embedded PostgreSQL: paging, chunking, continuation, idempotent
 * re-fetches, {@code 10028} back-off, refusals.
 */
class DeribitHistoryIT extends DeribitItSupport {
    private static final String PERP = "BTC-PERPETUAL";
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private final List<DeribitHistory.Progress> progress = new ArrayList<>();
    private final Set<String> handedOn = new HashSet<>();
    private int duplicatesHandedOn;

    @Test
    void aLostSocketOrPollIsExpandedIntoTheTypesItStoresOnly() {
        DeribitHistorySource source = new DeribitHistorySource(history(DeribitHistory.Limits.defaults()),
                DeribitSettings.of(config(List.of("BTC"), channels(Channel.TRADES, Map.of(), Channel.FUNDING,
                        Map.of(), Channel.VOLATILITY_INDEX, Map.of(), Channel.CANDLES, Map.of(),
                        Channel.OPEN_INTEREST, Map.of()))), new RateBudget(50_000, Duration.ofSeconds(5)));
        assertThat(source.carriedBy(DeribitStream.NAME)).as("candles come from their poll only")
                .containsExactlyInAnyOrder(EventType.TRADE, EventType.FUNDING_RATE, EventType.VOLATILITY_INDEX,
                        EventType.OPEN_INTEREST);
        assertThat(source.carriedBy("rest:deribit-candles")).containsExactly(EventType.CANDLE);
        assertThat(source.carriedBy("rest:deribit-funding")).containsExactly(EventType.FUNDING_RATE);
        assertThat(source.carriedBy("rest:deribit-dvol")).containsExactly(EventType.VOLATILITY_INDEX);
        assertThat(source.carriedBy("rest:deribit-book-summary")).containsExactly(EventType.OPEN_INTEREST);
        assertThat(source.carriedBy("rest:deribit-tracking")).as("the instrument refresh").isEmpty();

        DeribitHistorySource tradesOnly = new DeribitHistorySource(history(DeribitHistory.Limits.defaults()),
                DeribitSettings.of(config(List.of("BTC"), channels(Channel.TRADES, Map.of()))),
                new RateBudget(50_000, Duration.ofSeconds(5)));
        assertThat(tradesOnly.carriedBy(DeribitStream.NAME)).as("funding was never collected, so never lost")
                .containsExactly(EventType.TRADE);
        assertThat(tradesOnly.carriedBy("an-old-socket")).containsExactly(EventType.TRADE);
    }

    @Test
    void tradesOverThreePagesWithSameMillisecondTradesAtTheBoundariesAreStoredOnce() throws Exception {
        market.list(PERP);
        // 2,500 trades one ms apart, except two groups sharing a millisecond across the page boundaries:
        // page 1 ends inside h995..h1004, page 2 inside h1990..h1999
        for (int i = 0; i < 2500; i++) {
            long ms = i >= 995 && i <= 1004 ? 995 : i >= 1990 && i <= 1999 ? 1990 : i;
            market.trade(PERP).at(T0.toEpochMilli() + ms).id("h" + i).record();
        }
        DeribitHistory history = history(DeribitHistory.Limits.defaults());
        Instant to = T0.plus(Duration.ofHours(1));

        DeribitHistory.Result r = history.trades(PERP, T0, to, this::store);

        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.events()).isEqualTo(2500);
        assertThat(r.noData()).isFalse();
        assertThat(r.incompleteMillis()).isZero();
        assertThat(r.first()).isEqualTo(T0);
        assertThat(r.last()).isEqualTo(T0.plusMillis(2499));
        assertThat(duplicatesHandedOn).as("trades handed on twice").isZero();
        assertThat(progress).extracting(DeribitHistory.Progress::requests).containsExactly(1, 2, 3);
        assertThat(progress.getLast().estimatedRequests()).isEqualTo(3);
        assertThat(count("select count(*) from trade")).isEqualTo(2500);
        assertThat(count("select count(distinct trade_id) from trade")).isEqualTo(2500);
        assertThat(deribit.rest().requests("/api/v2/" + DeribitRequests.LAST_TRADES))
                .extracting(q -> q.param("start_timestamp"))
                .containsExactly(ms(T0), ms(T0.plusMillis(995)), ms(T0.plusMillis(1990)));

        long stored = storedRows("trade");
        DeribitHistory.Result again = history.trades(PERP, T0, to, this::store);
        assertThat(again.events()).isEqualTo(2500);
        assertThat(count("select count(*) from trade")).isEqualTo(2500);
        assertThat(storedRows("trade")).as("rows inserted by the second fetch").isEqualTo(stored);
    }

    @Test
    void moreTradesInOneMillisecondThanAPageAreReadFromBothEndsAndTheRunMovesOn() throws Exception {
        market.list(PERP);
        for (int i = 0; i < 25; i++) {
            market.trade(PERP).at(T0.toEpochMilli() + 5).id("same" + i).record();
        }
        market.trade(PERP).at(T0.toEpochMilli() + 6).id("after").record();
        DeribitHistory history = history(new DeribitHistory.Limits(10, 5000, 720));

        DeribitHistory.Result r = history.trades(PERP, T0, T0.plusSeconds(1), this::store);

        // ascending: same0..same9 (stalled in one ms); newest first: same24..same15; then "after"
        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.events()).isEqualTo(21);
        assertThat(r.incompleteMillis()).as("same10..same14 were never served").isEqualTo(1);
        assertThat(duplicatesHandedOn).isZero();
        assertThat(count("select count(*) from trade")).isEqualTo(21);
        assertThat(count("select count(*) from trade where trade_id in ('same0', 'same9', 'same15', 'same24',"
                + " 'after')")).isEqualTo(5);
    }

    @Test
    void threeDaysOfMinuteBarsAreFetchedInChunks() throws Exception {
        market.list(PERP);
        int bars = 3 * 24 * 60;
        for (int i = 0; i < bars; i++) {
            market.history().candle(PERP, T0.plusSeconds(60L * i).toEpochMilli(), "100000", "100010", "99990",
                    "100005", "1.5", "150000");
        }
        market.history().candle(PERP, T0.plus(Duration.ofDays(3)).toEpochMilli(), "1", "1", "1", "1", "1", "1");
        DeribitHistory history = history(new DeribitHistory.Limits(1000, 1440, 720));

        DeribitHistory.Result r = history.candles(PERP, T0, T0.plus(Duration.ofDays(3)), "1", this::store);

        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.events()).isEqualTo(bars);
        assertThat(progress).extracting(DeribitHistory.Progress::estimatedRequests).containsOnly(3);
        DeribitHistorySource source = new DeribitHistorySource(history, DeribitSettings.of(config(List.of("BTC"),
                channels(Channel.CANDLES, Map.of("interval", "1m")))), new RateBudget(50_000, Duration.ofSeconds(5)));
        assertThat(source.estimateRequests(EventType.CANDLE, PERP, T0, T0.plus(Duration.ofDays(3))))
                .as("the backfill job's requests_total").isEqualTo(r.requests());
        assertThat(source.estimateRequests(EventType.FUNDING_RATE, PERP, T0, T0.plus(Duration.ofDays(60))))
                .as("720 hours a request").isEqualTo(2);
        assertThat(source.coverage(EventType.TRADE).orElseThrow().window())
                .as("public trades are kept a day; an older range answers empty, so it must end unfillable")
                .isLessThan(Duration.ofHours(24));
        assertThat(count("select count(*) from candle")).isEqualTo(bars);
        assertThat(count("select count(*) from candle where closed")).isEqualTo(bars);
        assertThat(count("select count(*) from candle where ts >= ?", Timestamp.from(
                T0.plus(Duration.ofDays(3))))).as("the bar at the range's end").isZero();

        long stored = storedRows("candle");
        history.candles(PERP, T0, T0.plus(Duration.ofDays(3)), "1", this::store);
        assertThat(count("select count(*) from candle")).isEqualTo(bars);
        assertThat(storedRows("candle")).isEqualTo(stored);
    }

    @Test
    void volatilityIndexFollowsTheContinuation() throws Exception {
        int rows = 2500;
        for (int i = 0; i < rows; i++) {
            market.history().volatilityRow("BTC", T0.plusSeconds(60L * i).toEpochMilli(), "50", "51", "49",
                    "50." + i);
        }
        DeribitHistory history = history(DeribitHistory.Limits.defaults());
        Instant to = T0.plusSeconds(60L * rows);

        DeribitHistory.Result r = history.volatilityIndex("BTC", T0, to, "60", this::store);

        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.events()).isEqualTo(rows);
        assertThat(r.first()).isEqualTo(T0);
        assertThat(r.last()).isEqualTo(to.minusSeconds(60));
        assertThat(progress.getLast().reached()).isEqualTo(T0);
        assertThat(count("select count(*) from volatility_index")).isEqualTo(rows);
        VolatilityIndex oldest = rows(VolatilityIndex.class, EventType.VOLATILITY_INDEX, "btc_usd")
                .stream().filter(v -> v.venueTime().equals(T0)).findFirst().orElseThrow();
        assertThat(oldest.value()).isEqualByComparingTo("50.0");

        long stored = storedRows("volatility-index");
        history.volatilityIndex("BTC", T0, to, "60", this::store);
        assertThat(count("select count(*) from volatility_index")).isEqualTo(rows);
        assertThat(storedRows("volatility-index")).isEqualTo(stored);
    }

    @Test
    void fundingHistoryIsChunkedAndA10028MidRangeIsWaitedOut() throws Exception {
        market.list(PERP);
        int hours = 45 * 24;
        for (int i = 0; i < hours; i++) {
            market.history().fundingRow(PERP, T0.plus(Duration.ofHours(i)).toEpochMilli(), "0.0001", "0.00001",
                    "100000", "99990");
        }
        DeribitHistory history = history(DeribitHistory.Limits.defaults());
        AtomicInteger pages = new AtomicInteger();

        DeribitHistory.Result r = history.funding(PERP, T0, T0.plus(Duration.ofHours(hours)), (events, p) -> {
            if (pages.incrementAndGet() == 1) {
                market.tooManyRequests(DeribitRequests.FUNDING_RATE_HISTORY, 2);
            }
            return store(events, p);
        });

        assertThat(r.requests()).isEqualTo(2);
        assertThat(r.events()).isEqualTo(hours);
        assertThat(deribit.rest().requests("/api/v2/" + DeribitRequests.FUNDING_RATE_HISTORY))
                .as("two chunks, the second refused twice with 10028 first").hasSize(4);
        assertThat(count("select count(*) from funding_rate")).isEqualTo(hours);

        history.funding(PERP, T0, T0.plus(Duration.ofHours(hours)), this::store);
        assertThat(count("select count(*) from funding_rate")).isEqualTo(hours);
    }

    @Test
    void noDataIsAnEmptyResultAndARefusalNamesTheInstrumentAndRange() throws Exception {
        market.list(PERP);
        DeribitHistory history = history(DeribitHistory.Limits.defaults());
        Instant to = T0.plus(Duration.ofHours(2));

        DeribitHistory.Result none = history.candles(PERP, T0, to, "1", this::store);
        assertThat(none.noData()).isTrue();
        assertThat(none.requests()).isEqualTo(1);
        assertThat(none.first()).isNull();
        assertThat(history.trades(PERP, T0, to, this::store).noData()).isTrue();

        assertThatThrownBy(() -> history.trades("BTC-1JAN20", T0, to, this::store))
                .isInstanceOf(DeribitHistory.RefusedException.class)
                .hasMessageContaining("BTC-1JAN20").hasMessageContaining(T0.toString())
                .hasMessageContaining(to.toString())
                .satisfies(e -> assertThat(((DeribitApiException) e).code()).isEqualTo(10020));
    }

    private long store(List<MarketEvent> events, DeribitHistory.Progress p) throws InterruptedException {
        progress.add(p);
        for (MarketEvent e : events) {
            if (e instanceof Trade t && !handedOn.add(t.tradeId())) {
                duplicatesHandedOn++;
            }
            writer.publish(e);
        }
        return events.size();
    }

    private DeribitHistory history(DeribitHistory.Limits limits) {
        VenueConfig config = config(List.of("BTC"), channels(Channel.TRADES, Map.of()));
        Tuning tuning = tuning();
        registry = new ConnectionRegistry(time, new SimpleMeterRegistry(), statistics);
        VenueRestClient rest = new VenueRestClient(DeribitConnector.restSettings(config, tuning), http, time,
                registry);
        return new DeribitHistory(new DeribitRestCalls(rest, time, tuning.rateLimitBackoff()), new DeribitParser(),
                limits, () -> false);
    }

    private long storedRows(String type) {
        return count("select coalesce(sum(rows), 0) from stored_rows where event_type = ?", type);
    }

    private static String ms(Instant t) {
        return Long.toString(t.toEpochMilli());
    }
}
