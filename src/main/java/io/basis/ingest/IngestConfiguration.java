package io.basis.ingest;

import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.ingest.runtime.GapSink;
import io.basis.ingest.runtime.TimeSource;
import io.basis.store.StreamGaps;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** The shared pieces every venue connector uses: time, HTTP client, connection registry, gap markers. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    TimeSource timeSource(Clock clock) {
        return TimeSource.system(clock);
    }

    @Bean(destroyMethod = "close")
    HttpClient venueHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Bean
    ConnectionRegistry connectionRegistry(TimeSource time, MeterRegistry meters, CollectionStatistics collection) {
        return new ConnectionRegistry(time, meters, collection);
    }

    /** Stream gaps go to the {@code stream_gap} table, where gap detection and backfill pick them up. */
    @Bean
    GapSink gapSink(StreamGaps gaps) {
        return gaps::record;
    }
}
