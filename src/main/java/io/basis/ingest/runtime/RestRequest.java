package io.basis.ingest.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A GET request: path under the venue's base URI, query parameters (sent in iteration order), the weight the
 * venue documents for the endpoint, and the budget bucket it is charged to.
 */
public record RestRequest(String path, Map<String, String> query, int weight, String bucket) {
    public static final String DEFAULT_BUCKET = "default";

    public RestRequest {
        Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        Objects.requireNonNull(bucket, "bucket");
        if (weight < 0) {
            throw new IllegalArgumentException("negative weight " + weight + " for " + path);
        }
    }

    public static RestRequest get(String path, Map<String, String> query, int weight) {
        return new RestRequest(path, query, weight, DEFAULT_BUCKET);
    }

    public RestRequest inBucket(String name) {
        return new RestRequest(path, query, weight, name);
    }

    /** {@code path?k=v&...}, percent-encoded. */
    public String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
