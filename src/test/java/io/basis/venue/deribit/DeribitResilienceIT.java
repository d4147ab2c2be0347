package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.model.BookSnapshot;
import io.basis.model.EventType;
import io.basis.model.PriceLevel;
import io.basis.simulator.DeribitResponses;
import io.basis.simulator.SimConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deribit connector when the venue misbehaves: broken book chains, lost heartbeats, a silent socket and
 * {@code too_many_requests}, on WebSocket and REST.
 */
class DeribitResilienceIT extends DeribitItSupport {
    private static final String BTC = "BTC-PERPETUAL";
    private static final String ETH = "ETH-PERPETUAL";
    private static final String BTC_BOOK = "book.BTC-PERPETUAL.100ms";
    private static final String ETH_BOOK = "book.ETH-PERPETUAL.100ms";
    private static final String BTC_TRADES = "trades.BTC-PERPETUAL.100ms";

    @Test
    void aPrevChangeIdGapResyncsOnlyThatInstrumentsBook() throws Exception {
        market.listAll(BTC, ETH);
        market.publishBook(BTC, List.of("new:100:10", "new:99:5"), List.of("new:101:7"));
        market.publishBook(ETH, List.of("new:3000:20"), List.of("new:3001:30"));
        start(config(List.of("BTC", "ETH"), channels(Channel.BOOK, Map.of("depth", "5", "snapshot-interval", "0ms"))),
                tuning());
        subscribed(BTC_BOOK);
        subscribed(ETH_BOOK);
        eventually(() -> book(BTC, market.changeId(BTC)) != null && book(ETH, market.changeId(ETH)) != null,
                "both subscription snapshots stored");

        market.publishBook(BTC, List.of("change:100:11"), List.of());
        market.publishBook(ETH, List.of("change:3000:21"), List.of());
        eventually(() -> book(BTC, market.changeId(BTC)) != null && book(ETH, market.changeId(ETH)) != null,
                "both changes stored");
        long ethBefore = market.changeId(ETH);

        market.gapNext(BTC);
        market.publishBook(BTC, List.of("new:98:2"), List.of());
        eventually(() -> messages("public/subscribe", BTC_BOOK) >= 2, "book.BTC-PERPETUAL resubscribed");
        assertThat(messages("public/unsubscribe", BTC_BOOK)).isEqualTo(1);
        long resynced = market.changeId(BTC);
        eventually(() -> book(BTC, resynced) != null, "the BTC book from the fresh snapshot");
        assertThat(book(BTC, resynced).bids()).extracting(DeribitResilienceIT::level)
                .containsExactly("100:11", "99:5", "98:2");

        market.publishBook(ETH, List.of("new:2999:1"), List.of());
        market.publishBook(BTC, List.of("delete:98:0"), List.of());
        eventually(() -> book(ETH, ethBefore + 1) != null && book(BTC, resynced + 1) != null,
                "both books keep going");
        assertThat(book(ETH, ethBefore + 1).bids()).extracting(DeribitResilienceIT::level)
                .containsExactly("3000:21", "2999:1");
        assertThat(messages("public/unsubscribe", ETH_BOOK)).as("ETH untouched").isZero();
        assertThat(messages("public/subscribe", ETH_BOOK)).isEqualTo(1);
        eventually(() -> gaps().stream().anyMatch(g -> g.stream().equals("book:" + BTC)
                && g.cause().equals(DeribitConnector.SEQUENCE_GAP)), "a sequence-gap row for BTC");
        assertThat(gaps()).noneMatch(g -> g.stream().equals("book:" + ETH));
        assertThat(deribit.ws().connections()).as("no reconnect").hasSize(1);
    }

    @Test
    void anUnansweredTestRequestEndsTheSessionAndTheConnectorReconnectsAndResubscribes() throws Exception {
        market.list(BTC);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());
        SimConnection first = subscribed(BTC_TRADES);
        first.awaitMessage(m -> m.contains("public/set_heartbeat") && m.contains("\"interval\":10"), WAIT);
        first.awaitMessage(m -> m.contains("public/test"), WAIT);

        deribit.dialect().loseTestAnswers(1);
        first.awaitClosed(WAIT);
        assertThat(deribit.dialect().heartbeatCloses()).isEqualTo(1);
        SimConnection second = deribit.ws().awaitConnection(c -> c.id() != first.id() && c.isOpen()
                && c.isSubscribed(BTC_TRADES), WAIT);
        second.awaitMessage(m -> m.contains("public/set_heartbeat"), WAIT);
        second.awaitMessage(m -> m.contains("public/test"), WAIT);

        market.trade(BTC).buy("100000", "10").id("after").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "a trade on the new session");
        eventually(() -> gaps().stream().anyMatch(g -> g.stream().equals(DeribitStream.NAME)),
                "a gap for the lost session");
    }

    @Test
    void aSilentSocketIsDetectedStaleAndReplaced() throws Exception {
        market.list(BTC);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());
        SimConnection first = subscribed(BTC_TRADES);
        first.goSilent();

        SimConnection second = deribit.ws().awaitConnection(c -> c.id() != first.id() && c.isOpen()
                && c.isSubscribed(BTC_TRADES), WAIT);
        market.trade(BTC).buy("100000", "10").id("after-stale").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "a trade on the new socket");
        assertThat(second.messages()).anyMatch(m -> m.contains("public/set_heartbeat"));
        eventually(() -> gaps().stream().anyMatch(g -> g.stream().equals(DeribitStream.NAME)
                && g.cause().equals("stale")), () -> "a stale gap; have " + gaps());
    }

    @Test
    void tooManyRequestsOnSubscribeEndsTheSessionThenTheResubscriptionSucceeds() throws Exception {
        market.list(BTC);
        market.tooManyRequests("public/subscribe", 1);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());

        SimConnection first = deribit.ws().awaitConnections(1, WAIT).getFirst();
        first.awaitClosed(WAIT);
        assertThat(first.subscriptions()).isEmpty();
        assertThat(deribit.dialect().rateLimitCloses()).isEqualTo(1);
        SimConnection second = subscribed(BTC_TRADES);
        assertThat(second.id()).isGreaterThan(first.id());

        market.trade(BTC).buy("100000", "10").id("later").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "a trade once subscribed");
    }

    @Test
    void tooManyRequestsOnSubscribeIsRetriedWhenTheVenueKeepsTheSessionOpen() throws Exception {
        market.list(BTC);
        deribit.dialect().closeOnTooManyRequests(false);
        market.tooManyRequests("public/subscribe", 1);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());

        SimConnection ws = subscribed(BTC_TRADES);
        eventually(() -> messages("public/subscribe", BTC_TRADES) == 2, "the refused subscribe re-sent once");
        market.trade(BTC).buy("100000", "10").id("kept-open").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "a trade once subscribed");
        assertThat(ws.id()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsOnRestWithHttp429IsRetriedAfterAPause() throws Exception {
        market.list(BTC);
        market.list("BTC-27DEC26-100000-C").openInterest("10");
        market.tooManyRequests("public/get_book_summary_by_currency", 1);
        start(config(List.of("BTC"), channels(Channel.OPTION_TICKER, Map.of("top", "1"))), tuning());

        assertThat(connector.tracked().options()).containsExactly("BTC-27DEC26-100000-C");
        assertThat(deribit.rest().requests("/api/v2/public/get_book_summary_by_currency")).hasSize(2);
        subscribed("ticker.BTC-27DEC26-100000-C.100ms");
    }

    @Test
    void tooManyRequestsInAJsonRpcBodyIsRetriedAfterAPause() throws Exception {
        market.list(BTC);
        market.rateLimitStatus(200);
        market.tooManyRequests("public/get_instruments", 2);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());

        assertThat(connector.tracked().perpetuals()).containsExactly(BTC);
        assertThat(deribit.rest().requests("/api/v2/public/get_instruments")).hasSize(3);
        subscribed(BTC_TRADES);
        assertThat(DeribitResponses.TOO_MANY_REQUESTS).isEqualTo(DeribitApiException.TOO_MANY_REQUESTS);
    }

    @Test
    void withCredentialsTheConnectorSignsItsAuthAndUsesRawChannels() throws Exception {
        market.list(BTC);
        deribit.dialect().account("client-1", "s3cret");
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of()), "DERIBIT_IT_KEY"),
                tuning().withEnvironment(Map.of("DERIBIT_IT_KEY", "client-1", "DERIBIT_IT_KEY_SECRET", "s3cret")));

        SimConnection ws = subscribed("trades.BTC-PERPETUAL.raw");
        assertThat(ws.messages()).filteredOn(m -> m.contains("public/auth")).singleElement()
                .satisfies(m -> assertThat(m).contains("client_signature", "client-1").doesNotContain("s3cret"));
        assertThat(connector.authenticated()).isTrue();
        market.trade(BTC).buy("100000", "10").id("raw-1").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "a trade on the raw channel");
    }

    @Test
    void theConnectorReauthenticatesBeforeItsTokenExpires() throws Exception {
        market.list(BTC);
        deribit.dialect().account("client-1", "s3cret").tokenLifetime(Duration.ofSeconds(1));
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of()), "DERIBIT_IT_KEY"),
                tuning().withEnvironment(Map.of("DERIBIT_IT_KEY", "client-1", "DERIBIT_IT_KEY_SECRET", "s3cret")));
        SimConnection ws = subscribed("trades.BTC-PERPETUAL.raw");

        eventually(() -> ws.messages().stream().filter(m -> m.contains("public/auth")).count() >= 3,
                "two re-authentications on the same socket");
        List<String> auths = ws.messages().stream().filter(m -> m.contains("public/auth")).toList();
        assertThat(auths).doesNotHaveDuplicates().allSatisfy(m -> assertThat(m).contains("client_signature"));
        assertThat(ws.sentFrames()).noneMatch(f -> f.contains("invalid_credentials"));
        assertThat(connector.authenticated()).isTrue();
        assertThat(deribit.ws().connections()).hasSize(1);
    }

    @Test
    void refusedCredentialsFallBackToUnauthenticatedChannels() throws Exception {
        market.list(BTC);
        deribit.dialect().account("client-1", "another-secret");
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of()), "DERIBIT_IT_KEY"),
                tuning().withEnvironment(Map.of("DERIBIT_IT_KEY", "client-1", "DERIBIT_IT_KEY_SECRET", "s3cret")));

        SimConnection ws = subscribed(BTC_TRADES);
        assertThat(ws.messages()).noneMatch(m -> m.contains("public/auth"));
        assertThat(deribit.ws().connections().getFirst().messages()).anyMatch(m -> m.contains("public/auth"));
        assertThat(connector.authenticated()).isFalse();
        market.trade(BTC).buy("100000", "10").id("fallback-1").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "a trade on the 100ms channel");
    }

    @Test
    void aMalformedFrameIsCountedAndSkipped() throws Exception {
        market.list(BTC);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());
        SimConnection ws = subscribed(BTC_TRADES);

        ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"" + BTC_TRADES
                + "\",\"data\":[{\"trade_id\":\"x\",\"price\":");
        market.trade(BTC).buy("100000", "10").id("after-bad").publish();
        eventually(() -> rows(EventType.TRADE, BTC).size() == 1, "the trade after the bad frame");
        assertThat(registry.stream(VENUE, DeribitStream.NAME).parseErrors()).isEqualTo(1);
        assertThat(ws.isOpen()).isTrue();
        assertThat(deribit.ws().connections()).hasSize(1);
    }

    private BookSnapshot book(String symbol, long sequence) {
        return rows(BookSnapshot.class, EventType.BOOK_SNAPSHOT, symbol).stream()
                .filter(b -> b.sequence() == sequence).reduce((a, b) -> b).orElse(null);
    }

    private static String level(PriceLevel l) {
        return l.price().stripTrailingZeros().toPlainString() + ":" + l.amount().stripTrailingZeros().toPlainString();
    }
}
