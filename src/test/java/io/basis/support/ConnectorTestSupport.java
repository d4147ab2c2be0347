package io.basis.support;

import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.RestCollectors;
import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.ingest.runtime.FrameTap;
import io.basis.ingest.runtime.RuntimeContext;
import io.basis.ingest.runtime.TimeSource;
import io.basis.store.EventQueries;
import io.basis.store.StreamGaps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Random;

/**
 * Base of the connector integration tests: the service beans a venue connector uses and its {@link VenueDeps} over
 * a fresh {@link ConnectionRegistry} (gaps into {@link StreamGaps}, no frame tap, seeded jitter).
 */
public abstract class ConnectorTestSupport extends DatabaseTestSupport {
    @Autowired protected EventQueries queries;
    @Autowired protected StreamGaps streamGaps;
    @Autowired protected RestCollectors collectors;
    @Autowired protected CollectionStatistics statistics;
    @Autowired protected HttpClient http;
    @Autowired protected TimeSource time;
    @Autowired protected Clock clock;

    /** The registry of the connector built by the last {@link #connectorDeps()}. */
    protected ConnectionRegistry registry;

    /** The beans for one connector, with a fresh {@link #registry}. */
    protected VenueDeps connectorDeps() {
        registry = new ConnectionRegistry(time, new SimpleMeterRegistry(), statistics);
        RuntimeContext runtime = new RuntimeContext(time, http, registry, streamGaps::record, FrameTap.NONE,
                new Random(7));
        return new VenueDeps(writer, runtime, collectors, statistics, clock);
    }
}
