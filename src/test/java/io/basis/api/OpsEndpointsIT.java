package io.basis.api;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.model.EventType;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.store.EventWriter;
import io.basis.support.ServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /health, /status, /metrics, /openapi.json, /docs and /api/v1/events against the running service. */
class OpsEndpointsIT extends ServiceTestSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort int port;
    @Autowired VenuesConfig venues;
    @Autowired EventWriter writer;
    @Autowired Clock clock;

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Reply send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    Reply get(String path) throws Exception {
        return send("GET", path);
    }

    static Set<String> keys(JsonNode node) {
        return new LinkedHashSet<>(node.propertyNames());
    }

    @Test
    void healthHasExactlyTheDocumentedKeysAndTypes() throws Exception {
        Reply r = get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode h = r.json();
        assertThat(keys(h)).containsExactlyInAnyOrder("status", "service", "timestamp", "health_score", "gap_hours",
                "data_freshness", "exchanges_tracked", "ml_indicators");
        assertThat(h.get("status").asString()).isIn("healthy", "degraded");
        assertThat(h.get("service").asString()).isEqualTo("basis");
        assertThat(h.get("timestamp").asString()).endsWith("Z");
        Instant.parse(h.get("timestamp").asString());
        assertThat(h.get("health_score").isInt()).isTrue();
        assertThat(h.get("health_score").asInt()).isBetween(0, 100);
        assertThat(h.get("gap_hours").isNumber() || h.get("gap_hours").isNull()).isTrue();
        assertThat(h.get("data_freshness").asString()).isIn("healthy", "stale");
        assertThat(h.get("exchanges_tracked").isInt()).isTrue();
        assertThat(h.get("exchanges_tracked").asInt()).isEqualTo(venues.enabled().size());
        assertThat(h.get("ml_indicators").isInt()).isTrue();
        assertThat(h.get("ml_indicators").asInt()).isZero();
    }

    @Test
    void statusHasExactlyTheDocumentedKeysAndTypes() throws Exception {
        Reply r = get("/status");
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(keys(s)).containsExactlyInAnyOrder("service", "status", "statistics", "configuration",
                "health_metrics", "data_sources", "storage", "connections", "rest_clients");
        assertThat(s.get("connections").isArray()).isTrue();
        assertThat(s.get("rest_clients").isArray()).isTrue();
        assertThat(s.get("service").asString()).isEqualTo("basis");
        assertThat(s.get("status").asString()).isIn("operational", "degraded");

        JsonNode stats = s.get("statistics");
        assertThat(keys(stats)).containsExactlyInAnyOrder("total_collections", "successful_collections",
                "failed_collections", "last_collection", "derivatives_collected", "ml_indicators_calculated",
                "database_writes");
        for (String counter : List.of("total_collections", "successful_collections", "failed_collections",
                "derivatives_collected", "ml_indicators_calculated", "database_writes")) {
            assertThat(stats.get(counter).isIntegralNumber()).as(counter).isTrue();
            assertThat(stats.get(counter).asLong()).as(counter).isNotNegative();
        }
        JsonNode last = stats.get("last_collection");
        assertThat(last.isNull() || Instant.parse(last.asString()) != null).isTrue();

        JsonNode config = s.get("configuration");
        assertThat(keys(config)).containsExactlyInAnyOrder("exchanges_tracked", "cryptos_tracked", "ml_indicators");
        assertThat(config.get("exchanges_tracked").asInt()).isEqualTo(venues.enabled().size());
        assertThat(config.get("cryptos_tracked").asInt()).isEqualTo(venues.cryptosTracked().size());
        assertThat(config.get("ml_indicators").isInt()).isTrue();

        JsonNode metrics = s.get("health_metrics");
        assertThat(keys(metrics)).containsExactlyInAnyOrder("gap_hours", "health_score", "data_freshness");
        assertThat(metrics.get("health_score").asInt()).isBetween(0, 100);
        assertThat(metrics.get("data_freshness").asString()).isIn("healthy", "stale");

        List<String> expectedSources = new ArrayList<>(venues.enabled().stream().map(VenueConfig::id).toList());
        expectedSources.add("postgresql");
        JsonNode sources = s.get("data_sources");
        assertThat(new ArrayList<>(keys(sources))).containsExactlyElementsOf(expectedSources);
        sources.properties().forEach(e -> assertThat(e.getValue().asString()).isIn("active", "degraded", "down"));
        assertThat(sources.get("postgresql").asString()).isEqualTo("active");

        JsonNode storage = s.get("storage");
        assertThat(keys(storage)).containsExactlyInAnyOrder("database", "queue", "spool", "writer", "stored_rows");
        assertThat(storage.get("database").asString()).isEqualTo("up");
        assertThat(keys(storage.get("queue"))).containsExactlyInAnyOrder("size", "capacity");
        assertThat(storage.get("queue").get("capacity").asInt()).isEqualTo(writer.queueCapacity());
        assertThat(keys(storage.get("spool"))).containsExactlyInAnyOrder("events", "bytes", "segments");
        assertThat(keys(storage.get("writer"))).containsExactlyInAnyOrder("accepted", "committed_events", "batches",
                "inserted_rows", "spooled_events", "rejected_events", "outages", "last_commit");
        assertThat(new ArrayList<>(keys(storage.get("stored_rows"))))
                .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::id).toList());
        storage.get("stored_rows").properties()
                .forEach(e -> assertThat(e.getValue().isIntegralNumber()).as(e.getKey()).isTrue());
    }

    @Test
    void storedTradesComeBackWithExactDecimalsAndDriveTheDataGap() throws Exception {
        String symbol = "OPS" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MICROS).minusSeconds(30);
        List<Trade> trades = List.of(trade(symbol, "1", t0), trade(symbol, "2", t0.plusSeconds(10)),
                trade(symbol, "3", t0.plusSeconds(20)));
        writer.publishAll(trades);
        assertThat(writer.awaitStored(Duration.ofSeconds(30))).isTrue();

        JsonNode all = get("/api/v1/events/trade?symbol=" + symbol).json();
        assertThat(all.get("type").asString()).isEqualTo("trade");
        assertThat(all.get("count").asInt()).isEqualTo(3);
        JsonNode first = all.get("events").get(0);
        assertThat(keys(first)).containsExactly("venue", "symbol", "venue_time", "received_at", "trade_id", "price",
                "amount", "base_amount", "notional", "side", "large");
        assertThat(first.get("trade_id").asString()).isEqualTo("1");
        assertThat(first.get("price").isString()).isTrue();
        assertThat(first.get("price").asString()).isEqualTo("67123.40");
        assertThat(first.get("amount").asString()).isEqualTo("0.00100");
        assertThat(first.get("base_amount").asString()).isEqualTo("0.00100");
        assertThat(first.get("notional").asString()).isEqualTo("67.12340000");
        assertThat(first.get("venue_time").asString()).isEqualTo(t0.toString());
        assertThat(first.get("large").asBoolean()).isFalse();
        assertThat(all.get("events").valueStream().map(e -> e.get("trade_id").asString())).containsExactly("1", "2",
                "3");

        JsonNode range = get("/api/v1/events/trade?venue=binance-usdm&symbol=" + symbol + "&from="
                + t0.plusSeconds(10) + "&to=" + t0.plusSeconds(20) + "&limit=5").json();
        assertThat(range.get("count").asInt()).isEqualTo(1);
        assertThat(range.get("events").get(0).get("trade_id").asString()).isEqualTo("2");
        assertThat(get("/api/v1/events/trade?symbol=" + symbol + "&limit=2").json().get("count").asInt())
                .isEqualTo(2);
        assertThat(get("/api/v1/events/trade?venue=okx&symbol=" + symbol).json().get("count").asInt()).isZero();

        JsonNode latest = get("/api/v1/events/trade?symbol=" + symbol + "&latest=true").json();
        assertThat(latest.get("count").asInt()).isEqualTo(1);
        assertThat(latest.get("events").get(0).get("trade_id").asString()).isEqualTo("3");

        // The newest stored venue time is now at least t0+20s (others may have stored newer events), so the gap is
        // a few seconds at most: fresh, and rounded to 0.0 or 0.1 hours.
        Instant newest = writer.statistics().newestVenueTime();
        assertThat(newest).isAfterOrEqualTo(t0.plusSeconds(20));
        JsonNode health = get("/health").json();
        assertThat(health.get("gap_hours").isNumber()).isTrue();
        assertThat(health.get("gap_hours").asDouble()).isBetween(0.0, 0.1);
        assertThat(health.get("data_freshness").asString()).isEqualTo("healthy");
        JsonNode status = get("/status").json();
        assertThat(status.get("health_metrics").get("gap_hours").asDouble()).isBetween(0.0, 0.1);
        assertThat(status.get("statistics").get("database_writes").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(status.get("storage").get("writer").get("committed_events").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(status.get("storage").get("writer").get("last_commit").isString()).isTrue();
    }

    @Test
    void metricsExposeTheCollectorGaugesStorageGaugesJvmAndHttp() throws Exception {
        get("/health"); // guarantees an http_server_requests sample
        Reply r = get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        String text = r.body();
        for (String gauge : List.of("crypto_derivatives_collector_total_collected",
                "crypto_derivatives_collector_collection_errors", "crypto_derivatives_collector_symbols_tracked",
                "crypto_derivatives_collector_health_score", "crypto_derivatives_collector_data_gap_hours",
                "crypto_derivatives_collector_running", "crypto_derivatives_collector_ml_indicators_generated",
                "crypto_derivatives_collector_database_writes", "basis_writer_queue_size",
                "basis_writer_queue_capacity", "basis_spool_backlog_events", "basis_spool_backlog_bytes",
                "basis_spool_segments", "basis_database_up")) {
            assertThat(text).as(gauge).containsPattern("(?m)^# TYPE " + gauge + " gauge$");
            assertThat(text).as(gauge).containsPattern("(?m)^" + gauge + " \\S+$");
        }
        assertThat(text).doesNotContain("crypto_derivatives_collector_total_collected_total");
        assertThat(value(text, "crypto_derivatives_collector_running")).isEqualTo(1.0);
        assertThat(value(text, "basis_database_up")).isEqualTo(1.0);
        assertThat(value(text, "crypto_derivatives_collector_symbols_tracked")).isEqualTo(symbolsTracked());
        assertThat(text).containsPattern("(?m)^jvm_memory_used_bytes\\{");
        assertThat(text).containsPattern("(?m)^http_server_requests_seconds_count\\{");
    }

    private double symbolsTracked() {
        return venues.enabled().stream()
                .mapToInt(v -> v.symbolRule() != null ? v.symbolRule().top() : v.symbols().size()).sum();
    }

    private static double value(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
    }

    @Test
    void openApiDocumentsTheEndpointsAndSwaggerUiIsServed() throws Exception {
        Reply r = get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        for (String path : List.of("/health", "/status", "/api/v1/events/{type}")) {
            assertThat(paths.has(path)).as(path).isTrue();
            assertThat(paths.get(path).get("get").get("summary").asString()).as(path).isNotBlank();
            assertThat(paths.get(path).get("get").get("description").asString()).as(path).isNotBlank();
        }
        JsonNode responses = paths.get("/api/v1/events/{type}").get("get").get("responses");
        for (String code : List.of("400", "404", "503")) {
            assertThat(responses.get(code).get("content").has("application/problem+json")).as(code).isTrue();
        }
        JsonNode params = paths.get("/api/v1/events/{type}").get("get").get("parameters");
        Set<String> names = new LinkedHashSet<>();
        params.forEach(p -> {
            names.add(p.get("name").asString());
            assertThat(p.get("description").asString()).as(p.get("name").asString()).isNotBlank();
        });
        assertThat(names).containsExactlyInAnyOrder("type", "venue", "symbol", "from", "to", "limit", "latest");
        params.forEach(p -> {
            if (p.get("name").asString().equals("limit")) {
                assertThat(p.get("schema").get("type").asString()).isEqualTo("integer");
            }
            if (p.get("name").asString().equals("type")) {
                assertThat(p.get("schema").get("enum").valueStream().map(JsonNode::asString))
                        .contains("trade", "funding-rate", "long-short-ratio");
            }
        });

        Reply docs = get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("text/html");
        assertThat(docs.body()).containsIgnoringCase("swagger-ui");
    }

    static Trade trade(String symbol, String id, Instant t) {
        return new Trade("binance-usdm", symbol, t, t.plusMillis(3), id, new BigDecimal("67123.40"),
                new BigDecimal("0.00100"), new BigDecimal("0.00100"), new BigDecimal("67.12340000"), Side.BUY, false);
    }
}
