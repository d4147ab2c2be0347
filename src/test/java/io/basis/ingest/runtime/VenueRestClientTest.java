package io.basis.ingest.runtime;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.SourceState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.basis.ingest.runtime.LoopbackHttpServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against a loopback server, on a manual clock: limits, pauses, bans, retries, breaker. */
class VenueRestClientTest {
    private final ManualTime time = new ManualTime();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CollectionStatistics collection = new CollectionStatistics(Clock.systemUTC());
    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackHttpServer server;
    private VenueRestClient client;

    @BeforeEach
    void setUp() throws IOException {
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
        http.close();
    }

    private VenueRestClient client(RestSettings settings) {
        ConnectionRegistry registry = new ConnectionRegistry(time, meters, collection);
        client = new VenueRestClient(settings, http, time, registry);
        return client;
    }

    private RestSettings settings(int weightPerMinute) {
        return RestSettings.of("sim", server.uri(), new RateBudget(weightPerMinute, Duration.ofMinutes(1)));
    }

    @Test
    void getsWithQueryAndReturnsStatusHeadersAndBody() throws Exception {
        server.script(Reply.of(200, "{\"ok\":true}").with("X-Test", "1"));
        client(settings(2400));

        RestResponse response = client.get("/fapi/v1/depth", Map.of("symbol", "BTC USDT"), 2);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"ok\":true}");
        assertThat(response.header("x-test")).contains("1");
        assertThat(server.requests()).containsExactly("/fapi/v1/depth?symbol=BTC%20USDT");
        assertThat(client.status().usedWeight()).containsEntry("default", 2);
        assertThat(collection.successfulCollections()).isEqualTo(1);
        assertThat(collection.sourceStates()).containsEntry("sim", SourceState.ACTIVE);
        assertThat(meters.get("basis_rest_requests").tags("venue", "sim", "status", "200").counter().count())
                .isEqualTo(1);
    }

    @Test
    void waitsForWeightInsteadOfFailing() throws Exception {
        server.script(Reply.of(200, "{}"));
        client(settings(10));

        client.get("/a", Map.of(), 4);
        time.advance(Duration.ofSeconds(10));
        client.get("/a", Map.of(), 4);
        client.get("/a", Map.of(), 4);

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(50));
        assertThat(server.requests()).hasSize(3);
        assertThat(client.status().usedWeight()).containsEntry("default", 8);
    }

    @Test
    void adoptsTheVenuesUsedWeightHeader() throws Exception {
        server.script(Reply.of(200, "{}").with("X-MBX-USED-WEIGHT-1M", "2390"));
        client(settings(2400).withUsedWeightHeader("X-MBX-USED-WEIGHT-1M"));

        client.get("/a", Map.of(), 1);
        assertThat(client.status().usedWeight()).containsEntry("default", 2390);
        client.get("/a", Map.of(), 20);

        assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void chargesNamedBuckets() throws Exception {
        server.script(Reply.of(200, "{}"));
        client(settings(2400).withBudget("futures-data", new RateBudget(1, Duration.ofMinutes(5))));

        client.get(RestRequest.get("/futures/data/openInterestHist", Map.of(), 1).inBucket("futures-data"));
        client.get(RestRequest.get("/futures/data/openInterestHist", Map.of(), 1).inBucket("futures-data"));

        assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(5));
        assertThat(client.status().usedWeight()).containsEntry("default", 0).containsEntry("futures-data", 1);
        assertThatThrownBy(() -> client.get(RestRequest.get("/x", Map.of(), 1).inBucket("nope")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooManyRequestsPausesTheVenueForRetryAfterThenRetries() throws Exception {
        server.script(Reply.of(429, "{\"code\":-1003}").with("Retry-After", "7"), Reply.of(200, "{}"));
        client(settings(2400));

        RestResponse response = client.get("/a", Map.of(), 1);

        assertThat(response.status()).isEqualTo(200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests()).hasSize(2);
        assertThat(client.status().paused()).isFalse();
        assertThat(meters.get("basis_rest_requests").tags("status", "429").counter().count()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWithoutRetryAfterEscalates() throws Exception {
        server.script(Reply.of(429, ""), Reply.of(429, ""), Reply.of(200, "{}"));
        client(settings(2400));

        assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(200);

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void banPausesTheVenueWithEscalationAndReturnsTheResponse() throws Exception {
        server.script(Reply.of(418, "{\"code\":-1003}"), Reply.of(418, ""), Reply.of(200, "{}"));
        client(settings(2400));

        assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(418);
        RestStatus banned = client.status();
        assertThat(banned.paused()).isTrue();
        assertThat(banned.pauseReason()).isEqualTo("banned");
        assertThat(banned.pausedUntil()).isEqualTo(time.now().plus(Duration.ofMinutes(2)));
        assertThat(collection.sourceStates()).containsEntry("sim", SourceState.DEGRADED);
        assertThat(meters.get("basis_rest_paused").gauge().value()).isEqualTo(1);

        assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(418);
        assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(200);

        assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(4));
        assertThat(collection.failedCollections()).isEqualTo(2);
    }

    @Test
    void banHonoursRetryAfter() throws Exception {
        server.script(Reply.of(418, "").with("Retry-After", "3600"), Reply.of(200, "{}"));
        client(settings(2400));

        client.get("/a", Map.of(), 1);
        client.get("/a", Map.of(), 1);

        assertThat(time.sleeps()).containsExactly(Duration.ofHours(1));
    }

    @Test
    void retriesServerErrorsAndTransportFailures() throws Exception {
        // two silent closes: the JDK client itself retries an idempotent GET once after a bare close
        server.script(Reply.of(503, "Service Unavailable."), Reply.of(0, ""), Reply.of(0, ""), Reply.of(200, "{}"));
        client(settings(2400));

        assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(200);

        assertThat(server.requests()).hasSize(4);
        assertThat(time.sleeps()).startsWith(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(meters.get("basis_rest_requests").tags("status", "io-error").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("basis_rest_requests").tags("status", "503").counter().count()).isEqualTo(1);
    }

    @Test
    void circuitBreakerOpensAfterRepeatedFailuresAndHalfOpensAfterTheCoolDown() throws Exception {
        server.script(Reply.of(500, "boom"));
        client(settings(2400).withRetries(0, new Escalation(Duration.ZERO, Duration.ZERO))
                .withBreaker(3, Duration.ofSeconds(30)));

        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(500);
        }
        assertThat(client.status().breaker()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> client.get("/a", Map.of(), 1)).isInstanceOf(CircuitOpenException.class);
        assertThat(server.requests()).hasSize(3);
        assertThat(collection.sourceStates()).containsEntry("sim", SourceState.DOWN);

        time.advance(Duration.ofSeconds(30));
        assertThat(client.status().breaker()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        server.script(Reply.of(200, "{}"));

        assertThat(client.get("/a", Map.of(), 1).status()).isEqualTo(200);
        assertThat(client.status().breaker()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(collection.sourceStates()).containsEntry("sim", SourceState.ACTIVE);
    }
}
