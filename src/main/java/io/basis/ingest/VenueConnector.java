package io.basis.ingest;

import io.basis.ingest.history.HistorySource;

import java.util.List;
import java.util.Optional;

/**
 * One venue's live collection: streams, REST polls and book syncs, closed once. Built by a
 * {@link VenueModule} from the venue's configuration and the shared {@link VenueModule.VenueDeps}.
 */
public interface VenueConnector extends AutoCloseable {

    /** The venue id, e.g. {@code binance-usdm}. */
    String venue();

    /** The venue symbols being collected, once {@link #start()} resolved them; empty before. */
    List<String> symbols();

    /**
     * Starts collecting: loads instruments, resolves symbols, opens streams, registers polls. Blocks only for the
     * start-up REST calls; streams run on their own threads afterwards.
     *
     * @throws Exception when the venue cannot be started (e.g. exchangeInfo unreachable); nothing is left
     *                   running then, and the caller retries {@code start} later with a growing pause
     */
    void start() throws Exception;

    /**
     * Prepares only the REST side, for a backfill that must not collect live data meanwhile ({@code basis backfill}):
     * loads instruments and resolves {@link #symbols()} over the REST client so {@link #historySource()} can fetch,
     * but opens no stream and registers no poll. Call it instead of {@link #start()}, then {@link #close()}.
     *
     * @throws Exception                     when the venue cannot be reached (e.g. its instruments endpoint)
     * @throws UnsupportedOperationException when the venue serves no history
     */
    default void prepareHistory() throws Exception {
        throw new UnsupportedOperationException(venue() + " serves no history to backfill from");
    }

    /**
     * The venue's historical REST endpoints for backfill, sending through this connector's REST client (so they
     * share its rate budget); empty when the venue has none. (Named {@code historySource}, not {@code history}:
     * Deribit's connector already has a {@code history()} of its own range fetchers.)
     */
    default Optional<HistorySource> historySource() {
        return Optional.empty();
    }

    /** Stops everything the connector started; idempotent. */
    @Override
    void close();
}
