package io.basis.ingest.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The connection runtime's Micrometer meters. All read in-memory state at scrape time. Names as exported by the
 * Prometheus registry: {@code basis_stream_messages_total}, {@code basis_stream_bytes_total},
 * {@code basis_stream_reconnects_total}, {@code basis_stream_parse_errors_total}, {@code basis_stream_gaps_total},
 * {@code basis_stream_last_message_age_seconds}, {@code basis_stream_state} (one series per state, 1 for the
 * current one) — all tagged {venue, stream} — and {@code basis_rest_requests_total{venue,status}},
 * {@code basis_rest_paused{venue}}, {@code basis_rest_used_weight{venue,bucket}},
 * {@code basis_rest_circuit_open{venue}}.
 */
final class RuntimeMeters {
    static final String REST_REQUESTS = "basis_rest_requests";

    private RuntimeMeters() {
    }

    static void bindStream(MeterRegistry meters, StreamStats stats, TimeSource time) {
        Tags tags = Tags.of("venue", stats.venue(), "stream", stats.stream());
        counter(meters, "basis_stream_messages", "text frames received", tags, stats, StreamStats::messages);
        counter(meters, "basis_stream_bytes", "UTF-8 bytes of text frames received", tags, stats,
                StreamStats::bytes);
        counter(meters, "basis_stream_reconnects", "sockets replaced, planned or not", tags, stats,
                StreamStats::reconnects);
        counter(meters, "basis_stream_parse_errors", "frames a connector could not use", tags, stats,
                StreamStats::parseErrors);
        counter(meters, "basis_stream_gaps", "periods without a socket delivering", tags, stats, StreamStats::gaps);
        Gauge.builder("basis_stream_last_message_age_seconds", stats, s -> s.lastMessageAgeSeconds(time.now()))
                .description("seconds since the last frame; NaN before the first").tags(tags).register(meters);
        for (ConnectionState state : ConnectionState.values()) {
            Gauge.builder("basis_stream_state", stats, s -> s.state() == state ? 1 : 0)
                    .description("1 for the connection's current state").tags(tags).tag("state", state.id())
                    .register(meters);
        }
    }

    static void bindRest(MeterRegistry meters, String venue, Supplier<RestStatus> status) {
        Tags tags = Tags.of("venue", venue);
        Gauge.builder("basis_rest_paused", status, s -> s.get().paused() ? 1 : 0)
                .description("1 while the venue's REST calls are paused (429/418/403)").tags(tags).register(meters);
        Gauge.builder("basis_rest_circuit_open", status,
                        s -> s.get().breaker() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the venue's circuit breaker is open or probing").tags(tags).register(meters);
        for (String bucket : status.get().usedWeight().keySet()) {
            Gauge.builder("basis_rest_used_weight", status, s -> s.get().usedWeight().getOrDefault(bucket, 0))
                    .description("request weight used in the current window").tags(tags).tag("bucket", bucket)
                    .register(meters);
        }
    }

    private static void counter(MeterRegistry meters, String name, String description, Tags tags,
                                StreamStats stats, ToDoubleFunction<StreamStats> value) {
        FunctionCounter.builder(name, stats, value).description(description).tags(tags).register(meters);
    }
}
