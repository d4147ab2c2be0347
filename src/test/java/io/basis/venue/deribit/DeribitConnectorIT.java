package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.model.Candle;
import io.basis.model.ContractType;
import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.MarkPrice;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.OptionType;
import io.basis.model.VolatilityIndex;
import io.basis.simulator.RecordedRequest;
import io.basis.simulator.SimConnection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deribit connector against the simulated venue, storing into the shared test database: what it selects,
 * subscribes and stores in normal operation.
 */
class DeribitConnectorIT extends DeribitItSupport {
    private static final String BTC_PERP = "BTC-PERPETUAL";
    private static final String ETH_PERP = "ETH-PERPETUAL";
    private static final Map<String, String> EVERY_UPDATE = Map.of("snapshot-interval", "0ms");
    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void tracksTheTopNOptionsOfEachCurrencyByOpenInterest() throws Exception {
        market.listAll(BTC_PERP, ETH_PERP, "BTC-26MAR27");
        market.list("BTC-27DEC26-100000-C").openInterest("2210");
        market.list("BTC-27DEC26-120000-C").openInterest("1520.3");
        market.list("BTC-27DEC26-80000-P").openInterest("900");
        market.list("BTC-26MAR27-90000-P").openInterest("15");
        market.list("ETH-27DEC26-4000-C").openInterest("9000");
        market.list("ETH-27DEC26-3000-P").openInterest("100");
        market.list("ETH-26MAR27-5000-C").openInterest("4000");
        start(config(List.of("BTC", "ETH"), channels(Channel.INSTRUMENTS, Map.of(),
                Channel.OPTION_TICKER, Map.of("top", "2", "snapshot-interval", "0ms"),
                Channel.MARK_PRICE, EVERY_UPDATE)), tuning());

        Set<String> top = Set.of("BTC-27DEC26-100000-C", "BTC-27DEC26-120000-C", "ETH-27DEC26-4000-C",
                "ETH-26MAR27-5000-C");
        top.forEach(o -> subscribed("ticker." + o + ".100ms"));
        SimConnection ws = subscribed("ticker.BTC-26MAR27.100ms");
        assertThat(connector.tracked().options()).containsExactlyInAnyOrderElementsOf(top);
        assertThat(connector.tracked().perpetuals()).containsExactly(BTC_PERP, ETH_PERP);
        assertThat(ws.subscriptions()).filteredOn(c -> c.startsWith("ticker.") && c.split("-").length == 4)
                .hasSize(4);
        assertThat(sentTo("/api/v2/public/get_book_summary_by_currency")).extracting(r -> r.param("currency")
                + "/" + r.param("kind")).contains("BTC/option", "ETH/option");

        for (var listing : market.listings()) {
            int sent = market.publishTicker(listing.name());
            assertThat(sent).as(listing.name()).isEqualTo(listing.isOption() && !top.contains(listing.name())
                    ? 0 : 1);
        }
        eventually(() -> top.stream().allMatch(o -> !rows(EventType.OPTION_TICKER, o).isEmpty()),
                "quotes of every top option");
        assertThat(count("SELECT count(DISTINCT t.instrument_id) FROM option_ticker t")).isEqualTo(4);
        eventually(() -> queries.instruments(VENUE, null).size() == 10, () -> "all 10 listings stored; have "
                + queries.instruments(VENUE, null).stream().map(Instrument::symbol).toList());
    }

    @Test
    void aCoinListedOnlyAsUsdcLinearIsTrackedFromTheUsdcListings() throws Exception {
        market.list(BTC_PERP);
        market.list("BTC_USDC-PERPETUAL");
        market.list("SOL_USDC-PERPETUAL");
        market.list("SOL_USDC-27DEC26-200-C").openInterest("5000");
        market.list("SOL_USDC-27DEC26-150-P").openInterest("800");
        market.list("XRP_USDC-27DEC26-0d5-C").openInterest("90000");
        start(config(List.of("BTC", "SOL"), channels(Channel.INSTRUMENTS, Map.of(),
                Channel.OPTION_TICKER, Map.of("top", "1", "snapshot-interval", "0ms"),
                Channel.INDEX_PRICE, EVERY_UPDATE, Channel.VOLATILITY_INDEX, Map.of())), tuning());

        SimConnection ws = subscribed("ticker.SOL_USDC-27DEC26-200-C.100ms");
        subscribed("ticker.SOL_USDC-PERPETUAL.100ms");
        subscribed("deribit_price_index.sol_usdc");
        subscribed("deribit_volatility_index.btc_usd");
        assertThat(connector.tracked().options()).containsExactly("SOL_USDC-27DEC26-200-C");
        assertThat(connector.tracked().perpetuals()).containsExactlyInAnyOrder(BTC_PERP, "SOL_USDC-PERPETUAL");
        assertThat(ws.subscriptions()).noneMatch(c -> c.contains("XRP") || c.contains("BTC_USDC")
                || c.equals("deribit_volatility_index.sol_usd"));
        assertThat(sentTo("/api/v2/public/get_book_summary_by_currency")).extracting(r -> r.param("currency"))
                .contains("BTC", "USDC").doesNotContain("SOL");

        market.listing("SOL_USDC-27DEC26-200-C").markPrice("12.5");
        market.publishTicker("SOL_USDC-27DEC26-200-C");
        market.publishPriceIndex("sol_usdc", "187.25");
        eventually(() -> rows(OptionTicker.class, EventType.OPTION_TICKER, "SOL_USDC-27DEC26-200-C").stream()
                .anyMatch(q -> q.markPrice().compareTo(d("12.5")) == 0)
                && !rows(EventType.INDEX_PRICE, "sol_usdc").isEmpty(), "the SOL quote and index");
        eventually(() -> !queries.instruments(VENUE, "SOL_USDC-27DEC26-200-C").isEmpty(), "the SOL option stored");
        Instrument sol = queries.instruments(VENUE, "SOL_USDC-27DEC26-200-C").getFirst();
        assertThat(List.of(sol.base(), sol.quote(), sol.settle())).containsExactly("SOL", "USDC", "USDC");
        assertThat(sol.contractType()).isEqualTo(ContractType.LINEAR);
        assertThat(queries.instruments(VENUE, "XRP_USDC-27DEC26-0d5-C")).isEmpty();
    }

    @Test
    void instrumentsAreStoredWithTheirTermsAndAPerpetualTickerFansOut() throws Exception {
        String call = "BTC-27DEC26-100000-C";
        market.list(BTC_PERP).markPrice("100000.5").indexPrice("99990.25").openInterest("300000000")
                .funding("0.0000512", "0.00001");
        market.list(call).openInterest("7");
        start(config(List.of("BTC"), channels(Channel.INSTRUMENTS, Map.of(), Channel.OPTION_TICKER, Map.of("top", "1"),
                Channel.MARK_PRICE, EVERY_UPDATE, Channel.INDEX_PRICE, EVERY_UPDATE, Channel.OPEN_INTEREST,
                EVERY_UPDATE, Channel.FUNDING, EVERY_UPDATE)), tuning());
        subscribed("ticker." + BTC_PERP + ".100ms");

        eventually(() -> queries.instruments(VENUE, null).size() == 2, "both instruments stored");
        Instrument option = queries.instruments(VENUE, call).getFirst();
        assertThat(option.normalizedSymbol()).isEqualTo("BTC-USD-261227-100000-C");
        assertThat(List.of(option.kind(), option.optionType(), option.contractType()))
                .containsExactly(InstrumentKind.OPTION, OptionType.CALL, ContractType.INVERSE);
        assertThat(List.of(option.base(), option.quote(), option.settle())).containsExactly("BTC", "USD", "BTC");
        assertThat(option.expiry()).isEqualTo(Instant.parse("2026-12-27T08:00:00Z"));
        assertThat(List.of(option.strike(), option.tickSize(), option.lotSize(), option.contractSize()))
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("100000"), d("0.0005"), d("0.1"),
                        d("1"));
        Instrument perp = queries.instruments(VENUE, BTC_PERP).getFirst();
        assertThat(List.of(perp.kind(), perp.contractType())).containsExactly(InstrumentKind.PERPETUAL,
                ContractType.INVERSE);
        assertThat(perp.expiry()).isNull();
        assertThat(perp.contractSize()).isEqualByComparingTo("10");

        long at = market.now();
        market.publishTicker(BTC_PERP, at);
        eventually(() -> !rows(EventType.MARK_PRICE, BTC_PERP).isEmpty() && !rows(EventType.FUNDING_RATE, BTC_PERP)
                .isEmpty() && !rows(EventType.OPEN_INTEREST, BTC_PERP).isEmpty()
                && !rows(EventType.INDEX_PRICE, "btc_usd").isEmpty(), "mark, funding, open interest and index");
        MarkPrice mark = rows(MarkPrice.class, EventType.MARK_PRICE, BTC_PERP).getFirst();
        assertThat(List.of(mark.markPrice(), mark.indexPrice(), mark.estimatedSettlePrice()))
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("100000.5"), d("99990.25"),
                        d("99990.25"));
        assertThat(mark.venueTime()).isEqualTo(Instant.ofEpochMilli(at));
        FundingRate funding = rows(FundingRate.class, EventType.FUNDING_RATE, BTC_PERP).getFirst();
        assertThat(funding.rate()).isEqualByComparingTo("0.0000512");
        assertThat(funding.fundingTime()).isEqualTo(Instant.ofEpochMilli(at).truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(1)));
        assertThat(rows(IndexPrice.class, EventType.INDEX_PRICE, "btc_usd").getFirst().price())
                .isEqualByComparingTo("99990.25");
    }

    @Test
    void optionQuoteIsStoredWithEveryFieldAndItsGreeks() throws Exception {
        String call = "BTC-25DEC26-110000-C";
        market.list(BTC_PERP);
        market.list(call).openInterest("1520.3");
        start(config(List.of("BTC"), channels(Channel.OPTION_TICKER, Map.of("top", "5", "snapshot-interval", "0ms"))),
                tuning());
        subscribed("ticker." + call + ".100ms");
        // the start-up greeks poll must not see the quote below: the store keeps only quotes that changed
        eventually(() -> !rows(EventType.OPTION_TICKER, call).isEmpty(), "the start-up greeks snapshot");

        market.listing(call).quote("0.0105", "12.5", "0.0110", "8.0").markPrice("0.01075")
                .iv("55.20", "57.10", "56.15").greeks("0.21345", "0.00001234", "45.12", "-30.5", "12.01")
                .openInterest("1520.3").underlyingPrice("67118.12");
        long at = 1_790_000_000_123L;
        assertThat(market.publishTicker(call, at)).isEqualTo(1);

        eventually(() -> quoteAt(call, at) != null, "the quote at " + at);
        OptionTicker q = quoteAt(call, at);
        assertThat(List.of(q.bidPrice(), q.bidAmount(), q.askPrice(), q.askAmount(), q.markPrice(), q.bidIv(),
                q.askIv(), q.markIv(), q.delta(), q.gamma(), q.vega(), q.theta(), q.rho(), q.openInterest(),
                q.underlyingPrice())).usingElementComparator(BigDecimal::compareTo).containsExactly(
                d("0.0105"), d("12.5"), d("0.0110"), d("8.0"), d("0.01075"), d("55.20"), d("57.10"), d("56.15"),
                d("0.21345"), d("0.00001234"), d("45.12"), d("-30.5"), d("12.01"), d("1520.3"), d("67118.12"));
        assertThat(q.underlyingIndex()).isEqualTo("SYN.BTC-25DEC26");
        assertThat(q.venue()).isEqualTo(VENUE);
        assertThat(q.receivedAt()).isAfter(Instant.ofEpochMilli(at));
    }

    @Test
    void dvolAndIndexPricesAreStoredFromStreamsAndDvolHistory() throws Exception {
        market.listAll(BTC_PERP, ETH_PERP);
        long historic = market.now() - 30_000;
        market.history().volatilityRow("BTC", historic, "51", "53", "50.5", "52.07");
        start(config(List.of("BTC", "ETH"), channels(Channel.VOLATILITY_INDEX, Map.of(),
                Channel.INDEX_PRICE, EVERY_UPDATE)), tuning());
        subscribed("deribit_volatility_index.eth_usd");
        subscribed("deribit_price_index.btc_usd");

        market.publishVolatilityIndex("btc_usd", "52.31");
        market.publishVolatilityIndex("eth_usd", "68.4");
        market.publishPriceIndex("btc_usd", "100123.45");
        market.publishPriceIndex("eth_usd", "3456.7");

        eventually(() -> rows(EventType.VOLATILITY_INDEX, "btc_usd").size() == 2
                && rows(EventType.VOLATILITY_INDEX, "eth_usd").size() == 1
                && rows(EventType.INDEX_PRICE, "eth_usd").size() == 1
                && !rows(EventType.INDEX_PRICE, "btc_usd").isEmpty(), "DVOL and index prices");
        assertThat(rows(VolatilityIndex.class, EventType.VOLATILITY_INDEX, "btc_usd"))
                .extracting(v -> v.value().toPlainString()).containsExactly("52.07", "52.31");
        assertThat(rows(VolatilityIndex.class, EventType.VOLATILITY_INDEX, "btc_usd").getFirst().venueTime())
                .isEqualTo(Instant.ofEpochMilli(historic));
        assertThat(rows(VolatilityIndex.class, EventType.VOLATILITY_INDEX, "eth_usd").getFirst().value())
                .isEqualByComparingTo("68.4");
        assertThat(rows(IndexPrice.class, EventType.INDEX_PRICE, "btc_usd")).extracting(IndexPrice::price)
                .usingElementComparator(BigDecimal::compareTo).contains(d("100123.45"));
        assertThat(rows(IndexPrice.class, EventType.INDEX_PRICE, "eth_usd").getFirst().price())
                .isEqualByComparingTo("3456.7");
    }

    @Test
    void candlesAndOpenInterestArePolledAndStreamed() throws Exception {
        String put = "BTC-27DEC26-80000-P";
        market.list(BTC_PERP).openInterest("333091400").markPrice("100000");
        market.list(put).openInterest("321.5").underlyingPrice("100010");
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        for (int m = 3; m >= 1; m--) {
            market.history().candle(BTC_PERP, minute - m * 60_000L, "100" + m, "101" + m, "99" + m, "100.5", "1." + m,
                    "15000" + m);
        }
        start(config(List.of("BTC"), channels(Channel.CANDLES, Map.of("interval", "1m"),
                Channel.OPEN_INTEREST, EVERY_UPDATE, Channel.OPTION_TICKER, Map.of("top", "1"))), tuning());
        subscribed("ticker." + BTC_PERP + ".100ms");

        eventually(() -> rows(EventType.CANDLE, BTC_PERP).size() == 3, "three polled bars");
        List<Candle> bars = rows(Candle.class, EventType.CANDLE, BTC_PERP);
        assertThat(bars).extracting(c -> c.venueTime().toEpochMilli()).containsExactly(minute - 180_000L,
                minute - 120_000L, minute - 60_000L);
        Candle first = bars.getFirst();
        assertThat(List.of(first.open(), first.high(), first.low(), first.close(), first.volume(),
                first.quoteVolume())).usingElementComparator(BigDecimal::compareTo).containsExactly(d("1003"),
                d("1013"), d("993"), d("100.5"), d("1.3"), d("150003"));
        assertThat(bars).allSatisfy(c -> {
            assertThat(c.interval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(c.closed()).isTrue();
        });
        assertThat(deribit.rest().requests("/api/v2/public/get_tradingview_chart_data").getFirst().param("resolution"))
                .isEqualTo("1");

        eventually(() -> !rows(EventType.OPEN_INTEREST, put).isEmpty(), "the option's open interest (book summary)");
        OpenInterest optionOi = rows(OpenInterest.class, EventType.OPEN_INTEREST, put).getFirst();
        assertThat(optionOi.amount()).isEqualByComparingTo("321.5");
        assertThat(optionOi.notional()).isEqualByComparingTo(d("321.5").multiply(d("100010")));
        market.publishTicker(BTC_PERP);
        eventually(() -> !rows(EventType.OPEN_INTEREST, BTC_PERP).isEmpty(), "the perpetual's open interest");
        OpenInterest perpOi = rows(OpenInterest.class, EventType.OPEN_INTEREST, BTC_PERP).getFirst();
        assertThat(perpOi.amount()).isEqualByComparingTo("333091400");
        assertThat(perpOi.notional()).isEqualByComparingTo("333091400");
        assertThat(perpOi.baseAmount()).isEqualByComparingTo("3330.914");
    }

    @Test
    void manyChannelsAreSubscribedInBoundedRequests() throws Exception {
        market.list(BTC_PERP);
        for (int i = 0; i < 30; i++) {
            market.list("BTC-27DEC26-" + (50_000 + i * 1000) + "-C").openInterest(Integer.toString(100 + i));
        }
        start(config(List.of("BTC"), channels(Channel.OPTION_TICKER, Map.of("top", "30", "snapshot-interval", "0ms"),
                Channel.TRADES, Map.of())), tuning());

        SimConnection ws = subscribed("ticker.BTC-27DEC26-79000-C.100ms");
        eventually(() -> subscribeRequests(ws).stream().mapToInt(JsonNode::size).sum() == 61,
                () -> "61 channels requested; have " + subscribeRequests(ws));
        assertThat(ws.subscriptions()).hasSize(61);
        assertThat(subscribeRequests(ws)).hasSizeGreaterThan(1).allSatisfy(channels -> assertThat(channels.size())
                .isBetween(1, DeribitSubscriptions.MAX_CHANNELS_PER_MESSAGE));
    }

    @Test
    void aRefusedSubscriptionLeavesTheOtherChannelsFlowing() throws Exception {
        String good = "BTC-27DEC26-100000-C";
        String refused = "BTC-27DEC26-120000-C";
        market.list(BTC_PERP);
        market.list(good).openInterest("300");
        market.list(refused).openInterest("200");
        market.rejectChannel("ticker." + refused + ".100ms");
        start(config(List.of("BTC"), channels(Channel.OPTION_TICKER, Map.of("top", "5", "snapshot-interval", "0ms"),
                Channel.TRADES, Map.of())), tuning());

        SimConnection ws = subscribed("ticker." + good + ".100ms");
        subscribed("trades." + refused + ".100ms");
        subscribed("trades." + BTC_PERP + ".100ms");
        eventually(() -> messages("public/subscribe", "ticker." + refused + ".100ms") >= 2,
                "the refused channel retried on its own");
        assertThat(ws.isSubscribed("ticker." + refused + ".100ms")).isFalse();

        market.listing(good).markPrice("0.0333");
        market.publishTicker(good);
        market.trade(refused).buy("0.02", "3").id("r1").publish();
        eventually(() -> rows(OptionTicker.class, EventType.OPTION_TICKER, good).stream()
                .anyMatch(q -> q.markPrice().compareTo(d("0.0333")) == 0)
                && rows(EventType.TRADE, refused).size() == 1, "the good option's quote and the other's trade");
        assertThat(deribit.ws().connections()).as("no reconnect").hasSize(1);
    }

    private static List<JsonNode> subscribeRequests(SimConnection ws) {
        return ws.messages().stream().filter(m -> m.contains("public/subscribe"))
                .map(m -> JSON.readTree(m).path("params").path("channels")).toList();
    }

    private OptionTicker quoteAt(String symbol, long millis) {
        return rows(OptionTicker.class, EventType.OPTION_TICKER, symbol).stream()
                .filter(q -> q.venueTime().toEpochMilli() == millis).findFirst().orElse(null);
    }

    private List<RecordedRequest> sentTo(String path) {
        return deribit.rest().requests(path);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }
}
