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
import java.time.Duration;
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
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final List<VenueConnector> running = new ArrayList<>();
    private volatile boolean stopping;

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

    /**
     * Starts the venue's connector, retrying with a growing pause (5 s doubling to 5 min) while it cannot start —
     * offline, or the venue unreachable. The first failure is logged, later ones every tenth attempt; the REST client
     * counts each failed call. A connector leaves nothing running when {@code start} throws, so it is retried as is.
     */
    private void start(VenueModule module, VenueConfig venue) {
        VenueConnector connector;
        try {
            connector = module.connector(venue, deps);
        } catch (RuntimeException e) {
            log.error("{}: cannot build the connector: {}", venue.id(), describe(e), e);
            deps.statistics().sourceState(venue.id(), SourceState.DOWN);
            return;
        }
        synchronized (running) {
            if (stopping) {
                return;
            }
            running.add(connector);
        }
        Duration pause = Duration.ofSeconds(5);
        for (int attempt = 1; !stopping; attempt++) {
            try {
                connector.start();
                log.info("{}: connector started", venue.id());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                deps.statistics().sourceState(venue.id(), SourceState.DOWN);
                if (attempt == 1 || attempt % 10 == 0) {
                    log.warn("{}: connector could not start (attempt {}): {}; retrying in {} s", venue.id(), attempt,
                            describe(e), pause.toSeconds());
                }
            }
            if (!sleep(pause)) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return root == e ? msg : msg + " (" + root.getClass().getSimpleName()
                + (root.getMessage() != null ? ": " + root.getMessage() : "") + ")";
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
        stopping = true;
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
