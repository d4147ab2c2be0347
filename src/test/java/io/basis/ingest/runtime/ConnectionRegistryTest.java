package io.basis.ingest.runtime;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.SourceState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionRegistryTest {
    private final ManualTime time = new ManualTime();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CollectionStatistics collection = new CollectionStatistics(Clock.systemUTC());
    private final ConnectionRegistry registry = new ConnectionRegistry(time, meters, collection);

    @Test
    void venueStateFollowsItsStreams() {
        StreamStats market = registry.stream("binance-usdm", "market");
        StreamStats book = registry.stream("binance-usdm", "public");

        market.state(ConnectionState.LIVE);
        assertThat(collection.sourceStates()).containsEntry("binance-usdm", SourceState.DEGRADED);
        book.state(ConnectionState.LIVE);
        assertThat(collection.sourceStates()).containsEntry("binance-usdm", SourceState.ACTIVE);
        market.state(ConnectionState.RECONNECTING);
        book.state(ConnectionState.CONNECTING);
        assertThat(collection.sourceStates()).containsEntry("binance-usdm", SourceState.DOWN);
        assertThat(registry.stream("binance-usdm", "market")).isSameAs(market);
    }

    @Test
    void snapshotsAreImmutableViewsInOrder() {
        StreamStats b = registry.stream("okx", "public");
        StreamStats a = registry.stream("bybit", "linear");
        a.connected(URI.create("wss://stream.bybit.com/v5/public/linear"), time.now());
        a.message(10, time.now());
        time.advance(Duration.ofSeconds(3));

        assertThat(registry.streams()).extracting(StreamSnapshot::venue).containsExactly("bybit", "okx");
        StreamSnapshot bybit = registry.streams().getFirst();
        assertThat(bybit.messages()).isEqualTo(1);
        assertThat(bybit.bytes()).isEqualTo(10);
        assertThat(bybit.lastMessageAge()).isEqualTo(Duration.ofSeconds(3));
        assertThat(bybit.url()).isEqualTo("wss://stream.bybit.com/v5/public/linear");
        assertThat(registry.streams().get(1).lastMessageAge()).isNull();
        assertThat(b.snapshot(time.now()).state()).isEqualTo(ConnectionState.STOPPED);
    }

    @Test
    void exportsPrometheusMeters() {
        StreamStats stats = registry.stream("deribit", "main");
        stats.state(ConnectionState.LIVE);
        stats.message(5, time.now());
        stats.reconnected();
        stats.parseError("bad-json", "{");
        time.advance(Duration.ofMillis(1500));

        String scrape = meters.scrape();

        assertThat(scrape)
                .contains("basis_stream_messages_total{stream=\"main\",venue=\"deribit\"} 1.0")
                .contains("basis_stream_reconnects_total{stream=\"main\",venue=\"deribit\"} 1.0")
                .contains("basis_stream_parse_errors_total{stream=\"main\",venue=\"deribit\"} 1.0")
                .contains("basis_stream_last_message_age_seconds{stream=\"main\",venue=\"deribit\"} 1.5")
                .contains("basis_stream_state{state=\"live\",stream=\"main\",venue=\"deribit\"} 1.0")
                .contains("basis_stream_state{state=\"stopped\",stream=\"main\",venue=\"deribit\"} 0.0");
    }

    @Test
    void parseErrorsAreCountedAlwaysAndKeyedByKind() {
        StreamStats stats = registry.stream("okx", "public");
        for (int i = 0; i < 1000; i++) {
            stats.parseError("bad-number", "{\"px\":\"" + i + "\"}");
        }
        stats.parseError("unknown-channel", "{\"arg\":{\"channel\":\"x\"}}");

        assertThat(stats.parseErrors()).isEqualTo(1001);
        assertThat(collection.errors()).isEqualTo(1001);
        assertThat(registry.errorCounts()).containsEntry("okx/public bad-number", 1000L)
                .containsEntry("okx/public unknown-channel", 1L);
    }

    @Test
    void samplesAreTruncatedForTheLog() {
        assertThat(DistinctErrorLog.truncate(null)).isEqualTo("<none>");
        assertThat(DistinctErrorLog.truncate("a\nb")).isEqualTo("a b");
        String longSample = "x".repeat(1000);
        assertThat(DistinctErrorLog.truncate(longSample)).hasSize(DistinctErrorLog.SAMPLE_CHARS + 16)
                .endsWith("... (1000 chars)");
    }
}
