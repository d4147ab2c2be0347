package io.basis.ingest.history;

import io.basis.ingest.runtime.RateBudget;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One venue's historical REST endpoints, as a backfill sees them: which event types it serves, how far back
 * ({@link Coverage}), what a range costs, and the fetch itself. A source belongs to a running connector and sends
 * through that connector's REST client, so history requests share the venue's rate budget, 429/418 pauses and
 * circuit breaker with live collection; on top of that every request first passes the caller's {@link Throttle}
 * (the {@link Backfiller} caps backfill to a share of each budget in {@link #budgets()}, so live polls always find
 * room).
 *
 * <p>Ranges are half-open, [from, to), venue time. Fetching a range again hands on the same events; the store's
 * natural keys make that idempotent. Thread-safe: concurrent fetches share only the connector's client.
 */
public interface HistorySource {

    /** The venue id, e.g. {@code binance-usdm}. */
    String venue();

    /** What the venue serves, per event type; types not in the map are not served at all. */
    Map<EventType, Coverage> coverage();

    /** The event types served. */
    default Set<EventType> types() {
        return coverage().keySet();
    }

    /** The coverage of one type, empty when the venue serves no history of it. */
    default Optional<Coverage> coverage(EventType type) {
        return Optional.ofNullable(coverage().get(type));
    }

    /**
     * The symbols a type's history is fetched for, out of the connector's tracked symbols (e.g. funding only for
     * perpetuals; Deribit's DVOL per currency index, {@code btc_usd}, whatever instruments are tracked).
     */
    List<String> symbols(EventType type, Collection<String> tracked);

    /**
     * The event types a live connection of the venue carries, by the connection's name in the gap ledger (e.g.
     * Binance {@code market}: trades, liquidations, mark/index/funding, candles; {@code public}: books), so a
     * connection-level gap is expanded into what it really lost - served or not (unserved types end unfillable or
     * ignored with the reason). A REST poll held by a rate-limit pause is named {@code rest:<collector name>}
     * ({@link io.basis.ingest.RestCollectors}): answer the types that poll stores (e.g. open interest), not every type
     * served - the others did not miss anything, and their short gaps of a type that is not cheap would stay open for
     * a manual backfill. Default: the types this source serves.
     */
    default Set<EventType> carriedBy(String connection) {
        return types();
    }

    /**
     * The venue budgets history requests are charged to, by bucket name as the {@link Throttle} receives it (e.g.
     * Binance: {@code default} REQUEST_WEIGHT 2400/min, {@code funding} 500/5 min, {@code futures-data} 1000/5 min).
     */
    Map<String, RateBudget> budgets();

    /**
     * Whether the connector itself already fetches recent funding history when it starts (Deribit: the first
     * funding poll reads the last 48 h), so a start-up funding backfill would do the same work twice.
     */
    default boolean fetchesFundingAtStart() {
        return false;
    }

    /** Requests {@link #fetch} will make for the range (exact where pages are time windows, else an estimate). */
    int estimateRequests(EventType type, String symbol, Instant from, Instant to);

    /**
     * Fetches [from, to) of one type and symbol, page by page into {@code sink}, every request passing
     * {@code throttle} first.
     *
     * @throws HistoryUnavailableException the venue does not (or no longer) serve this range, type or symbol:
     *                                     retrying will not help
     * @throws IOException                 transient: the venue unreachable, 5xx, rate limited after the retries,
     *                                     a malformed reply; worth retrying later
     */
    Fetched fetch(EventType type, String symbol, Instant from, Instant to, Throttle throttle, Sink sink)
            throws HistoryUnavailableException, IOException, InterruptedException;

    /**
     * How far back the venue serves a type, and whether it is cheap.
     *
     * @param window how far back from now the venue serves it; {@code null} = from the instrument's listing
     * @param cheap  a short gap is worth fetching at once (few, light requests: candles, funding); expensive types
     *               (trades) are fetched only for gaps of at least the configured minimum
     * @param source the endpoint(s), for reasons and docs, e.g. {@code GET /futures/data/openInterestHist 5m}
     */
    record Coverage(EventType type, Duration window, boolean cheap, String source) {
        public Coverage {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(source, "source");
            if (window != null && !window.isPositive()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
        }

        /** The oldest instant served at {@code now}; {@link Instant#MIN} when served from listing. */
        public Instant servedFrom(Instant now) {
            return window == null ? Instant.MIN : now.minus(window);
        }
    }

    /** Admits one history request of {@code weight} in {@code bucket}; blocks until it fits. */
    @FunctionalInterface
    interface Throttle {
        Throttle NONE = (bucket, weight) -> { };

        void acquire(String bucket, int weight) throws InterruptedException;
    }

    /**
     * A run's position after a page.
     *
     * @param requests          requests made so far
     * @param estimatedRequests requests the whole run should take
     * @param events            events handed on so far
     * @param reached           everything before it is fetched (newest-first runs: everything from it on)
     */
    record Progress(int requests, int estimatedRequests, long events, Instant reached) {
    }

    /** Where pages go, in venue order, as they arrive (memory stays bounded by one page). */
    @FunctionalInterface
    interface Sink {
        void accept(List<MarketEvent> page, Progress progress) throws InterruptedException;
    }

    /** What a fetch handed on: requests made, events, and the first and last venue time (null when none). */
    record Fetched(int requests, long events, Instant first, Instant last) {
    }
}
