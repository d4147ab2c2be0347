package io.basis.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import static io.basis.simulator.JdkWsClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestSimulatorTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private final VenueSimulator sim = VenueSimulator.start(BinanceDialect.usdm());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void servesScriptedBodyStatusAndHeaders() throws Exception {
        sim.rest().defaultHeader(BinanceResponses.USED_WEIGHT_1M, "1");
        sim.rest().on("/fapi/v1/exchangeInfo").respond(BinanceResponses.ok("{\"symbols\":[]}", 7));

        HttpResponse<String> info = get("/fapi/v1/exchangeInfo");
        HttpResponse<String> unknown = get("/fapi/v1/nothing?x=1");

        assertThat(sim.restUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).isEqualTo("{\"symbols\":[]}");
        assertThat(info.headers().firstValue("X-MBX-USED-WEIGHT-1M")).contains("7");
        assertThat(info.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("GET /fapi/v1/nothing?x=1");
        assertThat(unknown.headers().firstValue("X-MBX-USED-WEIGHT-1M")).contains("1");
    }

    @Test
    void scriptedSequenceGives429WithRetryAfterThen200ForEver() throws Exception {
        RestRoute klines = sim.rest().on("/fapi/v1/klines")
                .respond(BinanceResponses.tooManyRequests(2), RestResponse.json("[[1,\"2\"]]"));

        HttpResponse<String> first = get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m");
        HttpResponse<String> second = get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m");
        HttpResponse<String> third = get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(first.body()).contains("\"code\":-1003");
        assertThat(List.of(second.statusCode(), third.statusCode())).containsExactly(200, 200);
        assertThat(third.body()).isEqualTo("[[1,\"2\"]]");
        assertThat(klines.calls()).isEqualTo(3);
        List<RecordedRequest> requests = sim.rest().requests("/fapi/v1/klines");
        assertThat(requests).extracting(RecordedRequest::seq).isSorted().doesNotHaveDuplicates();
        assertThat(requests.getFirst().param("interval")).isEqualTo("1m");
        assertThat(requests.getFirst().query()).isEqualTo("symbol=BTCUSDT&interval=1m");
        assertThat(requests.getFirst().method()).isEqualTo("GET");
    }

    @Test
    void banAnswers418WithRetryAfter() throws Exception {
        sim.rest().on("/fapi/v1/depth").respond(BinanceResponses.banned(120));

        HttpResponse<String> banned = get("/fapi/v1/depth?symbol=BTCUSDT");

        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(banned.headers().firstValue("Retry-After")).contains("120");
    }

    @Test
    void mostSpecificThenNewestRouteWins() throws Exception {
        sim.rest().on("/fapi/v1/depth").withQuery("symbol", "BTCUSDT").respond(RestResponse.json("btc"));
        sim.rest().on("/fapi/v1/depth").respond(RestResponse.json("any"));
        sim.rest().on("/fapi/v1/depth").method("post").respond(RestResponse.json("posted"));
        sim.rest().on("/fapi/v1/depth").respond(RestResponse.json("newer"));

        assertThat(get("/fapi/v1/depth?limit=5&symbol=BTCUSDT").body()).isEqualTo("btc");
        assertThat(get("/fapi/v1/depth?symbol=ETHUSDT").body()).isEqualTo("newer");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + "/fapi/v1/depth"))
                .POST(HttpRequest.BodyPublishers.ofString("a=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.body()).isEqualTo("posted");
        assertThat(sim.rest().requests().getLast().body()).isEqualTo("a=1");
    }

    @Test
    void handlerComputesAnswersFromTheRequest() throws Exception {
        sim.rest().on("/fapi/v1/fundingRate").respondWith(request ->
                RestResponse.json("[{\"fundingTime\":" + request.param("startTime") + "}]"));

        assertThat(get("/fapi/v1/fundingRate?startTime=1000").body()).isEqualTo("[{\"fundingTime\":1000}]");
        assertThat(get("/fapi/v1/fundingRate?startTime=2000").body()).isEqualTo("[{\"fundingTime\":2000}]");
    }

    @Test
    void delayedAnswerOutlastsAClientTimeoutButTheRequestIsRecorded() {
        sim.rest().on("/fapi/v1/depth").respond(RestResponse.json("late").delayed(Duration.ofSeconds(30)));

        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.restUrl() + "/fapi/v1/depth?symbol=BTCUSDT"))
                .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.rest().awaitRequests("/fapi/v1/depth", 1, TIMEOUT).getFirst().param("symbol"))
                .isEqualTo("BTCUSDT");
    }

    @Test
    void disconnectClosesWithoutAnyAnswer() {
        sim.rest().on("/fapi/v1/premiumIndex").respond(RestResponse.disconnect());

        assertThatThrownBy(() -> get("/fapi/v1/premiumIndex")).isInstanceOf(IOException.class);
        assertThat(sim.rest().requests("/fapi/v1/premiumIndex")).isNotEmpty();
    }

    @Test
    void awaitFailsWithADescriptiveAssertionWhenNothingArrives() {
        assertThatThrownBy(() -> sim.rest().awaitRequests("/fapi/v1/never", 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/fapi/v1/never");
    }

    private HttpResponse<String> get(String target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.restUrl() + target)).timeout(TIMEOUT).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
