package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.ingest.book.BookSequencer;
import io.basis.model.BookSnapshot;
import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.Trade;
import io.basis.venue.VenueJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.basis.venue.deribit.DeribitFixtures.ws;
import static org.assertj.core.api.Assertions.assertThat;

class DeribitSessionTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    final List<String> calls = new ArrayList<>();
    final DeribitSession.Listener listener = new DeribitSession.Listener() {
        @Override
        public void parseError(String reason, String frame) {
            calls.add("parseError " + reason);
        }

        @Override
        public void venueError(Long id, int code, String message) {
            calls.add("venueError " + id + " " + code + " " + message);
        }

        @Override
        public void rateLimited() {
            calls.add("rateLimited");
        }

        @Override
        public void subscribeFailed(List<String> channels, boolean retry, int code, String message) {
            calls.add("subscribeFailed " + channels + " " + retry);
        }

        @Override
        public void notSubscribed(List<String> channels) {
            calls.add("notSubscribed " + channels);
        }

        @Override
        public void authenticated(boolean ok, String message) {
            calls.add("authenticated " + ok);
        }

        @Override
        public void authExpiresIn(java.time.Duration lifetime) {
            calls.add("authExpiresIn " + lifetime);
        }

        @Override
        public void testRequest() {
            calls.add("testRequest");
        }

        @Override
        public void snapshotNeeded(String instrument) {
            calls.add("snapshotNeeded " + instrument);
        }

        @Override
        public void bookGap(String instrument, Instant from, Instant to) {
            calls.add("bookGap " + instrument + " " + from + " " + to);
        }
    };

    DeribitSession session() {
        return new DeribitSession(DeribitTestConfig.unthinned(), listener);
    }

    static String text(String fixture) {
        return new String(ws(fixture), StandardCharsets.UTF_8);
    }

    static String book(String instrument, String type, long changeId, Long prev, long ts, String bids) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"book." + instrument
                + ".100ms\",\"data\":{\"type\":\"" + type + "\",\"timestamp\":" + ts
                + (prev == null ? "" : ",\"prev_change_id\":" + prev) + ",\"instrument_name\":\"" + instrument
                + "\",\"change_id\":" + changeId + ",\"bids\":" + bids + ",\"asks\":[[\"new\",101.5,3]]}}}";
    }

    @Test
    void optionTickerGivesOneOptionTicker() {
        List<MarketEvent> out = session().onFrame(text("ticker_option"), T0);
        assertThat(out).singleElement().isInstanceOfSatisfying(OptionTicker.class, t -> {
            assertThat(t.symbol()).isEqualTo("BTC-12MAR25-65000-C");
            assertThat(t.markIv()).isEqualByComparingTo("159.47");
            assertThat(t.receivedAt()).isEqualTo(T0);
        });
    }

    @Test
    void perpetualTickerGivesMarkIndexOpenInterestAndFunding() {
        List<MarketEvent> out = session().onFrame(text("ticker_perpetual"), T0);
        assertThat(out).extracting(MarketEvent::type).containsExactly(EventType.MARK_PRICE, EventType.INDEX_PRICE,
                EventType.OPEN_INTEREST, EventType.FUNDING_RATE);
        assertThat(((MarkPrice) out.get(0)).markPrice()).isEqualByComparingTo("23408.41");
        assertThat(((IndexPrice) out.get(1)).symbol()).isEqualTo("btc_usd");
        assertThat(((OpenInterest) out.get(2)).amount()).isEqualByComparingTo("333091400");
        assertThat(((FundingRate) out.get(3)).rate()).isEqualByComparingTo("0.00001286");
    }

    @Test
    void futureTickerHasNoFunding() {
        String future = text("ticker_perpetual").replace("BTC-PERPETUAL", "BTC-26JUN26");
        assertThat(session().onFrame(future, T0)).extracting(MarketEvent::type).containsExactly(
                EventType.MARK_PRICE, EventType.INDEX_PRICE, EventType.OPEN_INTEREST);
    }

    @Test
    void tickersAreThinnedPerInstrumentAndTypeBySnapshotInterval() {
        DeribitSession s = new DeribitSession(DeribitTestConfig.settings(
                Map.of(Channel.OPTION_TICKER, Map.of("snapshot-interval", "1m"))), listener);
        assertThat(s.onFrame(text("ticker_option"), T0)).hasSize(1);
        assertThat(s.onFrame(text("ticker_option"), T0.plusSeconds(30))).isEmpty();
        assertThat(s.onFrame(text("ticker_option"), T0.plusSeconds(60))).hasSize(1);
        assertThat(s.onFrame(text("ticker_perpetual"), T0)).hasSize(4);
        assertThat(s.onFrame(text("ticker_perpetual"), T0.plusMillis(100))).isEmpty();
        assertThat(s.onFrame(text("ticker_perpetual"), T0.plusSeconds(1))).hasSize(4);
    }

    @Test
    void tradesWithLiquidationFlagsGiveTradesAndLiquidations() {
        List<MarketEvent> out = session().onFrame(text("trades_liquidation"), T0);
        assertThat(out).extracting(MarketEvent::type).containsExactly(EventType.TRADE, EventType.LIQUIDATION,
                EventType.TRADE, EventType.LIQUIDATION);
        assertThat(((Trade) out.get(0)).tradeId()).isEqualTo("48079270");
        assertThat(((Liquidation) out.get(1)).symbol()).isEqualTo("BTC-PERPETUAL");
    }

    @Test
    void storagePoliciesApply() {
        Map<Channel, ChannelConfig> channels = new LinkedHashMap<>();
        channels.put(Channel.TRADES, new ChannelConfig(Channel.TRADES, StoragePolicy.LARGE_ONLY));
        channels.put(Channel.MARK_PRICE, new ChannelConfig(Channel.MARK_PRICE, StoragePolicy.NONE));
        DeribitSession s = new DeribitSession(DeribitSettings.of(DeribitTestConfig.venue(channels, null)), listener);
        // liquidations not configured; the trades are 1000 and 20 USD: below the 100000 BTC threshold
        assertThat(s.onFrame(text("trades_liquidation"), T0)).isEmpty();
        String big = text("trades_perpetual").replace("\"amount\":10", "\"amount\":250000");
        assertThat(s.onFrame(big, T0)).singleElement().isInstanceOf(Trade.class);
        assertThat(s.onFrame(text("ticker_perpetual"), T0)).isEmpty();
    }

    @Test
    void bookSnapshotThenChangesThenAGapResyncsOnlyThatInstrument() {
        DeribitSession s = session();
        List<MarketEvent> snap = s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000,
                "[[\"new\",100.5,2],[\"new\",100,1]]"), T0);
        assertThat(snap).singleElement().isInstanceOfSatisfying(BookSnapshot.class, b -> {
            assertThat(b.sequence()).isEqualTo(10);
            assertThat(b.bids()).hasSize(2);
        });
        s.onFrame(book("ETH-PERPETUAL", "snapshot", 500, null, 1000, "[[\"new\",10,1]]"), T0);
        List<MarketEvent> change = s.onFrame(book("BTC-PERPETUAL", "change", 11, 10L, 1100,
                "[[\"delete\",100,0]]"), T0.plusMillis(100));
        assertThat(change).singleElement().isInstanceOfSatisfying(BookSnapshot.class, b -> {
            assertThat(b.sequence()).isEqualTo(11);
            assertThat(b.bids()).hasSize(1);
        });

        Instant lost = T0.plusMillis(200);
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 13, 12L, 1200, "[]"), lost)).isEmpty();
        assertThat(calls).containsExactly("snapshotNeeded BTC-PERPETUAL");
        assertThat(s.bookState("BTC-PERPETUAL")).isEqualTo(BookSequencer.State.GAP);
        // asked once, not again for every further change
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 14, 13L, 1300, "[]"), lost.plusMillis(100))).isEmpty();
        assertThat(calls).containsExactly("snapshotNeeded BTC-PERPETUAL");

        // the other instrument's book is untouched
        assertThat(s.onFrame(book("ETH-PERPETUAL", "change", 501, 500L, 1200, "[]"), lost)).hasSize(1);
        assertThat(s.bookState("ETH-PERPETUAL")).isEqualTo(BookSequencer.State.IN_SYNC);

        Instant back = T0.plusSeconds(1);
        assertThat(s.onFrame(book("BTC-PERPETUAL", "snapshot", 20, null, 2000, "[[\"new\",99,1]]"), back))
                .singleElement().isInstanceOf(BookSnapshot.class);
        assertThat(calls).containsExactly("snapshotNeeded BTC-PERPETUAL",
                "bookGap BTC-PERPETUAL " + lost + " " + back);
        assertThat(s.bookState("BTC-PERPETUAL")).isEqualTo(BookSequencer.State.IN_SYNC);
    }

    @Test
    void fixtureChangeNotContinuingTheFixtureSnapshotIsAGap() {
        DeribitSession s = session();
        assertThat(s.onFrame(text("book_snapshot"), T0)).hasSize(1);
        assertThat(s.onFrame(text("book_change").replace("book.BTC-PERPETUAL.raw", "book.BTC-PERPETUAL.100ms"),
                T0.plusSeconds(1))).isEmpty();
        assertThat(calls).containsExactly("snapshotNeeded BTC-PERPETUAL");
    }

    @Test
    void stillBrokenBookIsAskedAgainAfterTheRetryDelay() {
        DeribitSession s = session();
        s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[]"), T0);
        s.onFrame(book("BTC-PERPETUAL", "change", 12, 11L, 1000, "[]"), T0);
        s.onFrame(book("BTC-PERPETUAL", "change", 13, 12L, 1000, "[]"),
                T0.plusSeconds(DeribitSession.RESYNC_RETRY_SECONDS));
        assertThat(calls).containsExactly("snapshotNeeded BTC-PERPETUAL", "snapshotNeeded BTC-PERPETUAL");
    }

    @Test
    void changesWithoutAnySnapshotAskForOneAfterTheRetryDelay() {
        DeribitSession s = session();
        s.onFrame(book("BTC-PERPETUAL", "change", 11, 10L, 1000, "[]"), T0);
        s.onFrame(book("BTC-PERPETUAL", "change", 12, 11L, 1000, "[]"), T0.plusSeconds(1));
        assertThat(calls).isEmpty();
        s.onFrame(book("BTC-PERPETUAL", "change", 13, 12L, 1000, "[]"),
                T0.plusSeconds(DeribitSession.RESYNC_RETRY_SECONDS));
        assertThat(calls).containsExactly("snapshotNeeded BTC-PERPETUAL");
    }

    @Test
    void droppedInstrumentForgetsItsBook() {
        DeribitSession s = session();
        s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[]"), T0);
        s.dropBook("BTC-PERPETUAL");
        assertThat(s.bookState("BTC-PERPETUAL")).isNull();
    }

    @Test
    void bookSnapshotsAreThinnedByTheBookSnapshotInterval() {
        DeribitSession s = new DeribitSession(DeribitTestConfig.settings(Map.of(Channel.BOOK,
                Map.of("snapshot-interval", "1s", "depth", "1"))), listener);
        assertThat(s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[[\"new\",1,1],[\"new\",2,1]]"),
                T0)).singleElement().satisfies(e -> assertThat(((BookSnapshot) e).bids()).hasSize(1));
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 11, 10L, 1000, "[]"), T0.plusMillis(500))).isEmpty();
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 12, 11L, 1000, "[]"), T0.plusSeconds(1))).hasSize(1);
    }

    @Test
    void theLastTickerOfABurstComesOutOnceTheIntervalHasPassed() {
        DeribitSession s = new DeribitSession(DeribitTestConfig.settings(
                Map.of(Channel.MARK_PRICE, Map.of("snapshot-interval", "1s"))), listener);
        assertThat(s.onFrame(text("ticker_perpetual"), T0)).hasSize(4);
        assertThat(s.onFrame(text("ticker_perpetual"), T0.plusMillis(100))).isEmpty();
        assertThat(s.onFrame(text("ticker_perpetual"), T0.plusMillis(300))).isEmpty();
        assertThat(s.flushDue(T0.plusMillis(999))).isEmpty();
        List<MarketEvent> trailing = s.flushDue(T0.plusSeconds(1));
        assertThat(trailing).extracting(MarketEvent::type).containsExactly(EventType.MARK_PRICE,
                EventType.INDEX_PRICE, EventType.OPEN_INTEREST, EventType.FUNDING_RATE);
        assertThat(trailing).extracting(MarketEvent::receivedAt).as("the last one's own times")
                .containsOnly(T0.plusMillis(300));
        assertThat(s.flushDue(T0.plusSeconds(5))).as("nothing twice").isEmpty();
        assertThat(s.onFrame(text("ticker_perpetual"), T0.plusMillis(2500))).as("a new interval").hasSize(4);
    }

    @Test
    void theLastBookOfABurstComesOutOnceTheBookIntervalHasPassed() {
        DeribitSession s = new DeribitSession(DeribitTestConfig.settings(Map.of(Channel.BOOK,
                Map.of("snapshot-interval", "1s", "depth", "1"))), listener);
        assertThat(s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[[\"new\",100,1]]"), T0))
                .hasSize(1);
        for (int i = 1; i <= 4; i++) {
            assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 10 + i, 9L + i, 1000 + i,
                    "[[\"change\",100," + (1 + i) + "]]"), T0.plusMillis(100L * i))).isEmpty();
        }
        assertThat(s.flushDue(T0.plusMillis(999))).isEmpty();
        assertThat(s.flushDue(T0.plusSeconds(1))).singleElement().isInstanceOfSatisfying(BookSnapshot.class, b -> {
            assertThat(b.sequence()).isEqualTo(14);
            assertThat(b.receivedAt()).isEqualTo(T0.plusMillis(400));
            assertThat(b.venueTime()).isEqualTo(Instant.ofEpochMilli(1004));
            assertThat(b.bids().getFirst().amount()).isEqualByComparingTo("5");
        });
        assertThat(s.flushDue(T0.plusSeconds(5))).as("nothing twice").isEmpty();

        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 15, 14L, 1005, "[[\"change\",100,6]]"),
                T0.plusMillis(1500))).as("within 1 s of the trailing edge").isEmpty();
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 16, 15L, 1006, "[[\"change\",100,7]]"),
                T0.plusMillis(2100))).as("the edge at 2 s passed before this change: the book as it stood")
                .singleElement().extracting(e -> ((BookSnapshot) e).sequence()).isEqualTo(15L);
        assertThat(s.drain()).singleElement().extracting(e -> ((BookSnapshot) e).sequence()).isEqualTo(16L);
    }

    @Test
    void heldBackBooksAndTickersAreHandedOverOnResetAndDrop() {
        DeribitSession s = new DeribitSession(DeribitTestConfig.settings(Map.of(Channel.BOOK,
                Map.of("snapshot-interval", "1s"), Channel.MARK_PRICE, Map.of("snapshot-interval", "1s"))), listener);
        s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[]"), T0);
        s.onFrame(book("BTC-PERPETUAL", "change", 11, 10L, 1000, "[]"), T0.plusMillis(100));
        assertThat(s.resetBooks()).singleElement().extracting(e -> ((BookSnapshot) e).sequence()).isEqualTo(11L);
        assertThat(s.flushDue(T0.plusSeconds(5))).isEmpty();

        s.onFrame(book("BTC-PERPETUAL", "snapshot", 20, null, 1000, "[]"), T0.plusSeconds(10));
        s.onFrame(book("BTC-PERPETUAL", "change", 21, 20L, 1000, "[]"), T0.plusSeconds(10).plusMillis(100));
        s.onFrame(text("ticker_perpetual"), T0);
        s.onFrame(text("ticker_perpetual"), T0.plusMillis(100));
        assertThat(s.dropBook("BTC-PERPETUAL")).extracting(MarketEvent::type).containsExactlyInAnyOrder(
                EventType.MARK_PRICE, EventType.OPEN_INTEREST, EventType.FUNDING_RATE, EventType.BOOK_SNAPSHOT);
    }

    @Test
    void withoutAnIntervalEveryUpdateIsKeptAndNothingIsHeldBack() {
        DeribitSession s = session();
        for (int i = 0; i < 3; i++) {
            assertThat(s.onFrame(text("ticker_option"), T0)).hasSize(1);
            assertThat(s.onFrame(text("ticker_perpetual"), T0)).hasSize(4);
        }
        s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[]"), T0);
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 11, 10L, 1000, "[]"), T0)).hasSize(1);
        assertThat(s.flushDue(T0.plusSeconds(60))).isEmpty();
        assertThat(s.drain()).isEmpty();
    }

    @Test
    void resetBooksWaitsForTheNextSnapshot() {
        DeribitSession s = session();
        s.onFrame(book("BTC-PERPETUAL", "snapshot", 10, null, 1000, "[]"), T0);
        s.resetBooks();
        assertThat(s.bookState("BTC-PERPETUAL")).isEqualTo(BookSequencer.State.SYNCING);
        assertThat(s.onFrame(book("BTC-PERPETUAL", "change", 11, 10L, 1000, "[]"), T0)).isEmpty();
        assertThat(calls).isEmpty();
        assertThat(s.onFrame(book("BTC-PERPETUAL", "snapshot", 30, null, 1000, "[]"), T0)).hasSize(1);
    }

    @Test
    void errorReplyToOneSubscriptionIsReportedAndTheRestContinue() {
        DeribitSession s = session();
        String ok = s.rpc().subscribe(List.of("ticker.BTC-PERPETUAL.100ms"), false);
        String bad = s.rpc().subscribe(List.of("book.BTC-1JAN20.100ms", "trades.BTC-1JAN20.100ms"), false);
        long okId = id(ok);
        long badId = id(bad);
        s.onFrame("{\"jsonrpc\":\"2.0\",\"id\":" + badId + ",\"error\":{\"message\":\"Invalid params\",\"code\":-32602}}",
                T0);
        s.onFrame("{\"jsonrpc\":\"2.0\",\"id\":" + okId + ",\"result\":[\"ticker.BTC-PERPETUAL.100ms\"]}", T0);
        assertThat(calls).containsExactly("venueError " + badId + " -32602 Invalid params",
                "subscribeFailed [book.BTC-1JAN20.100ms, trades.BTC-1JAN20.100ms] false");
        assertThat(s.onFrame(text("ticker_perpetual"), T0)).hasSize(4);
    }

    @Test
    void subscribeReplyMissingAChannelIsReported() {
        DeribitSession s = session();
        long id = id(s.rpc().subscribe(List.of("ticker.A.100ms", "ticker.B.100ms"), false));
        s.onFrame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":[\"ticker.A.100ms\"]}", T0);
        assertThat(calls).containsExactly("notSubscribed [ticker.B.100ms]");
    }

    @Test
    void tooManyRequestsSignalsBackOff() {
        session().onFrame(text("control_error"), T0);
        assertThat(calls).containsExactly("venueError 8163 10028 too_many_requests", "rateLimited");
    }

    @Test
    void authReplies() {
        DeribitSession s = session();
        long ok = id(s.rpc().auth("client", "secret", T0, "n1"));
        long bad = id(s.rpc().auth("client", "secret", T0, "n2"));
        s.onFrame("{\"jsonrpc\":\"2.0\",\"id\":" + ok + ",\"result\":{\"access_token\":\"x\",\"expires_in\":900}}",
                T0);
        s.onFrame("{\"jsonrpc\":\"2.0\",\"id\":" + bad + ",\"error\":{\"message\":\"invalid_credentials\","
                + "\"code\":13004}}", T0);
        assertThat(calls).containsExactly("authenticated true", "authExpiresIn PT15M", "venueError " + bad + " 13004 invalid_credentials",
                "authenticated false");
    }

    @Test
    void testRequestIsAnsweredWithPublicTest() {
        DeribitSession s = session();
        String request = text("heartbeat_test-request");
        assertThat(DeribitSession.isTestRequest(request)).isTrue();
        assertThat(DeribitSession.isTestRequest(text("heartbeat_heartbeat"))).isFalse();
        assertThat(DeribitSession.isTestRequest(text("ticker_perpetual"))).isFalse();
        JsonNode reply = VenueJson.tree(s.replyTo(request), "reply");
        assertThat(reply.get("method").stringValue()).isEqualTo("public/test");
        assertThat(reply.get("jsonrpc").stringValue()).isEqualTo("2.0");
        assertThat(reply.get("id").isIntegralNumber()).isTrue();
        assertThat(s.replyTo(text("heartbeat_heartbeat"))).isNull();
        assertThat(s.onFrame(request, T0)).isEmpty();
        assertThat(s.onFrame(text("heartbeat_heartbeat"), T0)).isEmpty();
        assertThat(calls).containsExactly("testRequest");
    }

    @Test
    void malformedFrameIsCountedNotThrown() {
        assertThat(session().onFrame("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\"", T0)).isEmpty();
        assertThat(calls).singleElement().asString().startsWith("parseError");
    }

    @Test
    void authMessageSignsWithoutSendingTheSecret() {
        String m = DeribitRpc.authMessage(7, "client-id", "s3cret", Instant.ofEpochMilli(1_700_000_000_000L), "abc");
        JsonNode params = VenueJson.tree(m, "auth").get("params");
        assertThat(m).doesNotContain("s3cret");
        assertThat(params.get("grant_type").stringValue()).isEqualTo("client_signature");
        assertThat(params.get("client_id").stringValue()).isEqualTo("client-id");
        assertThat(params.get("timestamp").longValue()).isEqualTo(1_700_000_000_000L);
        assertThat(params.get("signature").stringValue()).isEqualTo(
                DeribitRpc.hmacSha256Hex("s3cret", "1700000000000\nabc\n"));
        // RFC 4231 test case 2
        assertThat(DeribitRpc.hmacSha256Hex("Jefe", "what do ya want for nothing?")).isEqualTo(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    static long id(String request) {
        return VenueJson.tree(request, "request").get("id").longValue();
    }
}
