package io.basis.ingest.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET requests to one venue within its documented limits. Per call: wait out any venue-wide pause, ask the
 * circuit breaker, wait until the request's weight fits its budget bucket, send, then
 * <ul>
 *   <li>2xx and other 4xx: return the response (the venue answered; the breaker counts a success);</li>
 *   <li>429: pause the whole venue for {@code Retry-After} (else an escalating default) and retry;</li>
 *   <li>418: pause the whole venue for the ban ({@code Retry-After}, else 2 min doubling up to 3 days) and
 *       return the response; 403 likewise when the settings give a forbidden pause;</li>
 *   <li>5xx and transport errors/timeouts: a breaker failure; retry after a growing delay.</li>
 * </ul>
 * Retries per call are bounded by {@link RestSettings#maxRetries()}; when they run out the last response is
 * returned or the last exception thrown. An open breaker refuses calls at once with {@link CircuitOpenException}.
 * The venue's own usage header, when configured, is adopted into the default bucket's count.
 *
 * <p>Thread-safe; meant to be shared by all callers of one venue (the limits are per venue and IP). Calls block
 * (virtual threads are fine) and are interruptible.
 */
public final class VenueRestClient {
    private static final Logger log = LoggerFactory.getLogger(VenueRestClient.class);

    private final RestSettings settings;
    private final HttpClient http;
    private final TimeSource time;
    private final WeightLimiter limiter;
    private final CircuitBreaker breaker;
    private final VenuePauses pauses;
    private final DistinctErrorLog errors;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();
    private final RestMetrics metrics;
    private final FrameTap tap;

    public VenueRestClient(RestSettings settings, HttpClient http, TimeSource time, ConnectionRegistry registry) {
        this(settings, http, time, registry, FrameTap.NONE);
    }

    /** With a tap that sees every exchange (for {@code basis record}). */
    public VenueRestClient(RestSettings settings, HttpClient http, TimeSource time, ConnectionRegistry registry,
                           FrameTap tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.time = Objects.requireNonNull(time, "time");
        this.limiter = new WeightLimiter(settings.budgets(), time);
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerCoolDown(), time);
        this.pauses = new VenuePauses(settings, time);
        this.errors = registry.errorLog();
        this.metrics = registry.rest(settings.venue(), this::status);
    }

    /** GET {@code path} with {@code query}, charged {@code weight} to the default bucket. */
    public RestResponse get(String path, Map<String, String> query, int weight)
            throws IOException, InterruptedException {
        return get(RestRequest.get(path, query, weight));
    }

    public RestResponse get(RestRequest request) throws IOException, InterruptedException {
        if (!limiter.hasBucket(request.bucket())) {
            throw new IllegalArgumentException(settings.venue() + ": undeclared budget bucket " + request.bucket());
        }
        calls.incrementAndGet();
        boolean succeeded = false;
        try {
            RestResponse response = execute(request);
            succeeded = response.isSuccess();
            return response;
        } finally {
            if (succeeded) {
                metrics.callSucceeded();
            } else {
                failedCalls.incrementAndGet();
                metrics.callFailed();
            }
        }
    }

    public RestStatus status() {
        return new RestStatus(settings.venue(), pauses.pausedUntil(), pauses.reason(), limiter.used(),
                breaker.state(), calls.get(), failedCalls.get());
    }

    public RestSettings settings() {
        return settings;
    }

    private RestResponse execute(RestRequest request) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            RestResponse response;
            try {
                response = sendOnce(request);
            } catch (CircuitOpenException e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= settings.maxRetries()) {
                    throw e;
                }
                time.sleep(settings.retry().step(attempt));
                continue;
            }
            Optional<Duration> retryIn = react(request, response, attempt);
            if (retryIn.isEmpty() || attempt >= settings.maxRetries()) {
                return response;
            }
            time.sleep(retryIn.get());
        }
    }

    private RestResponse sendOnce(RestRequest request) throws IOException, InterruptedException {
        pauses.await();
        if (!breaker.tryAcquire()) {
            metrics.attempt("circuit-open");
            throw new CircuitOpenException(settings.venue(), breaker.remainingOpen());
        }
        HttpResponse<byte[]> answer;
        HttpRequest httpRequest = httpRequest(request);
        java.time.Instant sentAt = null;
        try {
            limiter.acquire(request.bucket(), request.weight());
            sentAt = time.now();
            answer = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            if (sentAt != null) {
                tap.restExchange(httpRequest.uri().toString(), sentAt, null, e.toString(), time.now());
            }
            breaker.failure();
            metrics.attempt("io-error");
            errors.record(settings.venue() + " REST", "io-error", request.path(), e);
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            breaker.abandoned();
            throw e;
        }
        if (answer.statusCode() >= 500) {
            breaker.failure();
            errors.record(settings.venue() + " REST", "http-" + answer.statusCode(), request.path(), null);
        } else {
            breaker.success();
        }
        metrics.attempt(Integer.toString(answer.statusCode()));
        observeUsage(answer);
        RestResponse response = new RestResponse(answer.statusCode(), answer.headers(), answer.body(), time.now());
        tap.restExchange(httpRequest.uri().toString(), sentAt, answer.statusCode(), response.text(),
                response.receivedAt());
        return response;
    }

    /** What a response means for the venue; the delay before retrying the call, empty to return it. */
    private Optional<Duration> react(RestRequest request, RestResponse response, int attempt) {
        int status = response.status();
        Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After").orElse(null), time.now());
        if (status == 429) {
            Duration d = pauses.rateLimited(retryAfter);
            log.warn("{}: 429 rate limited on {}; pausing all requests for {}", settings.venue(), request.path(), d);
            return Optional.of(Duration.ZERO);
        }
        if (status == 418) {
            Duration d = pauses.banned(retryAfter);
            log.warn("{}: 418 IP banned on {}; pausing all requests for {}", settings.venue(), request.path(), d);
            return Optional.empty();
        }
        if (status == 403 && settings.forbiddenPause() != null) {
            Duration d = pauses.forbidden();
            log.warn("{}: 403 on {}; pausing all requests for {}", settings.venue(), request.path(), d);
            return Optional.empty();
        }
        if (status >= 500) {
            return Optional.of(settings.retry().step(attempt));
        }
        if (response.isSuccess()) {
            pauses.succeeded();
        }
        return Optional.empty();
    }

    private void observeUsage(HttpResponse<byte[]> answer) {
        if (settings.usedWeightHeader() == null) {
            return;
        }
        answer.headers().firstValue(settings.usedWeightHeader()).ifPresent(v -> {
            try {
                limiter.observeUsed(RestRequest.DEFAULT_BUCKET, Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                errors.record(settings.venue() + " REST", "bad-usage-header", v, null);
            }
        });
    }

    private HttpRequest httpRequest(RestRequest request) {
        String base = settings.baseUri().toString();
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + request.pathAndQuery();
        return HttpRequest.newBuilder(URI.create(joined)).timeout(settings.requestTimeout()).GET().build();
    }
}
