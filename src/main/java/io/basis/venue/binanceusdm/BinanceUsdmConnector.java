package io.basis.venue.binanceusdm;

import io.basis.config.Channel;
import io.basis.config.RankBy;
import io.basis.config.StoragePolicy;
import io.basis.config.SymbolRule;
import io.basis.config.VenueConfig;
import io.basis.ingest.RestCollectors;
import io.basis.ingest.TrailingFlush;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.history.HistorySource;
import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.FrameHandler;
import io.basis.ingest.runtime.Heartbeat;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.ingest.runtime.RestSettings;
import io.basis.ingest.runtime.StreamConnection;
import io.basis.ingest.runtime.StreamSettings;
import io.basis.ingest.runtime.VenueRestClient;
import io.basis.ingest.runtime.WeightLimiter;
import io.basis.model.Instrument;
import io.basis.model.MarketEvent;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live Binance USD-M collection. {@link #start()}: exchangeInfo (instruments published, REQUEST_WEIGHT limit
 * adopted), symbols resolved (explicit list, or the symbol rule over {@code GET /fapi/v1/ticker/24hr}), one
 * {@link StreamConnection} per route ({@code /market}: trades, liquidations, mark price, klines; {@code /public}:
 * diff depth) subscribing with SUBSCRIBE messages on a bare combined-stream URL (so every reconnect resubscribes),
 * replaced before Binance's 24 h limit, and the open-interest poll registered with {@link RestCollectors}. With a
 * book {@code snapshot-interval} above 0, a {@link TrailingFlush} stores the book snapshots held back by thinning once
 * their interval has passed ({@link BinanceUsdmSession#flushDue}). {@link #close()} stops everything; snapshots still
 * held back then (less than one interval old) are not stored.
 */
public final class BinanceUsdmConnector implements VenueConnector {
    private static final Logger log = LoggerFactory.getLogger(BinanceUsdmConnector.class);
    static final String VENUE = BinanceUsdmParser.VENUE;
    /** The open-interest poll's collector name ({@code rest:} + it names its gaps in the ledger). */
    static final String OPEN_INTEREST_POLL = VENUE + "-open-interest";
    /** Stream-gap cause of a book lost to a broken {@code pu} chain. */
    public static final String SEQUENCE_GAP = "sequence-gap";
    static final String TICKER_24HR = "/fapi/v1/ticker/24hr";
    static final int TICKER_24HR_WEIGHT = 40;

    /**
     * Runtime knobs (tests shorten them).
     *
     * @param staleAfter       no frame for this long → reconnect
     * @param reconnectBackoff reconnect delay ceiling by attempt
     * @param snapshotRetry    wait after a failed depth snapshot before asking again
     * @param rest             REST client settings (base URL is replaced by the venue's)
     */
    public record Tuning(Duration staleAfter, Escalation reconnectBackoff, Duration snapshotRetry,
                         RestSettings rest) {
        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(30), new Escalation(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                    Duration.ofSeconds(1), null);
        }
    }

    private final VenueConfig config;
    private final VenueDeps deps;
    private final Tuning tuning;
    private final BinanceUsdmSettings settings;
    private final VenueRestClient rest;
    private final List<StreamConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong(1);
    private final BinanceUsdmBookSync bookSync;
    private final BinanceUsdmSession market;
    private final BinanceUsdmSession book;
    private final BinanceUsdmHistory history;
    private volatile WeightLimiter adopted;
    private volatile List<String> symbols = List.of();
    private volatile boolean closed;
    private volatile RestCollectors.Registration openInterestPoll;
    private volatile TrailingFlush flush;

    public BinanceUsdmConnector(VenueConfig config, VenueDeps deps, Tuning tuning) {
        this.config = Objects.requireNonNull(config, "config");
        this.deps = Objects.requireNonNull(deps, "deps");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.settings = BinanceUsdmSettings.of(config);
        RestSettings restSettings = tuning.rest() != null
                ? new RestSettings(VENUE, config.restUrl(), tuning.rest().requestTimeout(), tuning.rest().budgets(),
                tuning.rest().usedWeightHeader(), tuning.rest().maxRetries(), tuning.rest().retry(),
                tuning.rest().rateLimitPause(), tuning.rest().banPause(), tuning.rest().forbiddenPause(),
                tuning.rest().breakerThreshold(), tuning.rest().breakerCoolDown())
                : RestSettings.of(VENUE, config.restUrl(), new RateBudget(
                BinanceUsdmRequests.DOCUMENTED_REQUEST_WEIGHT_PER_MINUTE, Duration.ofMinutes(1)))
                .withUsedWeightHeader("X-MBX-USED-WEIGHT-1M");
        this.rest = new VenueRestClient(restSettings, deps.runtime().http(), deps.runtime().time(),
                deps.runtime().registry(), deps.runtime().tap());
        this.bookSync = new BinanceUsdmBookSync(this::call, deps.runtime().time(), tuning.snapshotRetry(),
                this::publish);
        this.market = new BinanceUsdmSession(settings, listener(Route.MARKET));
        this.book = new BinanceUsdmSession(settings, listener(Route.PUBLIC));
        bookSync.attach(book);
        this.history = new BinanceUsdmHistory(this::call, restSettings.budgets().get(RestRequest.DEFAULT_BUCKET),
                new BinanceUsdmParser(settings.thresholds()), market::instruments,
                type -> settings.policy(type) != StoragePolicy.NONE);
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    /** Starts collecting; if it throws, nothing is left running and it may be called again. */
    public void start() throws Exception {
        List<Instrument> instruments = loadInstruments();
        symbols = resolveSymbols(instruments);
        log.info("{}: collecting {} symbols: {}", VENUE, symbols.size(), symbols);
        Map<Route, List<String>> streams = BinanceUsdmChannels.streamsByRoute(settings.channels().stream()
                .filter(c -> BinanceUsdmChannels.capability(c).transport() == BinanceUsdmChannels.Transport.WEBSOCKET)
                .toList(), symbols, settings.options());
        try {
            for (BinanceUsdmChannels.Connection c : BinanceUsdmChannels.connections(streams)) {
                open(c, c.route());
            }
        } catch (RuntimeException e) {
            connections.forEach(StreamConnection::close);
            connections.clear();
            throw e;
        }
        if (settings.has(Channel.BOOK) && !closed) {
            TrailingFlush.tick(List.of(settings.snapshotInterval())).ifPresent(tick -> flush = TrailingFlush.start(
                    "basis-binance-usdm-flush", tick, deps.runtime().time(), book::flushDue, this::publish));
        }
        if (settings.has(Channel.OPEN_INTEREST) && !closed) {
            openInterestPoll = deps.collectors().register(new OpenInterestPoll());
        }
    }

    /** Instruments and symbols only: the history source's REST calls need nothing else. */
    @Override
    public void prepareHistory() throws Exception {
        symbols = resolveSymbols(loadInstruments());
    }

    private void open(BinanceUsdmChannels.Connection c, Route route) {
        if (closed) {
            return;
        }
        String base = route == Route.PUBLIC ? "public" : route == Route.MARKET ? "market" : "stream";
        String name = connections.stream().anyMatch(s -> s.settings().name().equals(base))
                ? base + "-" + (connections.size() + 1) : base;
        BinanceUsdmSession session = route == Route.PUBLIC ? book : market;
        StreamSettings s = StreamSettings.of(VENUE, name, BinanceUsdmStreams.url(config.wsUrl(), route, true,
                        List.of()))
                .withOutgoingRate(BinanceUsdmChannels.MAX_MESSAGES_PER_SECOND, Duration.ofSeconds(1))
                .withStaleAfter(tuning.staleAfter())
                .withMaxLifetime(Duration.ofHours(23))
                .withBackoff(tuning.reconnectBackoff(), Duration.ofSeconds(60));
        List<String> streams = c.streams();
        FrameHandler handler = new FrameHandler() {
            @Override
            public void frame(String text, Instant receivedAt) {
                publish(session.onFrame(text, receivedAt));
            }

            @Override
            public void sessionStarted(Instant firstFrameAt) {
                if (route == Route.PUBLIC) {
                    publish(session.resetBooks());
                }
            }
        };
        StreamConnection connection = new StreamConnection(s, Heartbeat.none(),
                () -> BinanceUsdmChannels.subscribeMessages(streams, requestIds.getAndAdd(streams.size())),
                handler, deps.runtime());
        connections.add(connection);
        connection.start();
    }

    private BinanceUsdmSession.Listener listener(Route route) {
        String stream = route == Route.PUBLIC ? "public" : "market";
        return new BinanceUsdmSession.Listener() {
            @Override
            public void parseError(String reason, String frame) {
                deps.runtime().registry().stream(VENUE, stream).parseError(reason, frame);
                deps.statistics().error(VENUE);
            }

            @Override
            public void venueError(int code, String message) {
                log.warn("{}/{}: venue error {} {}", VENUE, stream, code, message);
                deps.statistics().error(VENUE);
            }

            @Override
            public void snapshotNeeded(String symbol) {
                bookSync.request(symbol);
            }

            @Override
            public void bookGap(String symbol, Instant from, Instant to) {
                deps.runtime().gaps().streamGap(VENUE, "book:" + symbol, from, to, SEQUENCE_GAP);
            }
        };
    }

    private List<Instrument> loadInstruments() throws Exception {
        RestResponse r = call(RestRequest.get(BinanceUsdmRequests.Endpoint.EXCHANGE_INFO.path(), Map.of(), 1));
        if (!r.isSuccess()) {
            throw new IOException(VENUE + ": exchangeInfo answered HTTP " + r.status());
        }
        BinanceUsdmInstruments.ExchangeInfo info = BinanceUsdmInstruments.parse(r.body(), r.receivedAt());
        if (!info.problems().isEmpty()) {
            log.info("{}: exchangeInfo: skipped {} symbols with incomplete listings, e.g. {}", VENUE,
                    info.problems().size(), info.problems().getFirst());
        }
        info.requestWeight().ifPresent(limit -> {
            if (limit.limit() < BinanceUsdmRequests.DOCUMENTED_REQUEST_WEIGHT_PER_MINUTE
                    || !limit.window().equals(Duration.ofMinutes(1))) {
                adopted = new WeightLimiter(Map.of(RestRequest.DEFAULT_BUCKET, new RateBudget(limit.limit(),
                        limit.window())), deps.runtime().time());
                log.info("{}: adopting REQUEST_WEIGHT {} per {}", VENUE, limit.limit(), limit.window());
            }
        });
        market.onInstruments(info.instruments());
        publish(book.onInstruments(info.instruments()));
        return info.instruments();
    }

    private List<String> resolveSymbols(List<Instrument> instruments) throws Exception {
        if (!config.symbols().isEmpty()) {
            return config.symbols();
        }
        SymbolRule rule = config.symbolRule();
        if (rule == null) {
            throw new IllegalStateException(VENUE + ": neither symbols nor symbol-rule configured");
        }
        if (rule.by() != RankBy.VOLUME) {
            log.warn("{}: ranking by {} is not supported; ranking by 24 h quote volume", VENUE, rule.by());
        }
        RestResponse r = call(RestRequest.get(TICKER_24HR, Map.of(), TICKER_24HR_WEIGHT));
        if (!r.isSuccess()) {
            throw new IOException(VENUE + ": ticker/24hr answered HTTP " + r.status());
        }
        return BinanceUsdmSymbolRule.select(rule, instruments, r.body());
    }

    /** One REST call: the adopted REQUEST_WEIGHT budget first (when stricter), then the venue's client. */
    RestResponse call(RestRequest request) throws IOException, InterruptedException {
        WeightLimiter extra = adopted;
        if (extra != null) {
            extra.acquire(request.bucket(), request.weight());
        }
        return rest.get(request);
    }

    private void publish(List<MarketEvent> events) {
        deps.publish(VENUE, events);
    }

    public VenueRestClient restClient() {
        return rest;
    }

    /** Klines, funding, open-interest and long/short history over this connector's REST calls. */
    @Override
    public Optional<HistorySource> historySource() {
        return Optional.of(history);
    }

    public List<StreamConnection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public List<String> symbols() {
        List<String> resolved = symbols;
        return resolved == null ? List.of() : resolved;
    }

    /** The book session (for diagnostics and tests). */
    BinanceUsdmSession bookSession() {
        return book;
    }

    @Override
    public void close() {
        closed = true;
        TrailingFlush f = flush;
        if (f != null) {
            f.close();
        }
        RestCollectors.Registration poll = openInterestPoll;
        if (poll != null) {
            poll.cancel();
        }
        bookSync.close();
        List<StreamConnection> all = new ArrayList<>(connections);
        all.forEach(StreamConnection::close);
    }

    /** Open interest of every symbol, weight 1 each; notional at the latest mark price seen. */
    private final class OpenInterestPoll implements RestCollectors.Collector {
        @Override
        public String venue() {
            return VENUE;
        }

        @Override
        public String name() {
            return OPEN_INTEREST_POLL;
        }

        @Override
        public Duration interval() {
            return settings.openInterestPoll();
        }

        @Override
        public long collect() throws Exception {
            long n = 0;
            for (String symbol : symbols) {
                if (closed) {
                    break;
                }
                BinanceUsdmRequests.Request req = BinanceUsdmRequests.openInterest(symbol);
                RestResponse r = call(RestRequest.get(req.endpoint().path(), req.query(), req.weight()));
                if (!r.isSuccess()) {
                    throw new IOException("openInterest " + symbol + ": HTTP " + r.status());
                }
                List<MarketEvent> kept = market.keep(List.of(BinanceUsdmRest.openInterest(r.body(), r.receivedAt(),
                        market.latestMark(symbol))));
                if (!closed) {
                    for (MarketEvent e : kept) {
                        deps.writer().publish(e);
                    }
                    n += kept.size();
                }
            }
            return n;
        }
    }
}
