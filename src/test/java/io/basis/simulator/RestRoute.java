package io.basis.simulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted REST endpoint: a path, optionally a method and required query parameters, and what to answer. Built
 * with {@link RestSimulator#on(String)}; it takes effect when {@link #respond} or {@link #respondWith} is called, and
 * cannot be changed afterwards.
 *
 * <p>Matching: the path must be equal, the method (if set) equal, and every {@link #withQuery required parameter}
 * present with that value; other parameters are ignored. When several routes match, the one with more required
 * parameters (and a method) wins, then the one registered last, so a test can override an earlier script.
 *
 * <p>Thread-safe once registered; calls are counted atomically, so the n-th matching request (0-based, in arrival
 * order) gets the n-th scripted response.
 */
public final class RestRoute {
    private interface Answer {
        RestResponse answer(int call, RecordedRequest request);
    }

    private final RestSimulator owner;
    private final String path;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private String method;
    private volatile Answer answer;

    RestRoute(RestSimulator owner, String path) {
        this.owner = owner;
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Matches only this HTTP method. */
    public RestRoute method(String name) {
        ensureUnregistered();
        this.method = name.toUpperCase(Locale.ROOT);
        return this;
    }

    /** Matches only requests whose query has {@code name=value} (decoded). */
    public RestRoute withQuery(String name, String value) {
        ensureUnregistered();
        query.put(name, value);
        return this;
    }

    /**
     * Answers the n-th matching request with {@code responses[n]}; once they are used up the last one repeats, so
     * {@code respond(tooManyRequests, ok)} gives one 429 and then 200 for ever.
     */
    public RestRoute respond(RestResponse... responses) {
        if (responses.length == 0) {
            throw new IllegalArgumentException("at least one response");
        }
        List<RestResponse> script = List.copyOf(Arrays.asList(responses));
        return register((call, request) -> script.get(Math.min(call, script.size() - 1)));
    }

    /** Computes each answer from the request, e.g. to page through history by {@code startTime}. */
    public RestRoute respondWith(Function<RecordedRequest, RestResponse> handler) {
        Objects.requireNonNull(handler, "handler");
        return register((call, request) -> handler.apply(request));
    }

    /** How many requests this route has answered (or is answering). */
    public int calls() {
        return calls.get();
    }

    private RestRoute register(Answer scripted) {
        ensureUnregistered();
        answer = scripted;
        owner.register(this);
        return this;
    }

    private void ensureUnregistered() {
        if (answer != null) {
            throw new IllegalStateException("route " + this + " is already registered");
        }
    }

    boolean matches(RecordedRequest request) {
        if (!path.equals(request.path()) || method != null && !method.equals(request.method())) {
            return false;
        }
        for (Map.Entry<String, String> required : query.entrySet()) {
            List<String> values = request.params().get(required.getKey());
            if (values == null || !values.contains(required.getValue())) {
                return false;
            }
        }
        return true;
    }

    int specificity() {
        return query.size() + (method == null ? 0 : 1);
    }

    RestResponse answer(RecordedRequest request) {
        return answer.answer(calls.getAndIncrement(), request);
    }

    @Override
    public String toString() {
        return (method == null ? "*" : method) + " " + path + (query.isEmpty() ? "" : " " + query);
    }
}
