package io.basis.venue.deribit;

import io.basis.config.VenueConfig;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestSettings;
import io.basis.ingest.runtime.StreamConnection;
import io.basis.ingest.runtime.VenueRestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live Deribit collection (skeleton: the public API is final, the body follows).
 */
public final class DeribitConnector implements VenueConnector {
    static final String VENUE = DeribitParser.VENUE;
    /** Stream-gap cause of a book lost to a broken {@code prev_change_id} chain. */
    public static final String SEQUENCE_GAP = "sequence-gap";
    /** Budget bucket of {@code public/get_instruments} (1 request per second, reference §2). */
    public static final String INSTRUMENTS_BUCKET = "instruments";

    /**
     * Runtime knobs (tests shorten them).
     *
     * @param staleAfter        no frame for this long → reconnect and resubscribe everything
     * @param reconnectBackoff  reconnect delay ceiling by attempt
     * @param heartbeatSeconds  {@code public/set_heartbeat} interval (≥ 10, Deribit's minimum)
     * @param instrumentRefresh how often instruments are re-read: new listings subscribed, expired ones dropped
     * @param topRecompute      how often the top-N options by open interest are re-ranked (at an instrument refresh)
     * @param bookSnapshot      REST {@code public/get_order_book} of every tracked instrument
     * @param greeksSnapshot    REST {@code public/ticker} of every tracked option (greeks / IV snapshot)
     * @param bookSummary       REST {@code public/get_book_summary_by_currency} per currency (open interest)
     * @param fundingPoll       REST funding history of the perpetuals (aligned to whole multiples of it)
     * @param fundingBackfill   history fetched on the first funding poll
     * @param candlePoll        REST 1-minute candles of every tracked instrument; each poll asks for the last
     *                          {@code candlePoll} plus one bar
     * @param dvolPoll          REST DVOL history per currency; each poll asks for the last {@code dvolPoll}
     * @param rateLimitBackoff  pause after a {@code 10028 too_many_requests} reply, by consecutive count
     * @param rest              REST client settings (base URL replaced by the venue's); null = Deribit's credits
     * @param environment       where the API credentials are read ({@code api-key-env} = client id,
     *                          {@code <api-key-env>_SECRET} = client secret); normally {@code System.getenv()}
     */
    public record Tuning(Duration staleAfter, Escalation reconnectBackoff, int heartbeatSeconds,
                         Duration instrumentRefresh, Duration topRecompute, Duration bookSnapshot,
                         Duration greeksSnapshot, Duration bookSummary, Duration fundingPoll, Duration fundingBackfill,
                         Duration candlePoll, Duration dvolPoll, Escalation rateLimitBackoff, RestSettings rest,
                         Map<String, String> environment) {

        public Tuning {
            Objects.requireNonNull(staleAfter, "staleAfter");
            Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
            if (heartbeatSeconds < DeribitChannels.MIN_HEARTBEAT_SECONDS) {
                throw new IllegalArgumentException("Deribit heartbeat interval must be >= 10 s: " + heartbeatSeconds);
            }
            for (Duration d : List.of(instrumentRefresh, topRecompute, bookSnapshot, greeksSnapshot, bookSummary,
                    fundingPoll, fundingBackfill, candlePoll, dvolPoll)) {
                if (d == null || !d.isPositive()) {
                    throw new IllegalArgumentException("Deribit tuning intervals must be positive: " + d);
                }
            }
            Objects.requireNonNull(rateLimitBackoff, "rateLimitBackoff");
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }

        /**
         * Stale after 45 s (three 15 s heartbeats), reconnect 1 s → 60 s, instruments hourly, top-N hourly, order
         * book every 5 min, greeks hourly, book summary every 5 min, funding every 10 min with 48 h backfill,
         * candles every 5 min, DVOL every 10 min, 10028 pause 1 s → 60 s, Deribit's credit budget, the process
         * environment.
         */
        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(45), new Escalation(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                    15, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(1),
                    Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(48), Duration.ofMinutes(5),
                    Duration.ofMinutes(10), new Escalation(Duration.ofSeconds(1), Duration.ofSeconds(60)), null,
                    System.getenv());
        }

        public Tuning withRest(RestSettings settings) {
            return new Tuning(staleAfter, reconnectBackoff, heartbeatSeconds, instrumentRefresh, topRecompute,
                    bookSnapshot, greeksSnapshot, bookSummary, fundingPoll, fundingBackfill, candlePoll, dvolPoll,
                    rateLimitBackoff, settings, environment);
        }

        public Tuning withEnvironment(Map<String, String> env) {
            return new Tuning(staleAfter, reconnectBackoff, heartbeatSeconds, instrumentRefresh, topRecompute,
                    bookSnapshot, greeksSnapshot, bookSummary, fundingPoll, fundingBackfill, candlePoll, dvolPoll,
                    rateLimitBackoff, rest, env);
        }
    }

    private final VenueConfig config;
    private final VenueDeps deps;
    private final Tuning tuning;
    private final DeribitSettings settings;
    private final VenueRestClient rest;
    private final List<StreamConnection> connections = new CopyOnWriteArrayList<>();
    private volatile DeribitTracking.Tracked tracked = DeribitTracking.Tracked.EMPTY;

    public DeribitConnector(VenueConfig config, VenueDeps deps, Tuning tuning) {
        this.config = Objects.requireNonNull(config, "config");
        this.deps = Objects.requireNonNull(deps, "deps");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.settings = DeribitSettings.of(config);
        this.rest = new VenueRestClient(restSettings(config, tuning), deps.runtime().http(), deps.runtime().time(),
                deps.runtime().registry(), deps.runtime().tap());
    }

    /** Deribit's credits (reference §2) as a sliding window, and 1 request/s for {@code get_instruments}. */
    static RestSettings restSettings(VenueConfig config, Tuning tuning) {
        RestSettings t = tuning.rest();
        if (t != null) {
            RestSettings s = new RestSettings(VENUE, config.restUrl(), t.requestTimeout(), t.budgets(),
                    t.usedWeightHeader(), t.maxRetries(), t.retry(), t.rateLimitPause(), t.banPause(),
                    t.forbiddenPause(), t.breakerThreshold(), t.breakerCoolDown());
            return s.budgets().containsKey(INSTRUMENTS_BUCKET) ? s
                    : s.withBudget(INSTRUMENTS_BUCKET, new RateBudget(1, Duration.ofSeconds(1)));
        }
        return RestSettings.of(VENUE, config.restUrl(), new RateBudget(DeribitRequests.CREDIT_REFILL_PER_SECOND,
                        Duration.ofSeconds(1)))
                .withBudget(INSTRUMENTS_BUCKET, new RateBudget(1, Duration.ofSeconds(1)));
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public List<String> symbols() {
        return List.copyOf(tracked.all());
    }

    /** The instruments followed now (options top-N by OI, all futures and perpetuals of the currencies). */
    public DeribitTracking.Tracked tracked() {
        return tracked;
    }

    @Override
    public void start() throws Exception {
        throw new UnsupportedOperationException("deribit connector: start() not implemented yet");
    }

    public VenueRestClient restClient() {
        return rest;
    }

    public List<StreamConnection> connections() {
        return List.copyOf(connections);
    }

    public DeribitSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        connections.forEach(StreamConnection::close);
    }

    static RestRequest restRequest(DeribitRequests.Request r) {
        return RestRequest.get(DeribitRequests.BASE_PATH + r.method(), query(r), r.cost());
    }

    private static Map<String, String> query(DeribitRequests.Request r) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        r.params().forEach((k, v) -> q.put(k, v.toString()));
        return q;
    }
}
