package io.basis.api;

import io.basis.model.ContractType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;
import io.basis.model.OptionType;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * /api/v1/options/{currency}/chain and /surface against real PostgreSQL, on a constructed BTC chain whose smile
 * has known delta-bucket IVs (the same one as {@link VolSmileTest}).
 */
class OptionsEndpointsIT extends DatabaseTestSupport {
    static final Instant H = Instant.now().truncatedTo(ChronoUnit.HOURS);
    /** Quote set A, before the hour H - 2h; set B after it. */
    static final Instant OLD = H.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(10));
    static final Instant NEW = H.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(10));
    static final Instant BETWEEN = H.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(30));
    static final Instant E1 = Instant.parse("2026-12-25T08:00:00Z");
    static final Instant E2 = Instant.parse("2027-03-26T08:00:00Z");
    static final Instant EXPIRED = Instant.parse("2026-11-01T08:00:00Z");

    /**
     * Makes every test's quotes differ from the previous test's: the writer stores a quote only when it differs
     * from the instrument's previous one, and that memory outlives the truncation between tests.
     */
    static final AtomicInteger RUN = new AtomicInteger();

    @LocalServerPort int port;

    HttpJson http;

    static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    static String symbol(Instant expiry, String strike, OptionType type) {
        return "BTC-" + OptionParams.code(expiry) + "-" + strike + "-" + (type == OptionType.CALL ? "C" : "P");
    }

    static Instrument option(Instant expiry, String strike, OptionType type) {
        return new Instrument("deribit", symbol(expiry, strike, type), "BTC-USD-" + expiry.toString()
                .substring(2, 10).replace("-", "") + "-" + strike + (type == OptionType.CALL ? "-C" : "-P"),
                InstrumentKind.OPTION, "BTC", "USD", "BTC", d("1"), ContractType.INVERSE, expiry, d(strike), type,
                d("0.0001"), d("0.1"), OLD.minus(Duration.ofDays(1)), OLD.minus(Duration.ofDays(1)));
    }

    static OptionTicker quote(Instant t, Instant expiry, String strike, OptionType type, String mark, String iv,
                              String delta, String forward) {
        return new OptionTicker("deribit", symbol(expiry, strike, type), t, t.plusMillis(2), d("0.0490"), bidAmount(),
                d("0.0510"), d("8.0"), d(mark), d(iv).subtract(d("1.5")), d(iv).add(d("1.5")), d(iv), d(delta),
                d("0.00001234"), d("45.12"), d("-30.5"), d("12.01"), d("1520.3"), d(forward),
                "BTC-" + OptionParams.code(expiry));
    }

    /** 12.5 plus a thousandth per test run. */
    static BigDecimal bidAmount() {
        return new BigDecimal("12.5").add(BigDecimal.valueOf(RUN.get(), 3));
    }

    /** The smile of {@link VolSmileTest#chain()}: strike, type, mark IV, delta. */
    static final String[][] SMILE = {
            {"80000", "PUT", "70", "-0.10"}, {"90000", "PUT", "60", "-0.25"}, {"95000", "PUT", "56", "-0.40"},
            {"95000", "CALL", "57", "0.60"}, {"100000", "CALL", "52", "0.52"}, {"100000", "PUT", "53", "-0.48"},
            {"105000", "CALL", "50", "0.40"}, {"110000", "CALL", "49", "0.25"}, {"120000", "CALL", "51", "0.10"}};

    @BeforeEach
    void data() throws Exception {
        emptyDatabase();
        RUN.incrementAndGet();
        http = new HttpJson(port);
        List<MarketEvent> events = new ArrayList<>();
        for (String[] s : SMILE) {
            OptionType type = OptionType.valueOf(s[1]);
            events.add(option(E1, s[0], type));
            events.add(quote(OLD, E1, s[0], type, "0.0300", "40", s[3], "99000"));
            OptionTicker q = quote(NEW, E1, s[0], type, "0.0500", s[2], s[3], "100000");
            if (s[0].equals("120000")) {
                q = new OptionTicker(q.venue(), q.symbol(), q.venueTime(), q.receivedAt(), null, null, q.askPrice(),
                        q.askAmount(), q.markPrice(), d("0"), q.askIv(), q.markIv(), q.delta(), q.gamma(), q.vega(),
                        q.theta(), q.rho(), q.openInterest(), q.underlyingPrice(), q.underlyingIndex());
            }
            events.add(q);
        }
        events.add(option(E2, "100000", OptionType.CALL));
        events.add(option(E2, "100000", OptionType.PUT));
        events.add(quote(NEW, E2, "100000", OptionType.CALL, "0.0800", "55", "0.54", "101500"));
        events.add(quote(NEW.plusSeconds(5), E2, "100000", OptionType.PUT, "0.0700", "56", "-0.46", "101600"));
        events.add(option(E2, "200000", OptionType.CALL)); // listed, never quoted
        events.add(option(EXPIRED, "100000", OptionType.CALL));
        events.add(quote(OLD, EXPIRED, "100000", OptionType.CALL, "0.0100", "30", "0.9", "100000"));
        store(events);
    }

    @Test
    void chainGroupsTheNewestQuotesByExpiryThenStrike() throws Exception {
        JsonNode body = http.ok("/api/v1/options/btc/chain");
        assertThat(body.get("venue").asString()).isEqualTo("deribit");
        assertThat(body.get("currency").asString()).isEqualTo("BTC");
        assertThat(body.get("listed").asInt()).isEqualTo(12);
        assertThat(body.get("count").asInt()).isEqualTo(11);
        JsonNode expiries = body.get("expiries");
        assertThat(expiries.size()).isEqualTo(2);

        JsonNode e1 = expiries.get(0);
        assertThat(e1.get("expiry").asString()).isEqualTo(E1.toString());
        assertThat(e1.get("expiry_code").asString()).isEqualTo("25DEC26");
        assertThat(e1.get("underlying_price").asString()).isEqualTo("100000");
        assertThat(e1.get("underlying_index").asString()).isEqualTo("BTC-25DEC26");
        assertThat(e1.get("premium_currency").asString()).isEqualTo("BTC");
        assertThat(e1.get("years_to_expiry").asDouble()).isCloseTo(
                Duration.between(Instant.now(), E1).toSeconds() / (365 * 86400.0), within(1e-4));
        assertThat(e1.get("count").asInt()).isEqualTo(9);
        assertThat(e1.get("options").valueStream().map(o -> o.get("strike").asString() + o.get("type").asString()))
                .containsExactly("80000put", "90000put", "95000call", "95000put", "100000call", "100000put",
                        "105000call", "110000call", "120000call");

        JsonNode atm = e1.get("options").get(4);
        assertThat(atm.get("symbol").asString()).isEqualTo("BTC-25DEC26-100000-C");
        assertThat(atm.get("bid_price").asString()).isEqualTo("0.0490");
        assertThat(atm.get("bid_amount").asString()).isEqualTo(bidAmount().toPlainString());
        assertThat(atm.get("ask_price").asString()).isEqualTo("0.0510");
        assertThat(atm.get("ask_amount").asString()).isEqualTo("8.0");
        assertThat(atm.get("mark_price").asString()).isEqualTo("0.0500");
        assertThat(atm.get("mark_price_usd").asString()).isEqualTo("5000.0000");
        assertThat(atm.get("bid_iv").asString()).isEqualTo("50.5");
        assertThat(atm.get("mark_iv").asString()).isEqualTo("52");
        assertThat(atm.get("ask_iv").asString()).isEqualTo("53.5");
        assertThat(atm.get("delta").asString()).isEqualTo("0.52");
        assertThat(atm.get("gamma").asString()).isEqualTo("0.00001234");
        assertThat(atm.get("vega").asString()).isEqualTo("45.12");
        assertThat(atm.get("theta").asString()).isEqualTo("-30.5");
        assertThat(atm.get("rho").asString()).isEqualTo("12.01");
        assertThat(atm.get("open_interest").asString()).isEqualTo("1520.3");
        assertThat(atm.get("underlying_price").asString()).isEqualTo("100000");
        assertThat(atm.get("quote_time").asString()).isEqualTo(NEW.toString());
        assertThat(atm.get("age_seconds").asDouble()).isGreaterThan(3600);

        JsonNode e2 = expiries.get(1);
        assertThat(e2.get("expiry_code").asString()).isEqualTo("26MAR27");
        assertThat(e2.get("underlying_price").asString()).as("the newest quote's").isEqualTo("101600");
        assertThat(e2.get("count").asInt()).isEqualTo(2);
    }

    @Test
    void chainFiltersByExpiryInBothFormsTypeAndTime() throws Exception {
        for (String expiry : List.of("2026-12-25", "25DEC26", "25dec26")) {
            JsonNode body = http.ok("/api/v1/options/BTC/chain?expiry=" + expiry);
            assertThat(body.get("expiries").size()).as(expiry).isEqualTo(1);
            assertThat(body.get("expiries").get(0).get("expiry").asString()).isEqualTo(E1.toString());
            assertThat(body.get("listed").asInt()).isEqualTo(9);
        }
        JsonNode puts = http.ok("/api/v1/options/BTC/chain?type=put&expiry=2026-12-25");
        assertThat(puts.get("expiries").get(0).get("options").valueStream().map(o -> o.get("type").asString()))
                .containsOnly("put").hasSize(4);
        JsonNode before = http.ok("/api/v1/options/BTC/chain?expiry=25DEC26&at=" + BETWEEN.minus(Duration.ofHours(1)));
        assertThat(before.get("as_of").asString()).isEqualTo(BETWEEN.minus(Duration.ofHours(1)).toString());
        assertThat(before.get("expiries").get(0).get("options").get(0).get("mark_price").asString())
                .isEqualTo("0.0300");
        assertThat(before.get("expiries").get(0).get("underlying_price").asString()).isEqualTo("99000");
        assertThat(http.ok("/api/v1/options/BTC/chain?expiry=2026-12-24").get("expiries").size()).isZero();
    }

    @Test
    void aKnownCurrencyWithoutQuotesAnswersAnEmptyChainAndSurface() throws Exception {
        JsonNode chain = http.ok("/api/v1/options/ETH/chain");
        assertThat(chain.get("currency").asString()).isEqualTo("ETH");
        assertThat(chain.get("listed").asInt()).isZero();
        assertThat(chain.get("count").asInt()).isZero();
        assertThat(chain.get("expiries").size()).isZero();
        JsonNode surface = http.ok("/api/v1/options/eth/surface");
        assertThat(surface.get("expiries").size()).isZero();
        // the expired option's quotes are never shown
        assertThat(http.ok("/api/v1/options/BTC/chain?expiry=2026-11-01").get("listed").asInt()).isZero();
    }

    @Test
    void surfaceInterpolatesDeltaBucketsRiskReversalAndButterfly() throws Exception {
        JsonNode body = http.ok("/api/v1/options/BTC/surface?expiry=25DEC26");
        assertThat(body.get("source").asString()).isEqualTo("live");
        assertThat(body.get("quoted").asInt()).isEqualTo(9);
        JsonNode e = body.get("expiries").get(0);
        assertThat(e.get("forward").asString()).isEqualTo("100000");
        assertThat(e.get("atm_strike").asString()).isEqualTo("100000");
        assertThat(e.get("atm_iv").asDouble()).isEqualTo(52.0);
        double fifty = 50 + 2 * 0.10 / 0.12;
        JsonNode buckets = e.get("delta_buckets");
        assertThat(buckets.valueStream().map(b -> b.get("bucket").asString()))
                .containsExactly("10P", "25P", "50", "25C", "10C");
        assertThat(buckets.valueStream().map(b -> b.get("call_delta").asDouble()))
                .containsExactly(0.90, 0.75, 0.50, 0.25, 0.10);
        assertThat(buckets.valueStream().map(b -> b.get("iv").asDouble()))
                .containsExactly(70.0, 60.0, round4(fifty), 49.0, 51.0);
        assertThat(e.get("risk_reversal_25").asDouble()).isEqualTo(-11.0);
        assertThat(e.get("butterfly_25").asDouble()).isEqualTo(round4(54.5 - fifty));
        assertThat(e.get("risk_reversal_10").asDouble()).isEqualTo(-19.0);
        assertThat(e.get("butterfly_10").asDouble()).isEqualTo(round4(60.5 - fifty));

        JsonNode strikes = e.get("strikes");
        assertThat(strikes.valueStream().map(s -> s.get("strike").asString()))
                .containsExactly("80000", "90000", "95000", "100000", "105000", "110000", "120000");
        JsonNode k95 = strikes.get(2);
        assertThat(k95.get("iv").asDouble()).isEqualTo(56.0);
        assertThat(k95.get("iv_side").asString()).isEqualTo("put");
        assertThat(k95.get("call_delta").asDouble()).isEqualTo(0.6);
        assertThat(k95.get("log_moneyness").asDouble()).isEqualTo(Math.round(Math.log(0.95) * 1e6) / 1e6);
        assertThat(k95.get("call").get("symbol").asString()).isEqualTo("BTC-25DEC26-95000-C");
        assertThat(k95.get("call").get("mark_iv").asDouble()).isEqualTo(57.0);
        assertThat(k95.get("call").get("bid_iv").asDouble()).isEqualTo(55.5);
        assertThat(k95.get("call").get("ask_iv").asDouble()).isEqualTo(58.5);
        assertThat(k95.get("put").get("delta").asDouble()).isEqualTo(-0.4);
        assertThat(strikes.get(0).get("call").isNull()).isTrue();
        // Deribit states an empty bid side as bid_iv 0: no IV, not a zero IV
        JsonNode k120 = strikes.get(6).get("call");
        assertThat(k120.get("bid_iv").isNull()).isTrue();
        assertThat(k120.get("mark_iv").asDouble()).isEqualTo(51.0);
    }

    @Test
    void hourlySurfaceUsesTheQuotesAtTheTopOfTheHour() throws Exception {
        JsonNode hourly = http.ok("/api/v1/options/BTC/surface?source=hourly&expiry=25DEC26&at=" + BETWEEN);
        assertThat(hourly.get("source").asString()).isEqualTo("hourly");
        assertThat(hourly.get("as_of").asString()).isEqualTo(H.minus(Duration.ofHours(2)).toString());
        JsonNode e = hourly.get("expiries").get(0);
        assertThat(e.get("forward").asString()).isEqualTo("99000");
        assertThat(e.get("atm_iv").asDouble()).isEqualTo(40.0);
        assertThat(e.get("risk_reversal_25").asDouble()).isEqualTo(0.0);

        JsonNode live = http.ok("/api/v1/options/BTC/surface?expiry=25DEC26&at=" + BETWEEN);
        assertThat(live.get("as_of").asString()).isEqualTo(BETWEEN.toString());
        assertThat(live.get("expiries").get(0).get("atm_iv").asDouble()).isEqualTo(52.0);
        JsonNode all = http.ok("/api/v1/options/BTC/surface");
        assertThat(all.get("expiries").size()).isEqualTo(2);
        assertThat(all.get("expiries").get(1).get("years_to_expiry").asDouble()).isGreaterThan(0.3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/options/XYZ/chain                        | 404 | currency",
            "/api/v1/options/XYZ/surface                      | 404 | currency",
            "/api/v1/options/BTC/chain?expiry=2026-13-45      | 400 | expiry",
            "/api/v1/options/BTC/chain?expiry=banana          | 400 | expiry",
            "/api/v1/options/BTC/chain?expiry=31FEB27         | 400 | expiry",
            "/api/v1/options/BTC/chain?type=straddle          | 400 | type",
            "/api/v1/options/BTC/chain?at=2099-01-01T00:00:00Z | 400 | at",
            "/api/v1/options/BTC/chain?at=noon                | 400 | at",
            "/api/v1/options/BTC/surface?source=weekly        | 400 | source",
            "/api/v1/options/BTC/surface?expiry=26-12-25      | 400 | expiry"})
    void badInputsAreProblemsNamingTheParameter(String path, int status, String parameter) throws Exception {
        JsonNode body = http.problem(path, status, parameter);
        if (status == 404) {
            assertThat(body.get("detail").asString()).contains("'XYZ'");
            assertThat(body.get("allowed").valueStream().map(JsonNode::asString)).containsExactly("BTC", "ETH");
        }
    }

    static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
