package io.basis.api;

import io.basis.model.ContractType;
import io.basis.model.FundingRate;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.VolatilityIndex;
import io.basis.support.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/funding-rates, /api/v1/open-interest and /api/v1/volatility-index against real PostgreSQL. */
class MarketEndpointsIT extends DatabaseTestSupport {
    /** The top of the current hour: funding periods settle on hours. */
    static final Instant H = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @LocalServerPort int port;

    HttpJson http;

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Instrument perpetual(String venue, String symbol, String normalized, String base, String quote,
                                ContractType type) {
        return new Instrument(venue, symbol, normalized, InstrumentKind.PERPETUAL, base, quote, base, d("1"), type,
                null, null, null, d("0.1"), d("1"), H.minus(Duration.ofDays(1)), H.minus(Duration.ofDays(1)));
    }

    static FundingRate funding(String venue, String symbol, Instant observed, Instant fundingTime, String rate,
                               Duration interval) {
        return new FundingRate(venue, symbol, observed, observed.plusMillis(5), fundingTime, d(rate), null, interval);
    }

    static OpenInterest oi(String venue, String symbol, Instant t, String amount, String base, String notional) {
        return new OpenInterest(venue, symbol, t, t.plusMillis(5), d(amount), base == null ? null : d(base),
                notional == null ? null : d(notional));
    }

    @BeforeEach
    void data() throws Exception {
        emptyDatabase();
        http = new HttpJson(port);
        List<MarketEvent> events = new ArrayList<>();
        events.add(perpetual("binance-usdm", "BTCUSDT", "BTC-USDT-PERP", "BTC", "USDT", ContractType.LINEAR));
        events.add(perpetual("binance-usdm", "ETHUSDT", "ETH-USDT-PERP", "ETH", "USDT", ContractType.LINEAR));
        events.add(perpetual("binance-usdm", "SOLUSDT", "SOL-USDT-PERP", "SOL", "USDT", ContractType.LINEAR));
        events.add(perpetual("deribit", "BTC-PERPETUAL", "BTC-USD-PERP", "BTC", "USD", ContractType.INVERSE));
        events.add(new Instrument("deribit", "BTC-25DEC26", "BTC-USD-261225", InstrumentKind.FUTURE, "BTC", "USD",
                "BTC", d("10"), ContractType.INVERSE, Instant.parse("2026-12-25T08:00:00Z"), null, null, d("2.5"),
                d("10"), H.minus(Duration.ofDays(1)), H.minus(Duration.ofDays(1))));
        // BTCUSDT: a settled period 8 h ago and the current estimate for the next one
        events.add(funding("binance-usdm", "BTCUSDT", H.minus(Duration.ofHours(8)), H.minus(Duration.ofHours(8)),
                "0.00010000", Duration.ofHours(8)));
        events.add(funding("binance-usdm", "BTCUSDT", H.minus(Duration.ofMinutes(1)), H.plus(Duration.ofHours(8)),
                "0.00012000", Duration.ofHours(8)));
        // ETHUSDT pays every 4 h
        events.add(funding("binance-usdm", "ETHUSDT", H.minus(Duration.ofMinutes(2)), H.plus(Duration.ofHours(4)),
                "0.00010000", Duration.ofHours(4)));
        // Deribit: trailing 8-h rate, hourly rows
        events.add(funding("deribit", "BTC-PERPETUAL", H.minus(Duration.ofMinutes(3)), H.plus(Duration.ofHours(1)),
                "0.00004", Duration.ofHours(8)));
        events.add(oi("binance-usdm", "BTCUSDT", H.minus(Duration.ofMinutes(10)), "80000.100", "80000.100",
                "5600007000.00"));
        events.add(oi("binance-usdm", "BTCUSDT", H.minus(Duration.ofMinutes(5)), "80100.200", "80100.200",
                "5607014000.00"));
        events.add(oi("deribit", "BTC-PERPETUAL", H.minus(Duration.ofMinutes(4)), "1000000000", "14285.71428571",
                "1000000000"));
        events.add(oi("deribit", "BTC-25DEC26", H.minus(Duration.ofMinutes(4)), "250000000", "3500.0", "250000000"));
        for (int k = 0; k < 10; k++) {
            events.add(new VolatilityIndex("deribit", "btc_usd", dvolTime(k), dvolTime(k).plusMillis(1),
                    d("50." + k + "0")));
        }
        events.add(new VolatilityIndex("deribit", "btc_usd", H.minus(Duration.ofDays(3)), H.minus(Duration.ofDays(3)),
                d("44.00")));
        events.add(new VolatilityIndex("deribit", "sol_usd", H.minus(Duration.ofHours(1)), H.minus(Duration.ofHours(1)),
                d("70.5")));
        store(events);
    }

    /** DVOL values every 30 s from H - 2h: k = 0..9 with value 50.k0. */
    static Instant dvolTime(int k) {
        return H.minus(Duration.ofHours(2)).plusSeconds(30L * k);
    }

    @Test
    void latestFundingIsTheCurrentPeriodOfEveryPerpetualAcrossVenues() throws Exception {
        JsonNode body = http.ok("/api/v1/funding-rates");
        assertThat(body.get("mode").asString()).isEqualTo("latest");
        assertThat(body.get("count").asInt()).isEqualTo(3);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        JsonNode rates = body.get("rates");
        assertThat(rates.valueStream().map(r -> r.get("venue").asString() + " " + r.get("symbol").asString()))
                .containsExactly("binance-usdm BTCUSDT", "binance-usdm ETHUSDT", "deribit BTC-PERPETUAL");

        JsonNode btc = rates.get(0);
        assertThat(btc.get("normalized_symbol").asString()).isEqualTo("BTC-USDT-PERP");
        assertThat(btc.get("kind").asString()).isEqualTo("perpetual");
        assertThat(btc.get("base").asString()).isEqualTo("BTC");
        assertThat(btc.get("quote").asString()).isEqualTo("USDT");
        assertThat(btc.get("rate").asString()).isEqualTo("0.00012000");
        assertThat(btc.get("interval").asString()).isEqualTo("PT8H");
        assertThat(btc.get("rate_8h").asString()).isEqualTo("0.00012");
        assertThat(btc.get("rate_annualized").asString()).isEqualTo("0.1314");
        assertThat(btc.get("funding_time").asString()).isEqualTo(H.plus(Duration.ofHours(8)).toString());
        assertThat(btc.get("next_funding_time").asString()).isEqualTo(H.plus(Duration.ofHours(8)).toString());
        assertThat(btc.get("settled").asBoolean()).isFalse();
        assertThat(btc.get("observed_at").asString()).isEqualTo(H.minus(Duration.ofMinutes(1)).toString());
        assertThat(btc.get("age_seconds").asDouble()).isGreaterThanOrEqualTo(60);
        assertThat(btc.get("predicted_rate").isNull()).isTrue();

        JsonNode eth = rates.get(1);
        assertThat(eth.get("rate_8h").asString()).isEqualTo("0.0002");
        assertThat(eth.get("rate_annualized").asString()).isEqualTo("0.219");

        JsonNode deribit = rates.get(2);
        assertThat(deribit.get("rate").asString()).isEqualTo("0.00004");
        assertThat(deribit.get("rate_8h").asString()).isEqualTo("0.00004");
        assertThat(deribit.get("rate_annualized").asString()).isEqualTo("0.0438");
        assertThat(deribit.get("normalized_symbol").asString()).isEqualTo("BTC-USD-PERP");
    }

    @Test
    void fundingFiltersByVenueSymbolCurrencyAndKind() throws Exception {
        assertThat(symbols(http.ok("/api/v1/funding-rates?venue=deribit").get("rates")))
                .containsExactly("BTC-PERPETUAL");
        assertThat(symbols(http.ok("/api/v1/funding-rates?currency=btc").get("rates")))
                .containsExactly("BTCUSDT", "BTC-PERPETUAL");
        assertThat(symbols(http.ok("/api/v1/funding-rates?symbol=BTC-USDT-PERP").get("rates")))
                .containsExactly("BTCUSDT");
        assertThat(symbols(http.ok("/api/v1/funding-rates?kind=future").get("rates"))).isEmpty();
        assertThat(http.ok("/api/v1/funding-rates?limit=2").get("truncated").asBoolean()).isTrue();
    }

    @Test
    void fundingHistoryOfOneSymbolIsOldestFirst() throws Exception {
        JsonNode body = http.ok("/api/v1/funding-rates?symbol=BTCUSDT&from=" + H.minus(Duration.ofDays(1)) + "&to="
                + H.plus(Duration.ofDays(1)));
        assertThat(body.get("mode").asString()).isEqualTo("history");
        JsonNode rates = body.get("rates");
        assertThat(rates.size()).isEqualTo(2);
        assertThat(rates.get(0).get("rate").asString()).isEqualTo("0.00010000");
        assertThat(rates.get(0).get("settled").asBoolean()).isTrue();
        assertThat(rates.get(0).get("next_funding_time").isNull()).isTrue();
        assertThat(rates.get(1).get("rate").asString()).isEqualTo("0.00012000");

        // to defaults to now: the period settling in 8 h lies beyond it
        JsonNode sinceYesterday = http.ok("/api/v1/funding-rates?symbol=BTCUSDT&from=" + H.minus(Duration.ofDays(1)));
        assertThat(sinceYesterday.get("count").asInt()).isEqualTo(1);
        JsonNode limited = http.ok("/api/v1/funding-rates?symbol=BTCUSDT&limit=1&from=" + H.minus(Duration.ofDays(1))
                + "&to=" + H.plus(Duration.ofDays(1)));
        assertThat(limited.get("count").asInt()).isEqualTo(1);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void knownNamesWithoutDataAnswerEmptyLists() throws Exception {
        assertThat(http.ok("/api/v1/funding-rates?venue=okx").get("count").asInt()).isZero();
        assertThat(http.ok("/api/v1/funding-rates?symbol=SOLUSDT").get("rates").size()).isZero();
        // SOL is known (Binance lists it) though Deribit has nothing of it
        assertThat(http.ok("/api/v1/funding-rates?venue=deribit&currency=SOL").get("rates").size()).isZero();
        assertThat(http.ok("/api/v1/open-interest?currency=ETH").get("open_interest").size()).isZero();
        assertThat(http.ok("/api/v1/open-interest?venue=bybit").get("open_interest").size()).isZero();
        assertThat(http.ok("/api/v1/open-interest?symbol=SOLUSDT&from=" + H.minus(Duration.ofDays(1)))
                .get("open_interest").size()).isZero();
    }

    @Test
    void latestOpenInterestPerInstrumentWithUnits() throws Exception {
        JsonNode body = http.ok("/api/v1/open-interest");
        assertThat(body.get("mode").asString()).isEqualTo("latest");
        JsonNode values = body.get("open_interest");
        assertThat(symbols(values)).containsExactly("BTCUSDT", "BTC-25DEC26", "BTC-PERPETUAL");
        JsonNode binance = values.get(0);
        assertThat(binance.get("time").asString()).isEqualTo(H.minus(Duration.ofMinutes(5)).toString());
        assertThat(binance.get("amount").asString()).isEqualTo("80100.200");
        assertThat(binance.get("base_amount").asString()).isEqualTo("80100.200");
        assertThat(binance.get("notional_usd").asString()).isEqualTo("5607014000.00");
        assertThat(binance.get("contract_type").asString()).isEqualTo("linear");
        JsonNode perp = values.get(2);
        assertThat(perp.get("amount").asString()).isEqualTo("1000000000");
        assertThat(perp.get("base_amount").asString()).isEqualTo("14285.71428571");
        assertThat(perp.get("contract_type").asString()).isEqualTo("inverse");
        assertThat(perp.get("kind").asString()).isEqualTo("perpetual");

        assertThat(symbols(http.ok("/api/v1/open-interest?kind=future").get("open_interest")))
                .containsExactly("BTC-25DEC26");
        assertThat(symbols(http.ok("/api/v1/open-interest?venue=deribit&kind=perpetual").get("open_interest")))
                .containsExactly("BTC-PERPETUAL");
        JsonNode history = http.ok("/api/v1/open-interest?symbol=BTCUSDT&venue=binance-usdm&from="
                + H.minus(Duration.ofHours(1)));
        assertThat(history.get("mode").asString()).isEqualTo("history");
        assertThat(history.get("open_interest").valueStream().map(v -> v.get("amount").asString()))
                .containsExactly("80000.100", "80100.200");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/funding-rates?venue=nowhere                         | 404 | venue",
            "/api/v1/funding-rates?symbol=NOPEUSDT                       | 404 | symbol",
            "/api/v1/funding-rates?venue=deribit&symbol=BTCUSDT          | 404 | symbol",
            "/api/v1/funding-rates?currency=XYZ                          | 404 | currency",
            "/api/v1/open-interest?venue=nowhere                         | 404 | venue",
            "/api/v1/open-interest?symbol=NOPE                           | 404 | symbol",
            "/api/v1/funding-rates?from=2026-01-01T00:00:00Z             | 400 | symbol",
            "/api/v1/funding-rates?symbol=BTCUSDT&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | 400 | from",
            "/api/v1/funding-rates?symbol=BTCUSDT&currency=BTC&to=2026-01-01T00:00:00Z | 400 | currency",
            "/api/v1/funding-rates?from=yesterday                        | 400 | from",
            "/api/v1/funding-rates?kind=swap                             | 400 | kind",
            "/api/v1/open-interest?limit=0                               | 400 | limit",
            "/api/v1/open-interest?limit=10001                           | 400 | limit"})
    void badInputsAreProblemsNamingTheParameter(String path, int status, String parameter) throws Exception {
        http.problem(path, status, parameter);
    }

    @Test
    void volatilityIndexRawValuesInAWindow() throws Exception {
        JsonNode body = http.ok("/api/v1/volatility-index/btc?from=" + dvolTime(0) + "&to=" + dvolTime(10));
        assertThat(body.get("venue").asString()).isEqualTo("deribit");
        assertThat(body.get("currency").asString()).isEqualTo("BTC");
        assertThat(body.get("index").asString()).isEqualTo("btc_usd");
        assertThat(body.get("interval").isNull()).isTrue();
        assertThat(body.get("count").asInt()).isEqualTo(10);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        JsonNode p = body.get("points");
        assertThat(p.get(0).get("time").asString()).isEqualTo(dvolTime(0).toString());
        assertThat(p.get(0).get("value").asString()).isEqualTo("50.00");
        assertThat(p.get(9).get("value").asString()).isEqualTo("50.90");
        assertThat(p.get(0).has("open")).isFalse();

        // default window: the last 24 h (the value 3 days old is outside)
        assertThat(http.ok("/api/v1/volatility-index/BTC").get("count").asInt()).isEqualTo(10);
        JsonNode limited = http.ok("/api/v1/volatility-index/BTC?limit=3");
        assertThat(limited.get("count").asInt()).isEqualTo(3);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(limited.get("points").get(2).get("value").asString()).isEqualTo("50.20");
    }

    @Test
    void volatilityIndexOhlcBuckets() throws Exception {
        JsonNode body = http.ok("/api/v1/volatility-index/BTC?interval=1m&from=" + dvolTime(0) + "&to="
                + dvolTime(10));
        assertThat(body.get("interval").asString()).isEqualTo("1m");
        JsonNode p = body.get("points");
        assertThat(p.size()).isEqualTo(5);
        for (int j = 0; j < 5; j++) {
            JsonNode b = p.get(j);
            assertThat(b.get("time").asString()).isEqualTo(dvolTime(2 * j).toString());
            assertThat(b.get("open").asString()).isEqualTo("50." + 2 * j + "0");
            assertThat(b.get("close").asString()).isEqualTo("50." + (2 * j + 1) + "0");
            assertThat(b.get("high").asString()).isEqualTo("50." + (2 * j + 1) + "0");
            assertThat(b.get("low").asString()).isEqualTo("50." + 2 * j + "0");
            assertThat(b.get("samples").asLong()).isEqualTo(2);
            assertThat(b.has("value")).isFalse();
        }
        JsonNode hourly = http.ok("/api/v1/volatility-index/BTC?interval=1d&from=" + H.minus(Duration.ofDays(5)));
        assertThat(hourly.get("points").valueStream().mapToLong(b -> b.get("samples").asLong()).sum()).isEqualTo(11);
    }

    @Test
    void volatilityIndexOfKnownCurrenciesWithoutDataOrOnlyStored() throws Exception {
        JsonNode eth = http.ok("/api/v1/volatility-index/ETH");
        assertThat(eth.get("count").asInt()).isZero();
        assertThat(eth.get("points").size()).isZero();
        // SOL is not configured for Deribit, but its index is stored
        assertThat(http.ok("/api/v1/volatility-index/SOL").get("points").get(0).get("value").asString())
                .isEqualTo("70.5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/volatility-index/XYZ                                              | 404 | currency",
            "/api/v1/volatility-index/BTC?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | 400 | from",
            "/api/v1/volatility-index/BTC?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z | 400 | from",
            "/api/v1/volatility-index/BTC?interval=2m                                  | 400 | interval",
            "/api/v1/volatility-index/BTC?interval=1m&from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z | 400 | interval",
            "/api/v1/volatility-index/BTC?limit=0                                      | 400 | limit",
            "/api/v1/volatility-index/BTC?to=tomorrow                                  | 400 | to"})
    void volatilityIndexBadInputs(String path, int status, String parameter) throws Exception {
        JsonNode body = http.problem(path, status, parameter);
        if (status == 404) {
            assertThat(body.get("detail").asString()).contains("XYZ");
            assertThat(body.get("allowed").valueStream().map(JsonNode::asString)).containsExactly("BTC", "ETH");
        }
    }

    @Test
    void openApiDocumentsEveryMarketEndpointWithItsProblems() throws Exception {
        JsonNode paths = http.ok("/openapi.json").get("paths");
        for (String path : List.of("/api/v1/options/{currency}/chain", "/api/v1/options/{currency}/surface",
                "/api/v1/volatility-index/{currency}", "/api/v1/funding-rates", "/api/v1/open-interest")) {
            JsonNode get = paths.get(path).get("get");
            assertThat(get.get("summary").asString()).as(path).isNotBlank();
            assertThat(get.get("description").asString()).as(path).isNotBlank();
            for (String code : List.of("400", "404", "503")) {
                assertThat(get.get("responses").get(code).get("content").has("application/problem+json"))
                        .as(path + " " + code).isTrue();
            }
            assertThat(get.get("responses").get("200").get("content").has("application/json")).as(path).isTrue();
        }
        assertThat(paths.get("/api/v1/options/{currency}/surface").get("get").get("description").asString())
                .contains("risk_reversal_25 = IV(25C) - IV(25P)");
    }

    static List<String> symbols(JsonNode rows) {
        return rows.valueStream().map(r -> r.get("symbol").asString()).toList();
    }
}
