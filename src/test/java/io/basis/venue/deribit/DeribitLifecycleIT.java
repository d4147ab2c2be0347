package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.model.BookSnapshot;
import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.Instrument;
import io.basis.model.OptionTicker;
import io.basis.simulator.RecordedRequest;
import io.basis.simulator.SimConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deribit connector over time: listings that expire and appear, the funding backfill meeting live funding, and
 * the periodic REST snapshots (order book, option greeks), with the intervals shortened.
 */
class DeribitLifecycleIT extends DeribitItSupport {
    private static final String PERP = "BTC-PERPETUAL";
    private static final Duration FAST = Duration.ofMillis(300);
    /** Settled hourly rows scripted: the 48 h backfill window always holds all of them, whenever the test runs. */
    private static final int SETTLED = 47;

    @Test
    void anExpiredInstrumentIsDroppedAndNewListingsArePickedUpWithoutRestart() throws Exception {
        String expiring = "BTC-27NOV26-100000-C";
        String kept = "BTC-27DEC26-120000-C";
        String low = "BTC-27DEC26-100000-C";
        String fresh = "BTC-25DEC26-105000-C";
        String future = "BTC-26MAR27";
        market.list(PERP);
        market.list(expiring).openInterest("500");
        market.list(kept).openInterest("400");
        market.list(low).openInterest("10");
        start(config(List.of("BTC"), channels(Channel.INSTRUMENTS, Map.of(),
                Channel.OPTION_TICKER, Map.of("top", "2", "snapshot-interval", "0ms"), Channel.TRADES, Map.of())),
                tuning(FAST, FAST, LONG, LONG, LONG));
        SimConnection ws = subscribed("ticker." + expiring + ".100ms");
        market.trade(expiring).buy("0.05", "1").id("before-expiry").publish();
        eventually(() -> rows(EventType.TRADE, expiring).size() == 1, "a trade before expiry");
        assertThat(ws.isSubscribed("ticker." + low + ".100ms")).as("outside the top 2").isFalse();

        market.expire(expiring);
        market.list(fresh).openInterest("450");
        market.list(future);
        eventually(() -> !ws.isSubscribed("ticker." + expiring + ".100ms")
                && !ws.isSubscribed("trades." + expiring + ".100ms"), "the expired option unsubscribed");
        eventually(() -> messages("public/unsubscribe", "ticker." + expiring + ".100ms") == 1, "one unsubscribe");
        subscribed("ticker." + fresh + ".100ms");
        subscribed("trades." + future + ".100ms");
        assertThat(ws.isSubscribed("ticker." + kept + ".100ms")).isTrue();
        assertThat(ws.isSubscribed("ticker." + low + ".100ms")).as("still outside the top 2").isFalse();

        assertThat(market.trade(expiring).buy("0.04", "1").id("after-expiry").publish()).isZero();
        assertThat(market.publishTicker(expiring)).isZero();
        market.trade(future).sell("101000", "20").id("new-future").publish();
        market.trade(fresh).sell("0.03", "2").id("new-option").publish();
        eventually(() -> rows(EventType.TRADE, future).size() == 1 && rows(EventType.TRADE, fresh).size() == 1,
                "trades of the new listings");
        assertThat(rows(EventType.TRADE, expiring)).hasSize(1);
        eventually(() -> queries.instruments(VENUE, future).size() == 1, "the new listing stored");
        assertThat(queries.instruments(VENUE, future).getFirst()).extracting(Instrument::normalizedSymbol)
                .isEqualTo("BTC-USD-270326");
        assertThat(connector.tracked().all()).doesNotContain(expiring, low).contains(future, fresh, kept);
        assertThat(deribit.ws().connections()).as("same socket throughout").hasSize(1);

        ws.drop();
        SimConnection next = deribit.ws().awaitConnection(c -> c.id() != ws.id() && c.isOpen()
                && c.isSubscribed("ticker." + fresh + ".100ms"), WAIT);
        assertThat(next.messages()).noneMatch(m -> m.contains(expiring));
    }

    @Test
    void theTopNIsReRankedWhenOpenInterestMoves() throws Exception {
        String leader = "BTC-27DEC26-100000-C";
        String fading = "BTC-27DEC26-120000-C";
        String rising = "BTC-27DEC26-80000-P";
        market.list(PERP);
        market.list(leader).openInterest("900");
        market.list(fading).openInterest("500");
        market.list(rising).openInterest("100");
        start(config(List.of("BTC"), channels(Channel.OPTION_TICKER, Map.of("top", "2", "snapshot-interval", "0ms"))),
                tuning(FAST, FAST, LONG, LONG, LONG));
        SimConnection ws = subscribed("ticker." + fading + ".100ms");
        assertThat(ws.isSubscribed("ticker." + rising + ".100ms")).isFalse();

        market.listing(rising).openInterest("650");
        market.listing(fading).openInterest("40");
        subscribed("ticker." + rising + ".100ms");
        eventually(() -> !ws.isSubscribed("ticker." + fading + ".100ms"), "the faded option unsubscribed");
        assertThat(ws.isSubscribed("ticker." + leader + ".100ms")).isTrue();
        assertThat(connector.tracked().options()).containsExactlyInAnyOrder(leader, rising);
        assertThat(market.publishTicker(fading)).isZero();
        assertThat(deribit.ws().connections()).hasSize(1);
    }

    @ParameterizedTest(name = "unknown channels omitted from the reply: {0}")
    @ValueSource(booleans = {false, true})
    void aReconnectBeforeTheRefreshSubscribesEverythingButTheExpiredInstrument(boolean omit) throws Exception {
        String expiring = "BTC-27NOV26-100000-C";
        String other = "BTC-27DEC26-120000-C";
        deribit.dialect().omitUnknownChannels(omit);
        market.list(PERP);
        market.list(expiring).openInterest("500");
        market.list(other).openInterest("400");
        start(config(List.of("BTC"), channels(Channel.OPTION_TICKER, Map.of("top", "2", "snapshot-interval", "0ms"),
                Channel.TRADES, Map.of())), tuning());
        SimConnection first = subscribed("ticker." + expiring + ".100ms");

        market.expire(expiring);
        first.drop();
        SimConnection second = deribit.ws().awaitConnection(c -> c.id() != first.id() && c.isOpen()
                && c.isSubscribed("ticker." + other + ".100ms") && c.isSubscribed("trades." + PERP + ".100ms"), WAIT);
        assertThat(second.subscriptions()).noneMatch(c -> c.contains(expiring));
        market.trade(other).buy("0.02", "1").id("o1").publish();
        eventually(() -> rows(EventType.TRADE, other).size() == 1, "the other option still flowing");

        connector.refreshNow();
        assertThat(connector.tracked().options()).containsExactly(other);
        assertThat(deribit.ws().connections()).hasSize(2);
    }

    @Test
    void theFundingBackfillAndLiveFundingConvergeToOneRowPerHour() throws Exception {
        market.list(PERP);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int h = 0; h < SETTLED; h++) {
            long ts = hour.minus(Duration.ofHours(h)).toEpochMilli();
            market.history().fundingRow(PERP, ts, rate(h), "0.0000021", "100000", "99990");
        }
        start(config(List.of("BTC"), channels(Channel.FUNDING, Map.of("snapshot-interval", "0ms"))),
                tuning(LONG, LONG, LONG, LONG, FAST));
        subscribed("ticker." + PERP + ".100ms");
        eventually(() -> rows(EventType.FUNDING_RATE, PERP).size() == SETTLED, "the backfill");

        long estimateAt = hour.minus(Duration.ofMinutes(90)).toEpochMilli();
        market.listing(PERP).funding("0.00099", "0.0001");
        market.publishTicker(PERP, estimateAt);
        market.listing(PERP).funding("0.00077", "0.0001");
        long liveAt = hour.plus(Duration.ofMinutes(1)).toEpochMilli();
        market.publishTicker(PERP, liveAt);
        int pollsBefore = fundingPolls().size();
        eventually(() -> fundingPolls().size() >= pollsBefore + 2, "two more funding polls");

        eventually(() -> rows(EventType.FUNDING_RATE, PERP).size() == SETTLED + 1,
                "the settled hours and the live one");
        List<FundingRate> rows = rows(FundingRate.class, EventType.FUNDING_RATE, PERP);
        assertThat(count("SELECT count(*) - count(DISTINCT (instrument_id, ts)) FROM funding_rate")).isZero();
        for (int h = 0; h < SETTLED; h++) {
            Instant at = hour.minus(Duration.ofHours(h));
            assertThat(rate(rows, at)).as("settled hour " + at).isEqualByComparingTo(rate(h));
        }
        assertThat(rate(rows, hour.plus(Duration.ofHours(1)))).as("the live estimate of the current hour")
                .isEqualByComparingTo("0.00077");
        assertThat(rows).allSatisfy(f -> assertThat(f.interval()).isEqualTo(Duration.ofHours(8)));
        Instant firstPoll = fundingPolls().getFirst().receivedAt();
        long earliest = fundingPolls().stream().mapToLong(r -> Long.parseLong(r.param("start_timestamp"))).min()
                .orElseThrow();
        assertThat(Instant.ofEpochMilli(earliest)).as("the backfill reaches 48 h back")
                .isBefore(firstPoll.minus(Duration.ofHours(48)).plusSeconds(60));
    }

    @Test
    void orderBookAndGreeksSnapshotsAreTakenPeriodically() throws Exception {
        String call = "BTC-25DEC26-95000-C";
        market.list(PERP);
        market.list(call).openInterest("77");
        market.publishBook(PERP, List.of("new:100:10", "new:99:5", "new:98:1"), List.of("new:101:7"));
        start(config(List.of("BTC"), channels(Channel.BOOK, Map.of("depth", "2", "rest-depth", "5"),
                Channel.OPTION_TICKER, Map.of("top", "1"))), tuning(LONG, LONG, FAST, FAST, LONG));
        subscribed("book." + PERP + ".100ms");

        eventually(() -> requests("/api/v2/public/get_order_book", PERP) >= 2, "two order-book snapshots");
        eventually(() -> rows(EventType.BOOK_SNAPSHOT, PERP).size() >= 3, "two REST snapshots and the stream's");
        BookSnapshot rest = rows(BookSnapshot.class, EventType.BOOK_SNAPSHOT, PERP).getLast();
        assertThat(rest.sequence()).isEqualTo(market.changeId(PERP));
        assertThat(rest.bids()).extracting(l -> l.price().stripTrailingZeros().toPlainString())
                .containsExactly("100", "99");
        assertThat(rest.asks()).extracting(l -> l.amount().stripTrailingZeros().toPlainString())
                .containsExactly("7");
        assertThat(deribit.rest().requests("/api/v2/public/get_order_book").getFirst().param("depth")).isEqualTo("5");

        market.listing(call).greeks("0.61", "0.0001", "12.5", "-7.25", "3.5");
        eventually(() -> greeks(call).contains("0.61"), "a greeks snapshot with the first delta");
        market.listing(call).greeks("0.64", "0.0001", "12.5", "-7.25", "3.5");
        eventually(() -> greeks(call).contains("0.64"), "a later greeks snapshot with the new delta");
        assertThat(requests("/api/v2/public/ticker", call)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theRestBookSnapshotKeepsTheConfiguredDepth() throws Exception {
        market.list(PERP);
        market.publishBook(PERP, List.of("new:100:10", "new:99:5", "new:98:1"), List.of("new:101:7", "new:102:1"));
        start(config(List.of("BTC"), channels(Channel.BOOK, Map.of("depth", "2", "rest-depth", "5"))),
                tuning(LONG, LONG, FAST, LONG, LONG));

        eventually(() -> requests("/api/v2/public/get_order_book", PERP) >= 2, "two order-book snapshots");
        eventually(() -> rows(EventType.BOOK_SNAPSHOT, PERP).size() >= 3, "two REST snapshots and the stream's");
        assertThat(rows(BookSnapshot.class, EventType.BOOK_SNAPSHOT, PERP)).allSatisfy(b -> {
            assertThat(b.bids()).hasSize(2);
            assertThat(b.asks()).hasSize(2);
        });
    }

    @Test
    void theLastBookOfABurstIsStoredOnceTheSnapshotIntervalHasPassed() throws Exception {
        market.list(PERP);
        market.publishBook(PERP, List.of("new:100:1"), List.of("new:101:1"));
        start(config(List.of("BTC"), channels(Channel.BOOK, Map.of("depth", "5", "snapshot-interval", "500ms"))),
                tuning());
        subscribed("book." + PERP + ".100ms");
        long subscribedAt = market.changeId(PERP);
        eventually(() -> rows(BookSnapshot.class, EventType.BOOK_SNAPSHOT, PERP).stream()
                .anyMatch(b -> b.sequence() == subscribedAt), "the subscription snapshot");

        for (int amount = 2; amount <= 6; amount++) {
            market.publishBook(PERP, List.of("change:100:" + amount), List.of());
        }
        long last = market.changeId(PERP);
        eventually(() -> rows(BookSnapshot.class, EventType.BOOK_SNAPSHOT, PERP).stream()
                .anyMatch(b -> b.sequence() == last), "the book after the burst");
    }

    private List<RecordedRequest> fundingPolls() {
        return deribit.rest().requests("/api/v2/public/get_funding_rate_history");
    }

    private long requests(String path, String instrument) {
        return deribit.rest().requests(path).stream().filter(r -> instrument.equals(r.param("instrument_name")))
                .count();
    }

    private List<String> greeks(String option) {
        return rows(OptionTicker.class, EventType.OPTION_TICKER, option).stream()
                .map(q -> q.delta() == null ? "" : q.delta().stripTrailingZeros().toPlainString()).toList();
    }

    private static String rate(int hoursAgo) {
        return "0.0000" + (10 + hoursAgo);
    }

    private static BigDecimal rate(List<FundingRate> rows, Instant fundingTime) {
        return rows.stream().filter(f -> f.fundingTime().equals(fundingTime)).map(FundingRate::rate).findFirst()
                .orElseThrow(() -> new AssertionError("no funding row at " + fundingTime));
    }
}
