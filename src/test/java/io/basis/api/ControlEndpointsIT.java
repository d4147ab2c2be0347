package io.basis.api;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.RestCollectors;
import io.basis.store.StreamGaps;
import io.basis.support.ServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /collect, GET /derivatives-features and stream gap markers (no API key configured here). */
class ControlEndpointsIT extends ServiceTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;
    @Autowired RestCollectors collectors;
    @Autowired CollectionStatistics stats;
    @Autowired StreamGaps gaps;

    @Test
    void collectStartsEveryRestCollectionAndAnswersAtOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        RestCollectors.Registration registration = collectors.register(new RestCollectors.Collector() {
            @Override public String venue() { return "test-venue"; }
            @Override public String name() { return "open-interest"; }
            @Override public Duration interval() { return Duration.ofHours(1); }
            @Override public long collect() {
                runs.incrementAndGet();
                return 3;
            }
        });
        waitUntil(() -> runs.get() == 1);           // the first run starts at registration
        long succeededBefore = stats.successfulCollections();

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/collect"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = OpsEndpointsIT.JSON.readTree(r.body());
        assertThat(fieldNames(body)).containsExactly("status", "message", "timestamp");
        assertThat(body.get("status").asString()).isEqualTo("started");
        assertThat(body.get("message").asString()).contains("started for");
        assertThat(Instant.parse(body.get("timestamp").asString())).isNotNull();
        waitUntil(() -> runs.get() == 2);
        waitUntil(() -> stats.successfulCollections() == succeededBefore + 1);
        assertThat(collectors.statuses()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("open-interest");
            assertThat(s.lastSuccess()).isNotNull();
        });
        registration.cancel();
        assertThat(collectors.statuses()).noneMatch(s -> s.name().equals("open-interest"));
    }

    @Test
    void derivativesFeaturesDescribeTheLoadedConfiguration() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/derivatives-features")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = OpsEndpointsIT.JSON.readTree(r.body());
        assertThat(body.get("exchanges_tracked").asInt()).isEqualTo(9);
        assertThat(body.get("event_types").toString()).contains("\"trade\"", "\"option-ticker\"");
        JsonNode binance = null;
        for (JsonNode v : body.get("venues")) {
            if (v.get("id").asString().equals("binance-usdm")) {
                binance = v;
            }
        }
        assertThat(binance).isNotNull();
        assertThat(binance.get("enabled").asBoolean()).isTrue();
        assertThat(binance.get("symbol_rule").get("top").asInt()).isEqualTo(20);
        assertThat(binance.get("channels").get("trades").get("storage").asString()).isEqualTo("all");
        assertThat(binance.get("channels").get("book").get("depth").asString()).isEqualTo("20");
        assertThat(binance.get("symbols_live").isArray()).as("no connector runs in this test").isTrue();
        assertThat(binance.get("symbols_live")).isEmpty();
    }

    @Test
    void aGapRecordedTwiceIsStoredOnce() {
        Instant from = Instant.parse("2026-11-20T10:00:00Z");
        gaps.record("gap-venue", "market", from, from.plusSeconds(30), "disconnect");
        gaps.record("gap-venue", "market", from, from.plusSeconds(45), "disconnect");
        List<StreamGaps.Gap> found = gaps.list("gap-venue", from.minusSeconds(60), from.plusSeconds(3600), 10);
        assertThat(found).singleElement().satisfies(g -> {
            assertThat(g.to()).isEqualTo(from.plusSeconds(45));
            assertThat(g.cause()).isEqualTo("disconnect");
            assertThat(g.state()).isEqualTo("open");
        });
        assertThat(gaps.unwritten()).isZero();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
