package io.basis.ingest.runtime;

import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * What all connections of a process share: time, the JDK HTTP client (which also opens WebSockets), the
 * statistics registry, where gaps and tapped frames go, and the randomness for backoff jitter (must be
 * thread-safe, as {@link Random} is).
 */
public record RuntimeContext(TimeSource time, HttpClient http, ConnectionRegistry registry, GapSink gaps,
                             FrameTap tap, RandomGenerator random) {

    public RuntimeContext {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(gaps, "gaps");
        Objects.requireNonNull(tap, "tap");
        Objects.requireNonNull(random, "random");
    }

    /** No gap sink, no tap, a fresh {@link Random}. */
    public static RuntimeContext of(TimeSource time, HttpClient http, ConnectionRegistry registry) {
        return new RuntimeContext(time, http, registry, GapSink.NONE, FrameTap.NONE, new Random());
    }

    public RuntimeContext withGaps(GapSink sink) {
        return new RuntimeContext(time, http, registry, sink, tap, random);
    }

    public RuntimeContext withTap(FrameTap frameTap) {
        return new RuntimeContext(time, http, registry, gaps, frameTap, random);
    }

    public RuntimeContext withRandom(RandomGenerator generator) {
        return new RuntimeContext(time, http, registry, gaps, tap, generator);
    }
}
