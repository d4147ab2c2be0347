package io.basis.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.basis.ingest.capture.CaptureReader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The REST half of the simulator: a JDK {@link HttpServer} on a free 127.0.0.1 port that answers from
 * {@link RestRoute scripts} and records every request before answering it.
 *
 * <p>Thread-safe. Requests are served concurrently (so a delayed answer does not hold up others); they are recorded
 * in arrival order with a sequence number shared with the WebSocket half. A request no route matches gets 404 with a
 * text body naming it; a {@link RestRoute#respondWith handler} that throws gives 500 naming the route.
 */
public final class RestSimulator {
    private final SimTimeline timeline;
    private final HttpServer server;
    private final ExecutorService workers;
    private final List<RestRoute> routes = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    RestSimulator(SimTimeline timeline) throws IOException {
        this.timeline = timeline;
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sim-rest-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** Base URL, {@code http://127.0.0.1:<port>}, without trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts scripting {@code path}; the route takes effect on {@link RestRoute#respond}. */
    public RestRoute on(String path) {
        return new RestRoute(this, path);
    }

    /** Adds a header to every response that does not set it itself, e.g. {@code X-MBX-USED-WEIGHT-1M}. */
    public void defaultHeader(String name, String value) {
        synchronized (defaultHeaders) {
            defaultHeaders.put(name, value);
        }
    }

    /**
     * Scripts a response for every REST response in a capture: one route per path and query, answering in capture
     * order (the last repeating). WebSocket frames and requests are ignored.
     *
     * @return the number of responses loaded
     */
    public int replay(CaptureReader capture) {
        return CaptureReplay.loadRest(this, capture);
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests for {@code path} so far, in arrival order. */
    public List<RecordedRequest> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code count} requests for {@code path} have arrived and returns the first {@code count}. */
    public List<RecordedRequest> awaitRequests(String path, int count, Duration timeout) {
        return timeline.await(() -> {
            List<RecordedRequest> seen = requests(path);
            return seen.size() >= count ? seen.subList(0, count) : null;
        }, timeout, () -> count + " requests to " + path + "; got " + requests(path).size());
    }

    /** Waits for the first request (already arrived or not) that matches. */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> match, Duration timeout) {
        return timeline.await(() -> requests().stream().filter(match).findFirst().orElse(null), timeout,
                () -> "a matching request; got " + requests().stream().map(RecordedRequest::target).toList());
    }

    void register(RestRoute route) {
        routes.add(route);
    }

    void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            RecordedRequest request = record(exchange);
            RestResponse response = answer(request);
            if (!response.delay().isZero()) {
                Thread.sleep(response.delay());
            }
            if (!response.noAnswer()) {
                send(exchange, response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        RecordedRequest request;
        synchronized (requests) {
            request = new RecordedRequest(timeline.next(), timeline.now(), exchange.getRequestMethod(),
                    uri.getPath(), rawQuery, QueryParams.parse(rawQuery), headers, body);
            requests.add(request);
        }
        timeline.changed();
        return request;
    }

    private RestResponse answer(RecordedRequest request) {
        RestRoute best = null;
        List<RestRoute> snapshot = List.copyOf(routes);
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            RestRoute route = snapshot.get(i);
            if (route.matches(request) && (best == null || route.specificity() > best.specificity())) {
                best = route;
            }
        }
        if (best == null) {
            return text(404, "no simulator route for " + request.method() + " " + request.target());
        }
        try {
            return best.answer(request);
        } catch (RuntimeException e) {
            return text(500, "simulator route " + best + " failed: " + e);
        }
    }

    private static RestResponse text(int status, String body) {
        return new RestResponse(status, body, Map.of("Content-Type", "text/plain; charset=utf-8"), Duration.ZERO,
                false);
    }

    private void send(HttpExchange exchange, RestResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        synchronized (defaultHeaders) {
            defaultHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        response.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
