package io.basis.api;

import io.basis.support.ServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With basis.api-key set, control endpoints (collect, gap-check, backfill) need it; read endpoints stay open; the key never appears in answers. */
@TestPropertySource(properties = "basis.api-key=s3cret-key")
class ApiKeyIT extends ServiceTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;

    @Test
    void collectNeedsTheKeyInEitherHeader() throws Exception {
        HttpResponse<String> none = collect(null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(none.body()).contains("\"parameter\":\"X-API-Key\"").doesNotContain("s3cret");

        HttpResponse<String> wrong = collect("X-API-Key", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("s3cret").doesNotContain("nope");

        assertThat(collect("X-API-Key", "s3cret-key").statusCode()).isEqualTo(200);
        assertThat(collect("Authorization", "Bearer s3cret-key").statusCode()).isEqualTo(200);
    }

    @Test
    void gapCheckAndBackfillNeedTheKey() throws Exception {
        for (String path : new String[]{"/gap-check", "/backfill/24", "/backfill/abc"}) {
            HttpResponse<String> none = post(path, null, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.body()).contains("\"parameter\":\"X-API-Key\"").doesNotContain("s3cret");
        }
        assertThat(post("/gap-check", "X-API-Key", "s3cret-key").statusCode()).isEqualTo(200);
        // with the key the request reaches the endpoint: no history source runs in this context
        assertThat(post("/backfill/24", "Authorization", "Bearer s3cret-key").statusCode()).isEqualTo(503);
        assertThat(post("/backfill/0", "X-API-Key", "s3cret-key").statusCode()).isEqualTo(400);
    }

    @Test
    void readEndpointsStayOpen() throws Exception {
        for (String path : new String[]{"/health", "/api/v1/gaps", "/api/v1/coverage"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
    }

    private HttpResponse<String> collect(String header, String value) throws Exception {
        return post("/collect", header, value);
    }

    private HttpResponse<String> post(String path, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            b.header(header, value);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
