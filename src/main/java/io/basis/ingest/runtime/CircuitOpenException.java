package io.basis.ingest.runtime;

import java.io.IOException;
import java.time.Duration;

/** A REST call refused without being sent because the venue's circuit breaker is open (or already probing). */
public final class CircuitOpenException extends IOException {
    private final transient Duration retryIn;

    public CircuitOpenException(String venue, Duration retryIn) {
        super(venue + ": circuit breaker open after repeated failures; next probe in " + retryIn);
        this.retryIn = retryIn;
    }

    /** Time until the breaker lets a probe through (zero when another call is probing right now). */
    public Duration retryIn() {
        return retryIn;
    }
}
