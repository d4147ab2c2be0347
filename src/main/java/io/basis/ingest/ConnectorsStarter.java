package io.basis.ingest;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.ingest.runtime.FrameTap;
import io.basis.ingest.runtime.GapSink;
import io.basis.ingest.runtime.RuntimeContext;
import io.basis.ingest.runtime.TimeSource;
import io.basis.store.EventWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Starts the connector of every enabled venue that has a {@link VenueModule} once the application is ready, and
 * closes them on shutdown. Enabled venues without a module are logged once as not implemented yet and reported
 * {@code down}. A connector that fails to start is logged and left down; the others still start.
 * Off with {@code basis.connectors.enabled=false} (integration tests start connectors themselves).
 */
@Component
@ConditionalOnProperty(name = "basis.connectors.enabled", havingValue = "true", matchIfMissing = true)
public class ConnectorsStarter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectorsStarter.class);

    private final VenuesConfig venues;
    private final VenueModule.VenueDeps deps;
    private final List<VenueConnector> running = new ArrayList<>();

    public ConnectorsStarter(VenuesConfig venues, EventWriter writer, TimeSource time, HttpClient http,
                             ConnectionRegistry registry, GapSink gaps, RestCollectors collectors,
                             CollectionStatistics statistics, Clock clock) {
        this.venues = venues;
        RuntimeContext runtime = new RuntimeContext(time, http, registry, gaps, FrameTap.NONE, new Random());
        this.deps = new VenueModule.VenueDeps(writer, runtime, collectors, statistics, clock);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startAll() {
        for (VenueConfig venue : venues.enabled()) {
            Optional<VenueModule> module = VenueModules.byId(venue.id());
            if (module.isEmpty()) {
                log.info("{}: enabled, but its connector is not implemented yet; the venue stays down", venue.id());
                deps.statistics().sourceState(venue.id(), SourceState.DOWN);
                continue;
            }
            Thread.ofVirtual().name("basis-start-" + venue.id()).start(() -> start(module.get(), venue));
        }
    }

    private void start(VenueModule module, VenueConfig venue) {
        VenueConnector connector;
        try {
            connector = module.connector(venue, deps);
        } catch (RuntimeException e) {
            log.error("{}: cannot build the connector: {}", venue.id(), e.getMessage(), e);
            deps.statistics().sourceState(venue.id(), SourceState.DOWN);
            return;
        }
        synchronized (running) {
            running.add(connector);
        }
        try {
            connector.start();
            log.info("{}: connector started", venue.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("{}: connector failed to start: {}", venue.id(), e.getMessage(), e);
            deps.statistics().sourceState(venue.id(), SourceState.DOWN);
        }
    }

    /** The connectors started (or starting), for diagnostics. */
    public List<VenueConnector> connectors() {
        synchronized (running) {
            return List.copyOf(running);
        }
    }

    @Override
    public void close() {
        List<VenueConnector> all;
        synchronized (running) {
            all = new ArrayList<>(running);
            running.clear();
        }
        for (VenueConnector c : all) {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.warn("{}: error while closing: {}", c.venue(), e.getMessage());
            }
        }
    }
}
