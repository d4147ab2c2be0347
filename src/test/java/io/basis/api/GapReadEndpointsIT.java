package io.basis.api;

import io.basis.model.Candle;
import io.basis.model.ContractType;
import io.basis.model.FundingRate;
import io.basis.model.Liquidation;
import io.basis.model.MarketEvent;
import io.basis.model.Side;
import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import io.basis.store.InstrumentIds;
import io.basis.support.ServiceTestSupport;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/coverage, /api/v1/gaps and /api/v1/backfills/{id} on known fixtures in real PostgreSQL. */
class GapReadEndpointsIT extends ServiceTestSupport {
    /** The start of the current minute: the coverage window of 1-minute streams ends here. */
    static final Instant M = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    static final String VENUE = "binance-usdm";

    @LocalServerPort int port;
    @Autowired EventWriter writer;
    @Autowired DataSource dataSource;
    @Autowired InstrumentIds instrumentIds;
    @Autowired GapLedger ledger;
    @Autowired BackfillJobs jobs;

    HttpJson http;

    @BeforeEach
    void data() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
        http = new HttpJson(port);
    }

    /**
     * BTCUSDT: 1-minute candles for the last 7 days and 10 minutes beyond (so a minute passing during the test
     * changes nothing), without 36 minutes of the last 24 h (every 20th minute from M - 12 h) and without the whole
     * day from M - 4 d: 24 h = 1,404 / 1,440 = 97.5 %, 7 d = (10,080 - 36 - 1,440) / 10,080 = 85.4 %.
     * ETHUSDT: every candle, funding every 8 h and one liquidation: complete.
     */
    void coverageFixture() throws InterruptedException {
        List<MarketEvent> events = new ArrayList<>();
        events.add(MarketEndpointsIT.perpetual(VENUE, "BTCUSDT", "BTC-USDT-PERP", "BTC", "USDT",
                ContractType.LINEAR));
        events.add(MarketEndpointsIT.perpetual(VENUE, "ETHUSDT", "ETH-USDT-PERP", "ETH", "USDT",
                ContractType.LINEAR));
        Instant start = M.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(10));
        for (Instant t = start; t.isBefore(M.plus(Duration.ofMinutes(10))); t = t.plus(Duration.ofMinutes(1))) {
            long fromM = Duration.between(t, M).toMinutes();
            boolean hole = (fromM > 0 && fromM <= 12 * 60 && fromM % 20 == 0 && fromM / 20 <= 36)
                    || (!t.isBefore(M.minus(Duration.ofDays(4))) && t.isBefore(M.minus(Duration.ofDays(3))));
            if (!hole) {
                events.add(candle("BTCUSDT", t));
            }
            events.add(candle("ETHUSDT", t));
        }
        Instant eightHours = Instant.ofEpochSecond(M.getEpochSecond() / 28_800 * 28_800);
        for (Instant f = eightHours.minus(Duration.ofDays(8)); !f.isAfter(eightHours.plus(Duration.ofHours(16)));
             f = f.plus(Duration.ofHours(8))) {
            Instant observed = f.isAfter(M) ? M.minusSeconds(30) : f;
            events.add(MarketEndpointsIT.funding(VENUE, "ETHUSDT", observed, f, "0.0001", Duration.ofHours(8)));
        }
        events.add(new Liquidation(VENUE, "ETHUSDT", M.minus(Duration.ofHours(3)), M.minus(Duration.ofHours(3)),
                Side.SELL, d("3000"), d("1.5"), d("1.5"), d("4500")));
        writer.publishAll(events);
        assertThat(writer.awaitStored(Duration.ofSeconds(60))).isTrue();
    }

    private static Candle candle(String symbol, Instant t) {
        return new Candle(VENUE, symbol, t, t.plusSeconds(60), Duration.ofMinutes(1), d("100"), d("101"), d("99"),
                d("100.5"), d("10"), null, 5L, true);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void coverageCountsExpectedIntervalsPerType() throws Exception {
        coverageFixture();
        JsonNode body = http.ok("/api/v1/coverage?venue=binance-usdm");
        assertThat(body.get("summary").asString()).isEqualTo("1/2 symbols (50.0%)");
        assertThat(body.get("tracked_symbols").asInt()).isEqualTo(2);
        assertThat(body.get("complete_symbols").asInt()).isEqualTo(1);
        assertThat(body.get("complete_percent").asDouble()).isEqualTo(50.0);
        assertThat(body.get("complete_threshold_percent").asDouble()).isEqualTo(99.0);
        JsonNode btc = body.get("symbols").get(0);
        assertThat(btc.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(btc.get("complete").asBoolean()).isFalse();
        JsonNode candles = btc.get("types").get(0);
        assertThat(candles.get("type").asString()).isEqualTo("candle");
        assertThat(candles.get("expected_interval").asString()).isEqualTo("PT1M");
        assertThat(candles.get("expected_24h").asInt()).isEqualTo(1440);
        assertThat(candles.get("present_24h").asInt()).isEqualTo(1404);
        assertThat(candles.get("percent_24h").asDouble()).isEqualTo(97.5);
        assertThat(candles.get("expected_7d").asInt()).isEqualTo(10080);
        assertThat(candles.get("present_7d").asInt()).isEqualTo(10080 - 36 - 1440);
        assertThat(candles.get("percent_7d").asDouble()).isEqualTo(85.4);

        JsonNode eth = body.get("symbols").get(1);
        assertThat(eth.get("complete").asBoolean()).isTrue();
        List<String> types = eth.get("types").valueStream().map(t -> t.get("type").asString()).toList();
        assertThat(types).containsExactly("candle", "funding-rate", "liquidation");
        JsonNode funding = eth.get("types").get(1);
        assertThat(funding.get("expected_interval").asString()).isEqualTo("PT8H");
        assertThat(funding.get("expected_24h").asInt()).isEqualTo(3);
        assertThat(funding.get("present_24h").asInt()).isEqualTo(3);
        assertThat(funding.get("expected_7d").asInt()).isEqualTo(21);
        assertThat(funding.get("percent_7d").asDouble()).isEqualTo(100.0);
        JsonNode liquidation = eth.get("types").get(2);
        assertThat(liquidation.get("expected_interval").isNull()).isTrue();
        assertThat(liquidation.get("percent_24h").isNull()).isTrue();
        assertThat(liquidation.get("newest").asString()).isEqualTo(M.minus(Duration.ofHours(3)).toString());

        JsonNode all = http.ok("/api/v1/coverage");
        assertThat(all.get("tracked_symbols").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(all.get("summary").asString()).matches("\\d+/\\d+ symbols \\(\\d+\\.\\d%\\)");
        http.problem("/api/v1/coverage?venue=nowhere", 404, "venue");
    }

    @Test
    void gapsAreFilteredByVenueSymbolTypeStateAndWindow() throws Exception {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        ledger.record(VENUE, "BTCUSDT", "trade", t, t.plusSeconds(90), GapCauses.DISCONNECT);
        ledger.record(VENUE, "ETHUSDT", "candle", t.plusSeconds(3600), t.plusSeconds(7200), GapCauses.STALE);
        ledger.record("deribit", "BTC-PERPETUAL", "trade", t.plusSeconds(86_400), t.plusSeconds(86_460),
                GapCauses.SEQUENCE_GAP);
        assertThat(ledger.flush()).isTrue();
        long ethGap = ledger.list(new GapLedger.Filter(VENUE, "ETHUSDT", null, Set.of(), null, null, 10)).getFirst()
                .id();
        assertThat(ledger.markUnfillable(ethGap, "older than the venue keeps")).isTrue();

        JsonNode all = http.ok("/api/v1/gaps");
        assertThat(all.get("count").asInt()).isEqualTo(3);
        assertThat(all.get("truncated").asBoolean()).isFalse();
        JsonNode newest = all.get("gaps").get(0);
        assertThat(newest.get("venue").asString()).isEqualTo("deribit");
        assertThat(newest.get("symbol").asString()).isEqualTo("BTC-PERPETUAL");
        assertThat(newest.get("type").asString()).isEqualTo("trade");
        assertThat(newest.get("from").asString()).isEqualTo(t.plusSeconds(86_400).toString());
        assertThat(newest.get("duration_seconds").asDouble()).isEqualTo(60.0);
        assertThat(newest.get("cause").asString()).isEqualTo("sequence-gap");
        assertThat(newest.get("state").asString()).isEqualTo("open");
        assertThat(newest.get("backfill").isNull()).isTrue();

        assertThat(ids(http.ok("/api/v1/gaps?venue=binance-usdm"))).containsExactly("ETHUSDT", "BTCUSDT");
        assertThat(ids(http.ok("/api/v1/gaps?symbol=BTCUSDT"))).containsExactly("BTCUSDT");
        assertThat(ids(http.ok("/api/v1/gaps?instrument=ETHUSDT"))).containsExactly("ETHUSDT");
        assertThat(ids(http.ok("/api/v1/gaps?type=trade"))).containsExactly("BTC-PERPETUAL", "BTCUSDT");
        JsonNode unfillable = http.ok("/api/v1/gaps?state=unfillable");
        assertThat(ids(unfillable)).containsExactly("ETHUSDT");
        assertThat(unfillable.get("gaps").get(0).get("reason").asString()).isEqualTo("older than the venue keeps");
        assertThat(ids(http.ok("/api/v1/gaps?state=open,backfilling"))).containsExactly("BTC-PERPETUAL",
                "BTCUSDT");
        assertThat(ids(http.ok("/api/v1/gaps?from=" + t.plusSeconds(100) + "&to=" + t.plusSeconds(86_400))))
                .containsExactly("ETHUSDT");
        JsonNode limited = http.ok("/api/v1/gaps?limit=1");
        assertThat(limited.get("count").asInt()).isEqualTo(1);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(http.ok("/api/v1/gaps?venue=okx").get("count").asInt()).isZero();

        http.problem("/api/v1/gaps?venue=nowhere", 404, "venue");
        http.problem("/api/v1/gaps?type=weather", 400, "type");
        http.problem("/api/v1/gaps?state=closed", 400, "state");
        http.problem("/api/v1/gaps?limit=0", 400, "limit");
        http.problem("/api/v1/gaps?limit=1001", 400, "limit");
        http.problem("/api/v1/gaps?limit=ten", 400, "limit");
        http.problem("/api/v1/gaps?from=yesterday", 400, "from");
        http.problem("/api/v1/gaps?from=" + t.plusSeconds(10) + "&to=" + t, 400, "from");
    }

    @Test
    void backfillJobsShowProgressAndUnknownIdsAreNamed() throws Exception {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        BackfillJobs.Job job = jobs.create(VENUE, from, from.plus(Duration.ofHours(2)), List.of("candle", "trade"),
                List.of("BTCUSDT"), BackfillJobs.API).job();
        JsonNode queued = http.ok("/api/v1/backfills/" + job.id());
        assertThat(queued.get("id").asLong()).isEqualTo(job.id());
        assertThat(queued.get("state").asString()).isEqualTo("queued");
        assertThat(queued.get("venue").asString()).isEqualTo(VENUE);
        assertThat(queued.get("from").asString()).isEqualTo(from.toString());
        assertThat(queued.get("to").asString()).isEqualTo(from.plus(Duration.ofHours(2)).toString());
        assertThat(queued.get("types").toString()).isEqualTo("[\"candle\",\"trade\"]");
        assertThat(queued.get("symbols").toString()).isEqualTo("[\"BTCUSDT\"]");
        assertThat(queued.get("origin").asString()).isEqualTo("api");
        assertThat(queued.get("eta_seconds").isNull()).isTrue();
        assertThat(queued.get("link").asString()).isEqualTo("/api/v1/backfills/" + job.id());

        assertThat(jobs.start(job.id())).isTrue();
        jobs.requestsTotal(job.id(), 40);
        jobs.progress(job.id(), 10, 12_345);
        JsonNode running = http.ok("/api/v1/backfills/" + job.id());
        assertThat(running.get("state").asString()).isEqualTo("running");
        assertThat(running.get("requests_done").asLong()).isEqualTo(10);
        assertThat(running.get("requests_total").asLong()).isEqualTo(40);
        assertThat(running.get("rows_written").asLong()).isEqualTo(12_345);
        assertThat(running.get("progress_percent").asDouble()).isEqualTo(25.0);
        assertThat(running.get("eta_seconds").isNumber()).isTrue();
        assertThat(running.get("started_at").isNull()).isFalse();

        jobs.complete(job.id());
        JsonNode done = http.ok("/api/v1/backfills/" + job.id());
        assertThat(done.get("state").asString()).isEqualTo("completed");
        assertThat(done.get("progress_percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("finished_at").isNull()).isFalse();

        JsonNode unknown = http.problem("/api/v1/backfills/987654", 404, "id");
        assertThat(unknown.get("detail").asString()).contains("987654");
        http.problem("/api/v1/backfills/abc", 400, "id");
        http.problem("/api/v1/backfills/0", 400, "id");
        http.problem("/api/v1/backfills/1.5", 400, "id");
    }

    @Test
    void openApiDocumentsTheGapEndpointsTheirRangesAndProblems() throws Exception {
        JsonNode paths = http.ok("/openapi.json").get("paths");
        for (String path : List.of("/api/v1/gaps", "/api/v1/backfills/{id}", "/api/v1/coverage")) {
            JsonNode get = paths.get(path).get("get");
            assertThat(get.get("description").asString()).as(path).isNotBlank();
            assertThat(get.get("responses").get("404").get("content").has("application/problem+json")).as(path)
                    .isTrue();
        }
        assertThat(paths.get("/api/v1/coverage").get("get").get("description").asString())
                .contains("1,440 a day").contains("99%").contains("liquidations are listed, not measured");
        JsonNode backfill = paths.get("/backfill/{hours}").get("post");
        JsonNode hours = backfill.get("parameters").get(0).get("schema");
        assertThat(hours.get("type").asString()).isEqualTo("integer");
        assertThat(hours.get("minimum").asInt()).isEqualTo(1);
        assertThat(hours.get("maximum").asInt()).isEqualTo(168);
        for (String code : List.of("400", "401", "503")) {
            assertThat(backfill.get("responses").get(code).get("content").has("application/problem+json")).as(code)
                    .isTrue();
        }
        assertThat(paths.get("/gap-check").get("post").get("responses").has("401")).isTrue();
    }

    private static List<String> ids(JsonNode body) {
        return body.get("gaps").valueStream().map(g -> g.get("symbol").asString()).toList();
    }
}
