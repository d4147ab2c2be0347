package io.basis.venue.deribit;

import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.ingest.runtime.TimeSource;
import io.basis.ingest.runtime.VenueRestClient;
import io.basis.venue.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Deribit REST calls over the shared {@link VenueRestClient} (credit budget, HTTP 429/418 pauses, breaker), plus what
 * is Deribit's own: a JSON-RPC {@code error} in the body (Deribit answers many errors with HTTP 200, reference §1)
 * is thrown as {@link DeribitApiException}, and {@code 10028 too_many_requests} pauses every Deribit call (REST and
 * the connector's resubscriptions wait too) for an escalating time, then the call is retried. Thread-safe.
 */
final class DeribitRestCalls {
    private static final Logger log = LoggerFactory.getLogger(DeribitRestCalls.class);

    /** Retries of one call after {@code too_many_requests}. */
    static final int RATE_LIMIT_RETRIES = 3;

    private final VenueRestClient client;
    private final TimeSource time;
    private final Escalation backoff;
    private final Object lock = new Object();
    private long pausedUntilNanos;
    private int consecutive;

    DeribitRestCalls(VenueRestClient client, TimeSource time, Escalation backoff) {
        this.client = Objects.requireNonNull(client, "client");
        this.time = Objects.requireNonNull(time, "time");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** GET the request under {@code /api/v2/}; a response whose body is a successful JSON-RPC reply. */
    RestResponse call(DeribitRequests.Request request, String bucket) throws IOException, InterruptedException {
        RestRequest http = new RestRequest(DeribitRequests.BASE_PATH + request.method(), query(request),
                request.cost(), bucket);
        for (int attempt = 0; ; attempt++) {
            awaitPause();
            RestResponse r = client.get(http);
            try {
                DeribitRest.checkError(r.body(), request.method());
            } catch (DeribitApiException e) {
                if (!e.isRateLimited() || attempt >= RATE_LIMIT_RETRIES) {
                    throw e;
                }
                rateLimited(request.method());
                continue;
            } catch (MalformedFrameException e) {
                if (!r.isSuccess()) {
                    throw new IOException(request.method() + ": HTTP " + r.status());
                }
                throw e;
            }
            if (!r.isSuccess()) {
                throw new IOException(request.method() + ": HTTP " + r.status());
            }
            synchronized (lock) {
                consecutive = 0;
            }
            return r;
        }
    }

    /** A {@code too_many_requests} seen anywhere (REST or the WebSocket): pause all calls. */
    void rateLimited(String where) {
        Duration pause;
        synchronized (lock) {
            pause = backoff.step(Math.min(consecutive, 30));
            consecutive++;
            pausedUntilNanos = Math.max(pausedUntilNanos, time.nanoTime() + pause.toNanos());
        }
        log.warn("{}: too_many_requests on {}; pausing REST calls for {}", DeribitParser.VENUE, where, pause);
    }

    /** Waits out a {@code too_many_requests} pause, if any. */
    void awaitPause() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (lock) {
                wait = pausedUntilNanos - time.nanoTime();
            }
            if (wait <= 0) {
                return;
            }
            time.sleep(Duration.ofNanos(wait));
        }
    }

    private static Map<String, String> query(DeribitRequests.Request r) {
        Map<String, String> q = new LinkedHashMap<>();
        r.params().forEach((k, v) -> q.put(k, v.toString()));
        return q;
    }
}
