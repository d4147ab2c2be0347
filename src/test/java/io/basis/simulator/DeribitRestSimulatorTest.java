package io.basis.simulator;

import io.basis.model.Candle;
import io.basis.model.ContractType;
import io.basis.model.FundingRate;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.Side;
import io.basis.venue.deribit.DeribitApiException;
import io.basis.venue.deribit.DeribitBookSummary;
import io.basis.venue.deribit.DeribitInstruments;
import io.basis.venue.deribit.DeribitRequests;
import io.basis.venue.deribit.DeribitRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.basis.simulator.DeribitResponses.JSON;
import static io.basis.simulator.DeribitWsSimulatorTest.fieldNames;
import static io.basis.simulator.DeribitWsSimulatorTest.fixture;
import static io.basis.simulator.JdkWsClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitRestSimulatorTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private static final Instant RX = Instant.parse("2026-11-22T00:00:00Z");
    private static final String PERP = "BTC-PERPETUAL";
    private static final long H = 3_600_000L;
    private static final long T0 = 1_763_769_600_000L;

    private final DeribitVenue deribit = DeribitVenue.start();
    private final DeribitMarket market = deribit.market();

    @AfterEach
    void stop() {
        deribit.close();
    }

    @Test
    void getInstrumentsFiltersByCurrencyKindAndExpiryInTheReferenceFormat() throws Exception {
        market.listAll(PERP, "BTC-26JUN26", "BTC-27DEC26-100000-C", "BTC-8MAY26-95000-P", "ETH-PERPETUAL",
                "BTC_USDC-PERPETUAL");
        market.expire("BTC-8MAY26-95000-P");

        HttpResponse<String> options = get("/api/v2/public/get_instruments?currency=BTC&kind=option");
        HttpResponse<String> futures = get("/api/v2/public/get_instruments?currency=BTC&kind=future&expired=false");
        HttpResponse<String> usdc = get("/api/v2/public/get_instruments?currency=USDC&kind=future");
        HttpResponse<String> expired = get("/api/v2/public/get_instruments?currency=BTC&expired=true");

        JsonNode option = JSON.readTree(options.body()).get("result").get(0);
        JsonNode fixture = fixture("rest/get_instruments_mixed").get("result");
        assertThat(fieldNames(option)).containsExactlyElementsOf(fieldNames(fixture.get(0)));
        JsonNode perp = JSON.readTree(futures.body()).get("result").get(0);
        assertThat(fieldNames(perp)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture.get(1)));

        List<Instrument> btcFutures = DeribitInstruments.parse(bytes(futures), RX);
        assertThat(btcFutures).extracting(Instrument::symbol).containsExactly(PERP, "BTC-26JUN26");
        assertThat(btcFutures).extracting(Instrument::kind).containsExactly(InstrumentKind.PERPETUAL,
                InstrumentKind.FUTURE);
        Instrument linear = DeribitInstruments.parse(bytes(usdc), RX).getFirst();
        assertThat(List.of(linear.symbol(), linear.base(), linear.quote(), linear.settle())).containsExactly(
                "BTC_USDC-PERPETUAL", "BTC", "USDC", "USDC");
        assertThat(linear.contractType()).isEqualTo(ContractType.LINEAR);
        assertThat(btcFutures.get(1).expiry()).isEqualTo(Instant.parse("2026-06-26T08:00:00Z"));
        Instrument call = DeribitInstruments.parse(bytes(options), RX).getFirst();
        assertThat(call.normalizedSymbol()).isEqualTo("BTC-USD-261227-100000-C");
        assertThat(DeribitInstruments.parse(bytes(expired), RX)).extracting(Instrument::symbol)
                .containsExactly("BTC-8MAY26-95000-P");
    }

    @Test
    void bookSummaryGivesTheOpenInterestTheTopNSelectionRanksBy() throws Exception {
        market.list("ETH-27DEC26-4000-C").openInterest("9000");
        market.list("BTC-27DEC26-100000-C").openInterest("1520.3");
        market.list("BTC-27DEC26-120000-C").openInterest("2210");
        market.list("BTC-27DEC26-80000-P").openInterest("15");
        market.list(PERP);

        HttpResponse<String> r = get(DeribitRequests.bookSummaryByCurrency("BTC", "option").path());

        JsonNode first = JSON.readTree(r.body()).get("result").get(0);
        assertThat(fieldNames(first)).containsExactlyElementsOf(
                fieldNames(fixture("rest/get_book_summary_by_currency_option").get("result").get(0)));
        List<DeribitBookSummary> summaries = DeribitRest.bookSummary(bytes(r));
        assertThat(summaries).hasSize(3);
        assertThat(DeribitBookSummary.topByOpenInterest(summaries, 2)).extracting(DeribitBookSummary::instrumentName)
                .containsExactly("BTC-27DEC26-120000-C", "BTC-27DEC26-100000-C");
    }

    @Test
    void fundingHistoryServesTheHourlyRowsOfTheWindow() throws Exception {
        market.list(PERP);
        for (int h = 0; h < 5; h++) {
            market.history().fundingRow(PERP, T0 + h * H, "0.0000" + (h + 1), "6.4e-6", "100000", "99990");
        }

        HttpResponse<String> r = get(DeribitRequests.fundingRateHistory(PERP, Instant.ofEpochMilli(T0 + H),
                Instant.ofEpochMilli(T0 + 3 * H)).path());

        assertThat(fieldNames(JSON.readTree(r.body()).get("result").get(0))).containsExactlyInAnyOrderElementsOf(
                fieldNames(fixture("rest/get_funding_rate_history_btc-perpetual").get("result").get(0)));
        List<FundingRate> rows = DeribitRest.fundingRateHistory(bytes(r), PERP, RX);
        assertThat(rows).extracting(f -> f.rate().toPlainString()).containsExactly("0.00002", "0.00003", "0.00004");
        assertThat(rows.getFirst().fundingTime()).isEqualTo(Instant.ofEpochMilli(T0 + H));
    }

    @Test
    void chartDataIsColumnarWithNoDataAndInvalidResolution() throws Exception {
        market.list(PERP);
        market.history().candle(PERP, T0, "100", "110", "95", "105", "1.5", "150000");
        market.history().candle(PERP, T0 + 60_000, "105", "106", "104", "104.5", "0.2", "21000");

        HttpResponse<String> ok = get(DeribitRequests.chartData(PERP, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 60_000), "1").path());
        HttpResponse<String> none = get(DeribitRequests.chartData(PERP, Instant.ofEpochMilli(0),
                Instant.ofEpochMilli(1000), "1").path());
        HttpResponse<String> bad = get("/api/v2/public/get_tradingview_chart_data?instrument_name=BTC-PERPETUAL"
                + "&start_timestamp=0&end_timestamp=1&resolution=7");

        assertThat(fieldNames(JSON.readTree(ok.body()).get("result"))).containsExactlyInAnyOrderElementsOf(
                fieldNames(fixture("rest/get_tradingview_chart_data_ok").get("result")));
        List<Candle> candles = DeribitRest.chartData(bytes(ok), PERP, "1", RX);
        assertThat(candles).extracting(c -> c.close().toString()).containsExactly("105", "104.5");
        assertThat(candles.get(1).quoteVolume()).isEqualByComparingTo("21000");
        assertThat(DeribitRest.chartData(bytes(none), PERP, "1", RX)).isEmpty();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> DeribitRest.chartData(bytes(bad), PERP, "1", RX))
                .isInstanceOfSatisfying(DeribitApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.reason()).startsWith("must be one of the following");
                });
    }

    @Test
    void lastTradesByTimeCountsSortsAndCarriesLiquidations() throws Exception {
        market.list(PERP);
        market.trade(PERP).buy("100000", "10").at(T0).record();
        market.trade(PERP).sell("99000", "21500").liquidation("T").at(T0 + 1).record();
        market.trade(PERP).buy("99500", "20").liquidation("MT").at(T0 + 2).publish();

        HttpResponse<String> page = get(DeribitRequests.lastTradesByInstrumentAndTime(PERP, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 10), 2, true).path());

        DeribitRest.TradesPage trades = DeribitRest.lastTrades(bytes(page), RX);
        assertThat(trades.trades()).extracting(t -> t.price().toString()).containsExactly("100000", "99000");
        assertThat(trades.liquidations()).extracting(l -> l.side()).containsExactly(Side.SELL);
        assertThat(trades.hasMore()).isTrue();
        DeribitRest.TradesPage desc = DeribitRest.lastTrades(bytes(get(DeribitRequests.lastTradesByInstrumentAndTime(
                PERP, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 10), 10, false).path())), RX);
        assertThat(desc.trades()).extracting(t -> t.venueTime().toEpochMilli()).containsExactly(T0 + 2, T0 + 1, T0);
        assertThat(desc.liquidations()).hasSize(3);
        assertThat(desc.hasMore()).isFalse();
    }

    @Test
    void volatilityIndexDataPagesBackwardsWithAContinuation() throws Exception {
        for (int i = 0; i < 1005; i++) {
            market.history().volatilityRow("BTC", T0 + i * 60_000L, "52", "53", "51", "52." + i);
        }

        HttpResponse<String> r = get(DeribitRequests.volatilityIndexData("BTC", Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 2_000 * 60_000L), "60").path());

        DeribitRest.VolatilityPage page = DeribitRest.volatilityIndex(bytes(r), "BTC", RX);
        assertThat(page.values()).hasSize(1000);
        assertThat(page.values().getFirst().venueTime()).isEqualTo(Instant.ofEpochMilli(T0 + 5 * 60_000L));
        assertThat(page.values().getFirst().symbol()).isEqualTo("btc_usd");
        assertThat(page.continuation()).isEqualTo(T0 + 5 * 60_000L - 1);
        DeribitRest.VolatilityPage rest = DeribitRest.volatilityIndex(bytes(get(DeribitRequests.volatilityIndexData(
                "BTC", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(page.continuation()), "60").path())), "BTC", RX);
        assertThat(rest.values()).hasSize(5);
        assertThat(rest.continuation()).isNull();
    }

    @Test
    void orderBookTickerUnknownInstrumentAndTooManyRequests() throws Exception {
        market.list(PERP);
        market.publishBook(PERP, List.of("new:99:5", "new:98:1"), List.of("new:101:4"));
        market.tooManyRequests("public/ticker", 1);

        JsonNode book = JSON.readTree(get("/api/v2/public/get_order_book?instrument_name=BTC-PERPETUAL&depth=1")
                .body()).get("result");
        HttpResponse<String> limited = get("/api/v2/public/ticker?instrument_name=BTC-PERPETUAL");
        HttpResponse<String> ticker = get("/api/v2/public/ticker?instrument_name=BTC-PERPETUAL");
        HttpResponse<String> unknown = get("/api/v2/public/ticker?instrument_name=BTC-1JAN20");
        HttpResponse<String> missing = get("/api/v2/public/ticker");

        assertThat(book.get("change_id").asLong()).isEqualTo(market.changeId(PERP));
        assertThat(book.get("bids").toString()).isEqualTo("[[99,5]]");
        assertThat(book.get("asks").toString()).isEqualTo("[[101,4]]");
        assertThat(book.get("best_bid_price").asString() + "/" + book.get("best_ask_amount").asString())
                .isEqualTo("99/4");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThatThrownBy(() -> DeribitRest.fundingRateHistory(bytes(limited), PERP, RX))
                .isInstanceOfSatisfying(DeribitApiException.class, e -> assertThat(e.isRateLimited()).isTrue());
        assertThat(JSON.readTree(ticker.body()).path("result").path("funding_8h").isNumber()).isTrue();
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("error").path("code").asInt()).isEqualTo(10020);
        assertThat(JSON.readTree(missing.body()).path("error").path("data").path("param").asString())
                .isEqualTo("instrument_name");
        assertThat(deribit.rest().requests("/api/v2/public/ticker")).hasSize(4);
    }

    private HttpResponse<String> get(String target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(deribit.restUrl() + target)).timeout(TIMEOUT).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(HttpResponse<String> response) {
        return response.body().getBytes(StandardCharsets.UTF_8);
    }
}
