package io.basis.ingest.runtime;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.SourceState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * A REST client's reporting: one {@code basis_rest_requests_total{venue,status}} increment per HTTP attempt
 * (status is the code, {@code io-error} or {@code circuit-open}), one collection per call, and the venue state.
 * Thread-safe.
 */
final class RestMetrics {
    private final String venue;
    private final Supplier<RestStatus> status;
    private final MeterRegistry meters;
    private final CollectionStatistics collection;
    private final ConnectionRegistry registry;

    RestMetrics(String venue, Supplier<RestStatus> status, MeterRegistry meters, CollectionStatistics collection,
                ConnectionRegistry registry) {
        this.venue = venue;
        this.status = status;
        this.meters = meters;
        this.collection = collection;
        this.registry = registry;
    }

    void attempt(String statusLabel) {
        Counter.builder(RuntimeMeters.REST_REQUESTS).description("REST requests sent, by response status")
                .tag("venue", venue).tag("status", statusLabel).register(meters).increment();
    }

    void callSucceeded() {
        collection.collectionSucceeded(venue, 0);
        registry.stateChanged(venue);
    }

    void callFailed() {
        collection.collectionFailed(venue);
        registry.stateChanged(venue);
    }

    RestStatus status() {
        return status.get();
    }

    SourceState sourceState() {
        RestStatus now = status.get();
        if (now.breaker() == CircuitBreaker.State.OPEN) {
            return SourceState.DOWN;
        }
        return now.paused() || now.breaker() == CircuitBreaker.State.HALF_OPEN
                ? SourceState.DEGRADED : SourceState.ACTIVE;
    }
}
