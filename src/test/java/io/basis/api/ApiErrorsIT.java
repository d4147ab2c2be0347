package io.basis.api;

import io.basis.support.ServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refused request answers RFC 9457 problem+json that names what was wrong, and never leaks internals. */
class ApiErrorsIT extends ServiceTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String EVENTS = "/api/v1/events/trade";

    @LocalServerPort int port;

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts the status and the problem+json shape; returns the body. */
    private JsonNode problem(String method, String path, int status) throws Exception {
        HttpResponse<String> r = send(method, path);
        assertThat(r.statusCode()).as(method + " " + path).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.has("trace")).isFalse();
        assertThat(body.has("exception")).isFalse();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "from=yesterday                                          | from",
            "to=2025-13-01T00:00:00Z                                 | to",
            "limit=abc                                               | limit",
            "limit=0                                                 | limit",
            "limit=10001                                             | limit",
            "limit=-5                                                | limit",
            "latest=maybe                                            | latest",
            "from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z       | from",
            "latest=true&to=2025-01-01T00:00:00Z                     | to"})
    void badQueryParametersAnswer400NamingTheParameter(String query, String parameter) throws Exception {
        JsonNode body = problem("GET", EVENTS + "?" + query, 400);
        assertThat(body.get("parameter").asString()).isEqualTo(parameter);
        assertThat(body.get("detail").asString()).contains(parameter);
    }

    @Test
    void aBadBooleanListsTheAllowedValues() throws Exception {
        JsonNode body = problem("GET", EVENTS + "?latest=maybe", 400);
        assertThat(body.get("allowed").valueStream().map(JsonNode::asString)).containsExactly("true", "false");
    }

    @Test
    void boundaryValuesAreAccepted() throws Exception {
        for (String query : new String[] {"limit=1", "limit=10000", "latest=false",
                "from=2025-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "venue=&symbol="}) {
            HttpResponse<String> r = send("GET", EVENTS + "?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/json"));
        }
    }

    @Test
    void unknownEventTypeAnswers404NamingItAndTheKnownTypes() throws Exception {
        JsonNode body = problem("GET", "/api/v1/events/trades", 404);
        assertThat(body.get("parameter").asString()).isEqualTo("type");
        assertThat(body.get("detail").asString()).contains("'trades'");
        assertThat(body.get("allowed").valueStream().map(JsonNode::asString)).contains("trade", "funding-rate");
    }

    @Test
    void unknownPathAnswers404() throws Exception {
        problem("GET", "/no/such/path", 404);
        problem("GET", "/api/v1/nothing", 404);
    }

    @Test
    void wrongMethodAnswers405() throws Exception {
        problem("POST", "/health", 405);
        problem("DELETE", "/status", 405);
        problem("PUT", EVENTS, 405);
    }
}
