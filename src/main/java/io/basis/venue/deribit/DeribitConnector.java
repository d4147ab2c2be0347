package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.VenueConfig;
import io.basis.ingest.RestCollectors;
import io.basis.ingest.TrailingFlush;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.history.HistorySource;
import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.ingest.runtime.RestSettings;
import io.basis.ingest.runtime.StreamConnection;
import io.basis.ingest.runtime.VenueRestClient;
import io.basis.model.Instrument;
import io.basis.model.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live Deribit collection. {@link #start()}: {@code public/get_instruments} (futures incl. perpetuals, and options;
 * {@code expired=false}) per configured currency → instruments published; the tracked set = every future and
 * perpetual plus the top-N options per currency by open interest from {@code get_book_summary_by_currency}
 * ({@link DeribitTracking}); one WebSocket ({@link DeribitStream}) subscribing the tracked set's channels; periodic
 * REST collections ({@link DeribitPolls}, whose range reads go through {@link DeribitHistory}, also offered to
 * callers by {@link #history()}) and the tracked-set refresh registered with {@link RestCollectors}. The
 * refresh (every {@code instrumentRefresh}) re-reads instruments, drops expired ones, picks up new listings and, every
 * {@code topRecompute}, re-ranks the options; the socket subscribes the added and unsubscribes the dropped. When a
 * channel is thinned ({@code snapshot-interval} above 0), a {@link TrailingFlush} publishes what the session held
 * back once its interval has passed ({@link DeribitSession#flushDue}). {@link #close()} stops everything; events
 * still held back then (less than one interval old) are not stored.
 *
 * <p>REST: {@code rest-url} + {@code /api/v2/public/...}, Deribit's credits as the budget ({@link DeribitRequests}),
 * {@code get_instruments} additionally at 1 request/s, {@code 10028 too_many_requests} pauses all calls
 * ({@link DeribitRestCalls}).
 */
public final class DeribitConnector implements VenueConnector {
    private static final Logger log = LoggerFactory.getLogger(DeribitConnector.class);
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
    private final DeribitRestCalls calls;
    private final DeribitStream stream;
    private final DeribitHistory history;
    private final DeribitHistorySource historySource;
    private final DeribitPolls polls;
    private final List<RestCollectors.Registration> registrations = new CopyOnWriteArrayList<>();
    private volatile DeribitTracking.Tracked tracked = DeribitTracking.Tracked.EMPTY;
    private volatile Instant lastRanked;
    private volatile Instant lastRefresh;
    private volatile boolean started;
    private volatile TrailingFlush flush;
    private volatile boolean closed;

    public DeribitConnector(VenueConfig config, VenueDeps deps, Tuning tuning) {
        this.config = Objects.requireNonNull(config, "config");
        this.deps = Objects.requireNonNull(deps, "deps");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.settings = DeribitSettings.of(config);
        if (config.wsUrl() == null) {
            throw new IllegalArgumentException("deribit: ws-url is required");
        }
        this.rest = new VenueRestClient(restSettings(config, tuning), deps.runtime().http(), deps.runtime().time(),
                deps.runtime().registry(), deps.runtime().tap());
        this.calls = new DeribitRestCalls(rest, deps.runtime().time(), tuning.rateLimitBackoff());
        this.stream = new DeribitStream(config, settings, tuning, deps, calls, this::tracked, this::publish);
        this.history = new DeribitHistory(calls, stream.session().parser(), DeribitHistory.Limits.defaults(),
                () -> closed);
        this.historySource = new DeribitHistorySource(history, settings,
                rest.settings().budgets().get(RestRequest.DEFAULT_BUCKET));
        this.polls = new DeribitPolls(history, calls, stream.session(), settings, tuning, deps.clock(),
                this::tracked, this::publish, () -> closed);
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

    /** The tracked instruments (venue names, sorted); empty before {@link #start()}. */
    @Override
    public List<String> symbols() {
        return List.copyOf(tracked.all());
    }

    /** The instruments followed now (options top-N by OI, all futures and perpetuals of the currencies). */
    public DeribitTracking.Tracked tracked() {
        return tracked;
    }

    /** Starts collecting; if it throws, nothing is left running and it may be called again. */
    @Override
    public synchronized void start() throws Exception {
        if (started) {
            throw new IllegalStateException(VENUE + ": already started");
        }
        refreshTracking(true);
        log.info("{}: tracking {} options, {} futures, {} perpetuals", VENUE, tracked.options().size(),
                tracked.futures().size(), tracked.perpetuals().size());
        if (closed) {
            return;
        }
        stream.start();
        started = true;
        TrailingFlush.tick(List.of(settings.tickerEvery(), settings.optionTickerEvery(), settings.bookEvery()))
                .filter(tick -> !closed)
                .ifPresent(tick -> flush = TrailingFlush.start("basis-deribit-flush", tick, deps.runtime().time(),
                        stream.session()::flushDue, this::publish));
        registrations.add(deps.collectors().register(DeribitPolls.collector("tracking", tuning.instrumentRefresh(),
                this::scheduledRefresh)));
        for (RestCollectors.Collector c : polls.collectors()) {
            registrations.add(deps.collectors().register(c));
        }
    }

    /** The tracked set only (instruments, option ranking); the socket and the polls are left unstarted. */
    @Override
    public synchronized void prepareHistory() throws Exception {
        if (started) {
            throw new IllegalStateException(VENUE + ": already started");
        }
        refreshTracking(true);
    }

    /**
     * Refreshes the tracked set now (instruments re-read, options re-ranked) and applies the change to the socket,
     * e.g. for tests or an operator; the hourly refresh does the same on its own.
     *
     * @return instruments published
     */
    public long refreshNow() throws Exception {
        return refreshTracking(true);
    }

    /** A collector run: skipped when start-up (or a trigger) refreshed less than half an interval ago. */
    private long scheduledRefresh() throws Exception {
        Instant last = lastRefresh;
        if (last != null && deps.clock().instant().isBefore(last.plus(tuning.instrumentRefresh().dividedBy(2)))) {
            return 0;
        }
        return refreshTracking(false);
    }

    /**
     * Re-reads instruments (and, when {@code topRecompute} has passed, the option book summaries), recomputes the
     * tracked set and applies the difference to the socket. Returns the instruments published.
     */
    synchronized long refreshTracking(boolean rank) throws Exception {
        List<Instrument> listed = loadInstruments();
        long n = publish(stream.session().onInstruments(listed));
        Instant now = deps.clock().instant();
        Instant ranked = lastRanked;
        boolean rerank = rank || ranked == null || !now.isBefore(ranked.plus(tuning.topRecompute()));
        DeribitTracking.Tracked next = rerank
                ? DeribitTracking.select(settings.currencies(), listed, optionSummaries(), now, settings.top())
                : DeribitTracking.refresh(tracked, listed, now);
        if (rerank) {
            lastRanked = now;
        }
        DeribitTracking.Diff diff = DeribitTracking.diff(tracked, next);
        tracked = next;
        lastRefresh = now;
        if (started) {
            if (!diff.isEmpty()) {
                log.info("{}: tracked set changed: +{} -{}", VENUE, diff.added(), diff.removed());
            }
            stream.apply(diff);
        }
        return n;
    }

    private List<Instrument> loadInstruments() throws Exception {
        List<Instrument> all = new ArrayList<>();
        for (String code : settings.currencies()) {
            DeribitCurrency currency = DeribitCurrency.of(code);
            for (String kind : List.of("future", "option")) {
                if (kind.equals("option") && !settings.has(Channel.OPTION_TICKER)) {
                    continue;
                }
                RestResponse r = calls.call(DeribitRequests.instruments(currency.apiCurrency(), kind, false),
                        INSTRUMENTS_BUCKET);
                DeribitInstruments.parse(r.body(), r.receivedAt()).stream().filter(currency::covers)
                        .forEach(all::add);
            }
        }
        return all;
    }

    private Map<String, List<DeribitBookSummary>> optionSummaries() throws Exception {
        Map<String, List<DeribitBookSummary>> out = new LinkedHashMap<>();
        if (!settings.has(Channel.OPTION_TICKER)) {
            return out;
        }
        for (String code : settings.currencies()) {
            DeribitCurrency currency = DeribitCurrency.of(code);
            RestResponse r = calls.call(DeribitRequests.bookSummaryByCurrency(currency.apiCurrency(), "option"),
                    RestRequest.DEFAULT_BUCKET);
            out.put(code, DeribitRest.bookSummary(r.body()).stream()
                    .filter(s -> currency.covers(s.instrumentName())).toList());
        }
        return out;
    }

    private long publish(List<MarketEvent> events) {
        if (closed) {
            return 0;
        }
        deps.publish(VENUE, events);
        return events.size();
    }

    /**
     * Range fetches of trades, bars, funding and DVOL over this connector's rate-limited REST calls (the polls use
     * it too); cancelled by {@link #close()}.
     */
    public DeribitHistory history() {
        return history;
    }

    /** {@link #history()} as a backfill source: trades, candles, funding, DVOL. */
    @Override
    public Optional<HistorySource> historySource() {
        return Optional.of(historySource);
    }

    public VenueRestClient restClient() {
        return rest;
    }

    /** The WebSocket connection (one); empty before {@link #start()}. */
    public List<StreamConnection> connections() {
        StreamConnection c = stream.connection();
        return c == null ? List.of() : List.of(c);
    }

    /** True while API credentials are configured and accepted (channels use {@code raw}). */
    public boolean authenticated() {
        return stream.authenticated();
    }

    public DeribitSettings settings() {
        return settings;
    }

    /** The connection's session (books, request ids) for diagnostics and tests. */
    DeribitSession session() {
        return stream.session();
    }

    @Override
    public void close() {
        closed = true;
        TrailingFlush f = flush;
        if (f != null) {
            f.close();
        }
        registrations.forEach(RestCollectors.Registration::cancel);
        registrations.clear();
        stream.close();
    }
}
