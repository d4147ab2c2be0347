package io.basis.venue.deribit;

import io.basis.model.BookSnapshot;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.PriceLevel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.basis.venue.deribit.DeribitFixtures.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden tests of the periodic-snapshot REST results: order book, ticker, book-summary open interest. */
class DeribitRestSnapshotsTest {

    static final Instant RECEIVED = Instant.parse("2026-06-01T00:00:00.000123Z");

    @Test
    void orderBookIsAStandAloneSnapshot() {
        BookSnapshot b = DeribitRest.orderBook(rest("get_order_book_btc-perpetual"), 10, RECEIVED);
        assertThat(b.venue()).isEqualTo("deribit");
        assertThat(b.symbol()).isEqualTo("BTC-PERPETUAL");
        assertThat(b.venueTime()).isEqualTo(Instant.ofEpochMilli(1550757626706L));
        assertThat(b.receivedAt()).isEqualTo(RECEIVED);
        assertThat(b.sequence()).isEqualTo(474988L);
        assertThat(b.bids()).containsExactly(level("3955.75", "30.0"), level("3940.75", "102020.0"),
                level("3423.0", "42840.0"));
        assertThat(b.asks()).containsExactly(level("3956.25", "10.0"), level("3960.0", "1E+2"));
        assertThat(b.bids().get(0).amount().toPlainString()).isEqualTo("30.0");
    }

    @Test
    void orderBookKeepsAtMostTheDepth() {
        BookSnapshot b = DeribitRest.orderBook(rest("get_order_book_btc-perpetual"), 1, RECEIVED);
        assertThat(b.bids()).containsExactly(level("3955.75", "30.0"));
        assertThat(b.asks()).containsExactly(level("3956.25", "10.0"));
    }

    @Test
    void orderBookErrorReplyThrows() {
        assertThatThrownBy(() -> DeribitRest.orderBook(rest("get_funding_rate_history_too-many-requests"), 10,
                RECEIVED)).isInstanceOfSatisfying(DeribitApiException.class,
                e -> assertThat(e.isRateLimited()).isTrue());
    }

    @Test
    void tickerOfAnOptionIsAnOptionTicker() {
        List<MarketEvent> events = DeribitRest.ticker(rest("ticker_btc-option"), RECEIVED);
        assertThat(events).singleElement().isInstanceOfSatisfying(OptionTicker.class, t -> {
            assertThat(t.symbol()).isEqualTo("BTC-12MAR25-65000-C");
            assertThat(t.venueTime()).isEqualTo(Instant.ofEpochMilli(1741731610450L));
            assertThat(t.receivedAt()).isEqualTo(RECEIVED);
            assertThat(t.markPrice()).isEqualByComparingTo("0.2182");
            assertThat(t.markIv()).isEqualByComparingTo("159.47");
            assertThat(t.bidIv()).isEqualByComparingTo("0");
            assertThat(t.askIv()).isEqualByComparingTo("863.38");
            assertThat(t.delta()).isEqualByComparingTo("1");
            assertThat(t.theta()).isEqualByComparingTo("-0.01591");
            assertThat(t.underlyingPrice()).isEqualByComparingTo("83140.6237");
            assertThat(t.underlyingIndex()).isEqualTo("SYN.BTC-12MAR25");
        });
    }

    @Test
    void bookSummaryOfOptionsGivesOpenInterestInCoinValuedAtTheUnderlying() {
        List<DeribitBookSummary> summary = DeribitRest.bookSummary(rest("get_book_summary_by_currency_option"));
        OpenInterest oi = DeribitRest.openInterest(summary.getFirst(), RECEIVED);
        assertThat(oi.symbol()).isEqualTo("BTC-27JUN25-110000-C");
        assertThat(oi.venueTime()).isEqualTo(Instant.ofEpochMilli(1748395980123L));
        assertThat(oi.receivedAt()).isEqualTo(RECEIVED);
        assertThat(oi.amount()).isEqualByComparingTo("1520.3");
        assertThat(oi.baseAmount()).isEqualByComparingTo("1520.3");
        assertThat(oi.notional()).isEqualByComparingTo(new BigDecimal("1520.3").multiply(new BigDecimal("108250.12")));
    }

    @Test
    void bookSummaryOfAnInverseFutureIsUsd() {
        DeribitBookSummary s = new DeribitBookSummary("BTC-PERPETUAL", null, new BigDecimal("1000000"), null, null,
                new BigDecimal("100000"), null, null, null, null);
        OpenInterest oi = DeribitRest.openInterest(s, RECEIVED);
        assertThat(oi.venueTime()).isEqualTo(RECEIVED);
        assertThat(oi.notional()).isEqualByComparingTo("1000000");
        assertThat(oi.baseAmount()).isEqualByComparingTo("10");
        DeribitBookSummary none = new DeribitBookSummary("BTC-PERPETUAL", null, null, null, null, null, null, null,
                null, null);
        assertThat(DeribitRest.openInterest(none, RECEIVED)).isNull();
    }

    @Test
    void newRequestPaths() {
        assertThat(DeribitRequests.instruments("BTC", "option", false).path())
                .isEqualTo("/api/v2/public/get_instruments?currency=BTC&kind=option&expired=false");
        assertThat(DeribitRequests.orderBook("BTC-PERPETUAL", 20).path())
                .isEqualTo("/api/v2/public/get_order_book?instrument_name=BTC-PERPETUAL&depth=20");
        assertThat(DeribitRequests.ticker("BTC-27JUN25-110000-C").path())
                .isEqualTo("/api/v2/public/ticker?instrument_name=BTC-27JUN25-110000-C");
        assertThat(DeribitRequests.orderBook("X", 1).cost()).isEqualTo(DeribitRequests.NON_MATCHING_ENGINE_COST);
    }

    private static PriceLevel level(String price, String amount) {
        return new PriceLevel(new BigDecimal(price), new BigDecimal(amount));
    }
}
