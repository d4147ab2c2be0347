package io.basis.ingest;

import io.basis.config.VenueConfig;
import io.basis.ingest.runtime.RuntimeContext;
import io.basis.model.MarketEvent;
import io.basis.store.EventWriter;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything Basis knows about one venue's code: its id, which URLs belong to it (so {@code basis replay} can infer
 * the venue of a capture), how to build its live connector and its capture decoder. Implementations are stateless;
 * the registry is {@link VenueModules}.
 */
public interface VenueModule {

    /** The venue id as in the venues file, e.g. {@code binance-usdm}. */
    String id();

    /**
     * Whether a WebSocket connection URL or REST request URL belongs to this venue, by host (e.g.
     * {@code fstream.binance.com}, {@code fapi.binance.com} and their testnet hosts).
     */
    boolean recognises(URI connectionOrRequestUrl);

    /** Whether the URL's host, ignoring case, is one of {@code hosts} (lower case); false without a host. */
    static boolean hostIn(URI url, Set<String> hosts) {
        String host = url.getHost();
        return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** A connector for the venue, not started yet. */
    VenueConnector connector(VenueConfig config, VenueDeps deps);

    /** A fresh decoder for one capture, using the venue entry's channels and storage policies. */
    CaptureDecoder captureDecoder(VenueConfig config);

    /**
     * The shared beans a connector uses.
     *
     * @param writer     where events go (blocks when full)
     * @param runtime    time, HTTP client, connection registry, gap sink and frame tap for streams and REST clients
     * @param collectors the periodic REST collections (open-interest polls and the like)
     * @param statistics collection counters
     * @param clock      wall clock
     */
    record VenueDeps(EventWriter writer, RuntimeContext runtime, RestCollectors collectors,
                     CollectionStatistics statistics, Clock clock) {
        public VenueDeps {
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(collectors, "collectors");
            Objects.requireNonNull(statistics, "statistics");
            Objects.requireNonNull(clock, "clock");
        }

        /**
         * Hands events to the writer in order, blocking while its queue is full, and counts them as collected for
         * {@code venue}; nothing for an empty list. An interrupt stops the hand-over and leaves the thread
         * interrupted; the events still count.
         */
        public void publish(String venue, List<MarketEvent> events) {
            if (events.isEmpty()) {
                return;
            }
            try {
                for (MarketEvent e : events) {
                    writer.publish(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            statistics.eventsCollected(venue, events.size());
        }
    }
}
