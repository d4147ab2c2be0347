package io.basis.venue.binanceusdm;

import io.basis.ingest.history.HistorySource;
import io.basis.ingest.history.HistoryUnavailableException;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.model.EventType;
import io.basis.model.LongShortKind;
import io.basis.model.MarketEvent;
import io.basis.venue.MalformedFrameException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Binance USD-M history for backfill ({@code shared/venues/binance-usdm.md} §6), over the connector's REST calls:
 * <ul>
 *   <li>candles: {@code GET /fapi/v1/klines} 1m, 1000 a request (weight 5), from listing, cheap; opening in [from
 *       rounded down to a whole minute, to), so the candle a gap began in is completed too;</li>
 *   <li>funding: {@code GET /fapi/v1/fundingRate}, 1000 a request, the 500 / 5 min funding quota, from listing,
 *       cheap; perpetuals only;</li>
 *   <li>open interest: {@code GET /futures/data/openInterestHist} 5m, 500 a request, the 1000 / 5 min
 *       {@code /futures/data} quota, last 30 days (29 declared, see {@link #STATISTICS_WINDOW});</li>
 *   <li>long/short ratios: the four {@code /futures/data} ratio endpoints 5m (all accounts, top-trader accounts and
 *       positions, taker buy/sell), 500 a request each, same quota, same window;</li>
 *   <li>trades: {@code GET /fapi/v1/aggTrades}, 1000 a request (weight 20), not cheap, the last 24 h (23
 *       declared).</li>
 * </ul>
 * Trades: each {@code startTime}..{@code endTime} window is under an hour (Binance refuses wider ones); while a
 * window's page is full (1000) the window continues by {@code fromId} = last aggregate id + 1 (not combined with
 * times), keeping the rows up to the window's end. Rows are mapped by {@link BinanceUsdmParser#trade}, exactly as the
 * live {@code aggTrade} stream's (trade id = aggregate id, side from {@code m}, large by the venue's thresholds), so a
 * trade stored live and refetched is the same natural key. The window is the conservative one: the endpoint page (2026
 * scrape) says "not older than 24 hours", a 2024-10 changelog says a year; a gap older than the window ends
 * unfillable with that reason rather than failing half-way. A busy symbol's hour is ~100 requests (2000 weight).
 *
 * <p>Candle and funding pages move the start past the last row returned (both endpoints fill from
 * {@code startTime}); {@code /futures/data} ranges are cut into windows of one page each; so a page boundary neither
 * repeats nor loses a row. A 4xx answer that is not the venue's own trouble ({@link #refusal}: e.g. {@code -1121}
 * invalid symbol, a start time outside the window) is a refusal: {@link HistoryUnavailableException}; 5xx after the
 * client's retries, 403/408/418/429 and malformed bodies are transient ({@link IOException}). Thread-safe.
 */
public final class BinanceUsdmHistory implements HistorySource {
    /** Throttle bucket of the funding quota. */
    public static final String FUNDING_BUCKET = "funding";
    /** Throttle bucket of the {@code /futures/data} quota. */
    public static final String FUTURES_DATA_BUCKET = "futures-data";
    /** What a {@code /market} socket carries. */
    private static final Set<EventType> MARKET_ROUTE = Set.of(EventType.TRADE, EventType.LIQUIDATION,
            EventType.MARK_PRICE, EventType.INDEX_PRICE, EventType.FUNDING_RATE, EventType.CANDLE);
    static final int KLINES_PER_REQUEST = 1000;
    static final int FUNDING_PER_REQUEST = 1000;
    static final int STATISTICS_PER_REQUEST = 500;
    static final String STATISTICS_PERIOD = "5m";
    /**
     * The venue serves the last 30 days and refuses an older {@code startTime} ({@code -1130}) for the whole request;
     * a day less is declared because the rules clip a gap to the window when the job is planned and its first
     * request may wait behind other jobs under the backfill's share of the quota.
     */
    static final Duration STATISTICS_WINDOW = Duration.ofDays(29);
    static final int AGG_TRADES_PER_REQUEST = BinanceUsdmRequests.AGG_TRADES_MAX_LIMIT;
    /**
     * Conservative: the endpoint page said 24 h, a changelog a year (binance-usdm.md §6, unconfirmed which); an hour
     * less is declared for the same reason as {@link #STATISTICS_WINDOW}.
     */
    static final Duration TRADES_WINDOW = Duration.ofHours(23);
    /** One time window of aggTrades: inclusive [start, start + 1 h - 1 ms], i.e. endTime - startTime under 1 h. */
    private static final long TRADE_WINDOW = BinanceUsdmRequests.AGG_TRADES_WINDOW_MILLIS;
    private static final long MINUTE = 60_000;
    private static final long FIVE_MINUTES = 5 * MINUTE;
    /** Funding intervals are 1 h at the shortest. */
    private static final long FUNDING_STEP = 60 * MINUTE;
    /**
     * The least distance to the next settlement after a full funding page: settled times lag their hour by a few
     * milliseconds, so the next one can be a little under {@link #FUNDING_STEP} after the newest.
     */
    private static final long FUNDING_NEXT_AT_LEAST = FUNDING_STEP - MINUTE;

    /** Sends one request through the connector's client (its adopted limits, pauses and breaker). */
    @FunctionalInterface
    interface Calls {
        RestResponse call(RestRequest request) throws IOException, InterruptedException;
    }

    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(403, 408, 418, 429);
    private static final Set<Integer> TRANSIENT_CODES = Set.of(-1000, -1001, -1003, -1007, -1008);

    private static final Map<EventType, Coverage> COVERAGE = Map.of(
            EventType.TRADE, new Coverage(EventType.TRADE, TRADES_WINDOW, false, "GET /fapi/v1/aggTrades"),
            EventType.CANDLE, new Coverage(EventType.CANDLE, null, true, "GET /fapi/v1/klines 1m"),
            EventType.FUNDING_RATE, new Coverage(EventType.FUNDING_RATE, null, true, "GET /fapi/v1/fundingRate"),
            EventType.OPEN_INTEREST, new Coverage(EventType.OPEN_INTEREST, STATISTICS_WINDOW, false,
                    "GET /futures/data/openInterestHist 5m"),
            EventType.LONG_SHORT_RATIO, new Coverage(EventType.LONG_SHORT_RATIO, STATISTICS_WINDOW, false,
                    "GET /futures/data/*LongShort*Ratio 5m"));

    private final Calls calls;
    private final RateBudget requestWeight;
    private final BinanceUsdmParser parser;
    private final Supplier<InstrumentLookup> instruments;
    private final Predicate<EventType> collected;

    /** With the default thresholds and base assets derived from the symbol. */
    BinanceUsdmHistory(Calls calls, RateBudget requestWeight) {
        this(calls, requestWeight, new BinanceUsdmParser(), InstrumentLookup::fromSymbol, type -> true);
    }

    /**
     * @param requestWeight the venue's REQUEST_WEIGHT budget as the connector's client has it
     * @param parser        the live stream's parser (its large-trade thresholds), which maps trade rows
     * @param instruments   the live stream's base-asset lookup at the time of a fetch
     * @param collected     whether the venues file has the type stored (see {@link #carriedBy})
     */
    BinanceUsdmHistory(Calls calls, RateBudget requestWeight, BinanceUsdmParser parser,
                       Supplier<InstrumentLookup> instruments, Predicate<EventType> collected) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.requestWeight = Objects.requireNonNull(requestWeight, "requestWeight");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.collected = Objects.requireNonNull(collected, "collected");
    }

    @Override
    public String venue() {
        return BinanceUsdmParser.VENUE;
    }

    @Override
    public Map<EventType, Coverage> coverage() {
        return COVERAGE;
    }

    /** Funding for perpetuals only (delivery symbols carry {@code _YYMMDD}); every tracked symbol otherwise. */
    @Override
    public List<String> symbols(EventType type, Collection<String> tracked) {
        if (!COVERAGE.containsKey(type)) {
            return List.of();
        }
        return tracked.stream().filter(s -> type != EventType.FUNDING_RATE || !s.contains("_")).sorted().toList();
    }

    /**
     * {@code market[-n]}: trades, liquidations, mark/index price and funding, candles; {@code public[-n]}: books;
     * {@code stream[-n]} (the unrouted root): both;
     * {@code rest:binance-usdm-open-interest}: the open-interest poll. Another REST poll (e.g. instruments) lost no
     * stream with a history. Long/short ratios are read from history only, so no connection carries them. Only the
     * types the configured channels store: one not collected did not go missing (its gaps would be backfilled,
     * writing data the venues file leaves out).
     */
    @Override
    public Set<EventType> carriedBy(String connection) {
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        carried(connection).stream().filter(collected).forEach(out::add);
        return out;
    }

    private Set<EventType> carried(String connection) {
        if (connection.startsWith("public")) {
            return Set.of(EventType.BOOK_SNAPSHOT);
        }
        if (connection.startsWith("market")) {
            return MARKET_ROUTE;
        }
        if (connection.equals("rest:" + BinanceUsdmConnector.OPEN_INTEREST_POLL)) {
            return Set.of(EventType.OPEN_INTEREST);
        }
        if (connection.startsWith("rest:")) {
            return Set.of();
        }
        // the unrouted root ("stream[-n]", replay of old captures) carried both
        Set<EventType> both = EnumSet.copyOf(MARKET_ROUTE);
        both.add(EventType.BOOK_SNAPSHOT);
        return both;
    }

    @Override
    public Map<String, RateBudget> budgets() {
        Map<String, RateBudget> out = new LinkedHashMap<>();
        out.put(RestRequest.DEFAULT_BUCKET, requestWeight);
        out.put(FUNDING_BUCKET, new RateBudget(BinanceUsdmRequests.FUNDING_REQUESTS_PER_5_MINUTES,
                Duration.ofMinutes(5)));
        out.put(FUTURES_DATA_BUCKET, new RateBudget(BinanceUsdmRequests.FUTURES_DATA_REQUESTS_PER_5_MINUTES,
                Duration.ofMinutes(5)));
        return out;
    }

    @Override
    public int estimateRequests(EventType type, String symbol, Instant from, Instant to) {
        long span = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
        return switch (type) {
            case CANDLE -> pages(Math.max(0, to.toEpochMilli() - candlesFrom(from)), MINUTE, KLINES_PER_REQUEST);
            // one request per hour window at least; busy hours take more (continued by fromId)
            case TRADE -> (int) Math.max(1, (span + TRADE_WINDOW - 1) / TRADE_WINDOW);
            case FUNDING_RATE -> pages(span, FUNDING_STEP, FUNDING_PER_REQUEST);
            case OPEN_INTEREST -> pages(span, FIVE_MINUTES, STATISTICS_PER_REQUEST);
            case LONG_SHORT_RATIO -> LongShortKind.values().length * pages(span, FIVE_MINUTES,
                    STATISTICS_PER_REQUEST);
            default -> 0;
        };
    }

    /** The open of the candle holding {@code from}: a gap opens mid-minute, and that candle was stored unfinished. */
    private static long candlesFrom(Instant from) {
        return Math.floorDiv(from.toEpochMilli(), MINUTE) * MINUTE;
    }

    private static int pages(long spanMillis, long step, int perPage) {
        long rows = (spanMillis + step - 1) / step;
        return (int) Math.max(1, (rows + perPage - 1) / perPage);
    }

    @Override
    public Fetched fetch(EventType type, String symbol, Instant from, Instant to, Throttle throttle, Sink sink)
            throws HistoryUnavailableException, IOException, InterruptedException {
        Run run = new Run(estimateRequests(type, symbol, from, to), throttle, sink);
        long end = to.toEpochMilli() - 1;
        switch (type) {
            case TRADE -> {
                InstrumentLookup lookup = instruments.get();
                run.trades(symbol, from.toEpochMilli(), end, r -> BinanceUsdmRest.aggTrades(r.body(), symbol).stream()
                        .map(t -> parser.trade(t, r.receivedAt(), lookup)).toList());
            }
            case CANDLE -> run.pages(candlesFrom(from), end, KLINES_PER_REQUEST, MINUTE,
                    start -> BinanceUsdmRequests.klines(symbol, "1m", start, end, KLINES_PER_REQUEST),
                    r -> BinanceUsdmRest.klines(r.body(), symbol, "1m", r.receivedAt(), r.receivedAt()));
            case FUNDING_RATE -> run.pages(from.toEpochMilli(), end, FUNDING_PER_REQUEST, FUNDING_NEXT_AT_LEAST,
                    start -> BinanceUsdmRequests.fundingRate(symbol, start, end, FUNDING_PER_REQUEST),
                    r -> BinanceUsdmRest.fundingRates(r.body(), r.receivedAt()));
            case OPEN_INTEREST -> run.windows(from.toEpochMilli(), end,
                    (start, windowEnd) -> BinanceUsdmRequests.openInterestHist(symbol, STATISTICS_PERIOD, start,
                            windowEnd, STATISTICS_PER_REQUEST),
                    r -> BinanceUsdmRest.openInterestHistory(r.body(), r.receivedAt()));
            case LONG_SHORT_RATIO -> {
                for (LongShortKind kind : LongShortKind.values()) {
                    run.windows(from.toEpochMilli(), end,
                            (start, windowEnd) -> BinanceUsdmRequests.longShortRatio(kind, symbol, STATISTICS_PERIOD,
                                    start, windowEnd, STATISTICS_PER_REQUEST),
                            r -> BinanceUsdmRest.longShortRatios(r.body(), kind, symbol, STATISTICS_PERIOD,
                                    r.receivedAt()));
                }
            }
            default -> throw new HistoryUnavailableException(venue() + " serves no history of " + type.id());
        }
        return run.fetched();
    }

    /** The request of one inclusive time window [start, end] (ms). */
    @FunctionalInterface
    private interface WindowRequest {
        BinanceUsdmRequests.Request at(long start, long end);
    }

    /**
     * Whether an error answer means the venue will not serve the request (a bad symbol or parameter, a range it no
     * longer serves: the gap ends unfillable) rather than "not now". Not now: 429/418 once the client's pauses and
     * retries ran out, 403 (the WAF limit), 408 (backend timeout), 5xx, and the codes Binance sends for its own
     * trouble whatever the status: -1000 unknown, -1001 disconnected, -1003 too many requests, -1007 timeout,
     * -1008 server busy.
     */
    static boolean refusal(int status, Integer code) {
        if (status < 400 || status >= 500 || TRANSIENT_STATUSES.contains(status)) {
            return false;
        }
        return code == null || !TRANSIENT_CODES.contains(code);
    }

    /** A page's events from a successful response. */
    @FunctionalInterface
    private interface Parse {
        List<? extends MarketEvent> parse(RestResponse response);
    }

    /** One fetch's counts; pages ascending by venue time. */
    private final class Run {
        private final int estimated;
        private final Throttle throttle;
        private final Sink sink;
        private int requests;
        private long events;
        private Instant first;
        private Instant last;

        Run(int estimated, Throttle throttle, Sink sink) {
            this.estimated = estimated;
            this.throttle = throttle;
            this.sink = sink;
        }

        /**
         * Pages [start, end] (ms, inclusive): each from just after the previous page's newest row, until a page is
         * short or no further row (at least {@code step} after the newest) can fall in the range.
         */
        void pages(long start, long end, int perPage, long step, LongFunction<BinanceUsdmRequests.Request> request,
                   Parse parse)
                throws HistoryUnavailableException, IOException, InterruptedException {
            long next = start;
            while (next <= end) {
                List<? extends MarketEvent> rows = parsed(send(request.apply(next)), parse);
                long newest = next - 1;
                List<MarketEvent> page = new java.util.ArrayList<>(rows.size());
                for (MarketEvent e : rows) {
                    long t = e.venueTime().toEpochMilli();
                    newest = Math.max(newest, t);
                    if (t >= start && t <= end) {
                        page.add(e);
                        first = first == null || e.venueTime().isBefore(first) ? e.venueTime() : first;
                        last = last == null || e.venueTime().isAfter(last) ? e.venueTime() : last;
                    }
                }
                events += page.size();
                sink.accept(page, new Progress(requests, Math.max(estimated, requests), events,
                        Instant.ofEpochMilli(Math.min(end + 1, newest + 1))));
                if (rows.size() < perPage || newest < next || newest + step > end) {
                    return;
                }
                next = newest + 1;
            }
        }

        /**
         * {@code /futures/data} rows of [start, end] (ms, inclusive) in consecutive windows of 500 periods, each
         * asked with both ends. Unlike fundingRate ("return as startTime + limit"), these pages do not say which rows
         * a range holding more than {@code limit} returns, and they are end-anchored (a lone {@code startTime} gets
         * the latest rows, which is why clients send {@code endTime = startTime + period x limit}); paging on from
         * the newest row returned would then skip everything older in the range. A window holding at most a page of
         * period-aligned rows is complete whichever end the venue fills from, and a short or empty window (a
         * maintenance hole) does not end the run.
         */
        void windows(long start, long end, WindowRequest request, Parse parse)
                throws HistoryUnavailableException, IOException, InterruptedException {
            long span = STATISTICS_PER_REQUEST * FIVE_MINUTES;
            for (long windowStart = start; windowStart <= end; windowStart += span) {
                long windowEnd = Math.min(end, windowStart + span - 1);
                List<? extends MarketEvent> rows = parsed(send(request.at(windowStart, windowEnd)), parse);
                List<MarketEvent> page = new java.util.ArrayList<>(rows.size());
                for (MarketEvent e : rows) {
                    long t = e.venueTime().toEpochMilli();
                    if (t >= windowStart && t <= windowEnd) {
                        page.add(e);
                        first = first == null || e.venueTime().isBefore(first) ? e.venueTime() : first;
                        last = last == null || e.venueTime().isAfter(last) ? e.venueTime() : last;
                    }
                }
                events += page.size();
                sink.accept(page, new Progress(requests, Math.max(estimated, requests), events,
                        Instant.ofEpochMilli(windowEnd + 1)));
            }
        }

        private List<? extends MarketEvent> parsed(RestResponse r, Parse parse) throws IOException {
            try {
                return parse.parse(r);
            } catch (MalformedFrameException e) {
                throw new IOException(venue() + ": malformed history page: " + e.getMessage(), e);
            }
        }

        /**
         * Trades of [start, end] (ms, inclusive) in time windows under an hour: each window asked by
         * {@code startTime}/{@code endTime}; while a page is full, continued by {@code fromId} = last aggregate id + 1
         * (no times), keeping rows up to the window's end, until a page is short or passes the window's end. The next
         * window starts just after, so rows past a window's end are taken (once) by the next window.
         */
        void trades(String symbol, long start, long end, Parse parse)
                throws HistoryUnavailableException, IOException, InterruptedException {
            for (long windowStart = start; windowStart <= end; windowStart += TRADE_WINDOW) {
                long windowEnd = Math.min(end, windowStart + TRADE_WINDOW - 1);
                BinanceUsdmRequests.Request request = BinanceUsdmRequests.aggTrades(symbol, null, windowStart,
                        windowEnd, AGG_TRADES_PER_REQUEST);
                while (true) {
                    List<? extends MarketEvent> rows = parsed(send(request), parse);
                    List<MarketEvent> page = new java.util.ArrayList<>(rows.size());
                    long lastId = -1;
                    boolean passed = false;
                    for (MarketEvent e : rows) {
                        long t = e.venueTime().toEpochMilli();
                        lastId = Math.max(lastId, Long.parseLong(((io.basis.model.Trade) e).tradeId()));
                        if (t > windowEnd) {
                            passed = true;
                        } else if (t >= windowStart) {
                            page.add(e);
                            first = first == null || e.venueTime().isBefore(first) ? e.venueTime() : first;
                            last = last == null || e.venueTime().isAfter(last) ? e.venueTime() : last;
                        }
                    }
                    events += page.size();
                    boolean more = rows.size() >= AGG_TRADES_PER_REQUEST && !passed && lastId >= 0;
                    long reached = more ? Math.min(windowEnd + 1, last == null ? windowStart : last.toEpochMilli())
                            : windowEnd + 1;
                    sink.accept(page, new Progress(requests, Math.max(estimated, requests), events,
                            Instant.ofEpochMilli(reached)));
                    if (!more) {
                        break;
                    }
                    request = BinanceUsdmRequests.aggTrades(symbol, lastId + 1, null, null, AGG_TRADES_PER_REQUEST);
                }
            }
        }

        private RestResponse send(BinanceUsdmRequests.Request req)
                throws HistoryUnavailableException, IOException, InterruptedException {
            String bucket = switch (req.quota()) {
                case FUNDING -> FUNDING_BUCKET;
                case FUTURES_DATA -> FUTURES_DATA_BUCKET;
                case NONE -> RestRequest.DEFAULT_BUCKET;
            };
            throttle.acquire(bucket, req.quota() == BinanceUsdmRequests.Quota.NONE ? req.weight() : 1);
            if (req.weight() > 0 && req.quota() != BinanceUsdmRequests.Quota.NONE) {
                throttle.acquire(RestRequest.DEFAULT_BUCKET, req.weight());
            }
            RestResponse r = calls.call(RestRequest.get(req.endpoint().path(), req.query(), req.weight()));
            requests++;
            if (r.isSuccess()) {
                return r;
            }
            Optional<Parsed.ErrorReply> error = BinanceUsdmRest.error(r.body());
            String detail = "HTTP " + r.status() + error.map(e -> " " + e.code() + " " + e.message()).orElse("");
            if (refusal(r.status(), error.map(Parsed.ErrorReply::code).orElse(null))) {
                throw new HistoryUnavailableException(venue() + " refused " + req.pathAndQuery() + ": " + detail);
            }
            throw new IOException(venue() + ": " + req.endpoint().path() + " answered " + detail);
        }

        Fetched fetched() {
            return new Fetched(requests, events, first, last);
        }
    }
}
