package io.basis.api;

import io.basis.ingest.history.Backfiller;
import io.basis.store.BackfillJobs;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.GapState;
import io.basis.store.InstrumentIds;
import io.basis.support.FakeHistoryConnector;
import io.basis.support.ServiceTestSupport;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /backfill/{hours} and POST /gap-check against a connector whose history source serves 1-minute candles
 * (no API key configured here; ApiKeyIT covers the key). The automatic backfill loop is off so that only the
 * requests under test start jobs.
 */
@TestPropertySource(properties = "basis.backfill.enabled=false")
class GapControlEndpointsIT extends ServiceTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VENUE = "binance-usdm";

    @LocalServerPort int port;
    @Autowired DataSource dataSource;
    @Autowired InstrumentIds instrumentIds;
    @Autowired Backfiller backfiller;
    @Autowired BackfillJobs jobs;
    @Autowired GapLedger ledger;

    FakeHistoryConnector connector;
    AutoCloseable attached;
    HttpJson http;

    @BeforeEach
    void setUp() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
        http = new HttpJson(port);
        connector = new FakeHistoryConnector(VENUE, List.of("BTCUSDT"));
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.open();
        if (attached != null) {
            attached.close();
        }
        assertThat(backfiller.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void hoursOutsideOneTo168AreRefusedNamingTheRange() throws Exception {
        attached = backfiller.attach(connector);
        for (String bad : List.of("0", "169", "-1", "abc", "1.5", "1e2", "%20", "%205", "+5",
                "99999999999999999999999")) {
            HttpResponse<String> r = post("/backfill/" + bad);
            assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("parameter").asString()).isEqualTo("hours");
            assertThat(body.get("detail").asString()).as(bad).contains("from 1 to 168");
            assertThat(body.get("minimum").asInt()).isEqualTo(1);
            assertThat(body.get("maximum").asInt()).isEqualTo(168);
            assertThat(r.body()).doesNotContain("Exception");
        }
        assertThat(connector.fetches.get()).isZero();
        assertThat(jobs.recent(10)).isEmpty();
    }

    @Test
    void oneAnd168HoursStartAJobWithTheSeedShapeAndALink() throws Exception {
        attached = backfiller.attach(connector);
        for (int hours : new int[]{1, 168}) {
            HttpResponse<String> r = post("/backfill/" + hours);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(fieldNames(body).subList(0, 4)).containsExactly("status", "message",
                    "estimated_collections", "timestamp");
            assertThat(body.get("status").asString()).isEqualTo("started");
            assertThat(body.get("message").asString()).isEqualTo("Intensive collection initiated for " + hours
                    + " hours of coverage");
            assertThat(body.get("estimated_collections").asLong()).isEqualTo(hours * 60L);
            assertThat(body.get("already_running").asBoolean()).isFalse();
            Instant from = Instant.parse(body.get("from").asString());
            Instant to = Instant.parse(body.get("to").asString());
            assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(hours));
            assertThat(to).isEqualTo(to.truncatedTo(ChronoUnit.MINUTES));
            long id = body.get("job_ids").get(0).asLong();
            JsonNode job = body.get("backfills").get(0);
            assertThat(job.get("venue").asString()).isEqualTo(VENUE);
            assertThat(job.get("link").asString()).isEqualTo("/api/v1/backfills/" + id);
            assertThat(backfiller.awaitIdle(Duration.ofSeconds(60))).isTrue();
            JsonNode done = http.ok("/api/v1/backfills/" + id);
            assertThat(done.get("state").asString()).isEqualTo("completed");
            assertThat(done.get("origin").asString()).isEqualTo("api");
            assertThat(done.get("requests_done").asLong()).isEqualTo(hours);
            assertThat(done.get("requests_total").asLong()).isEqualTo(hours);
            // new rows only: the 168-hour range contains the hour the first job already stored
            assertThat(done.get("rows_written").asLong()).isEqualTo(hours == 1 ? 60 : 168 * 60 - 60);
        }
    }

    @Test
    void aSecondRequestWhileTheFirstRunsJoinsIt() throws Exception {
        attached = backfiller.attach(connector);
        connector.hold();
        JsonNode first = JSON.readTree(post("/backfill/24").body());
        JsonNode second = JSON.readTree(post("/backfill/24").body());
        assertThat(second.get("status").asString()).isEqualTo("started");
        assertThat(second.get("already_running").asBoolean()).isTrue();
        assertThat(second.get("job_ids")).isEqualTo(first.get("job_ids"));
        assertThat(jobs.recent(10)).hasSize(1);
        JsonNode other = JSON.readTree(post("/backfill/12").body());
        assertThat(other.get("already_running").asBoolean()).isFalse();
        assertThat(other.get("job_ids")).isNotEqualTo(first.get("job_ids"));
        connector.open();
        assertThat(backfiller.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(connector.fetches.get()).as("one fetch per job, none repeated").isEqualTo(2);
    }

    @Test
    void withoutAHistorySourceTheAnswerIs503() throws Exception {
        HttpResponse<String> r = post("/backfill/24");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).get("detail").asString()).contains("history source");
    }

    @Test
    void gapCheckStartsTheBackfillOfAnOpenGapAndListsIt() throws Exception {
        attached = backfiller.attach(connector);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        ledger.record(VENUE, "BTCUSDT", "candle", end.minus(Duration.ofHours(3)), end, GapCauses.DISCONNECT);
        assertThat(ledger.flush()).isTrue();

        HttpResponse<String> r = post("/gap-check");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(fieldNames(body).subList(0, 5)).containsExactly("status", "gap_hours", "health_score",
                "backfill_triggered", "timestamp");
        assertThat(body.get("status").asString()).isEqualTo("completed");
        assertThat(body.get("health_score").asInt()).isBetween(0, 100);
        assertThat(body.get("backfill_triggered").asBoolean()).isTrue();
        assertThat(body.get("open_gaps").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode gap = body.get("gaps").get(0);
        assertThat(gap.get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(gap.get("type").asString()).isEqualTo("candle");
        JsonNode job = body.get("backfills").get(0);
        assertThat(job.get("venue").asString()).isEqualTo(VENUE);
        assertThat(job.get("link").asString()).startsWith("/api/v1/backfills/");

        assertThat(backfiller.awaitIdle(Duration.ofSeconds(60))).isTrue();
        GapLedger.Gap filled = ledger.list(new GapLedger.Filter(VENUE, "BTCUSDT", "candle", Set.of(), null, null,
                10)).getFirst();
        assertThat(filled.state()).isEqualTo(GapState.FILLED);
        assertThat(filled.rowsRecovered()).isEqualTo(180);
        JsonNode again = JSON.readTree(post("/gap-check").body());
        assertThat(again.get("backfill_triggered").asBoolean()).isFalse();
        assertThat(again.get("backfills")).isEmpty();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
