package io.basis.venue.deribit;

import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.model.MarketEvent;
import io.basis.venue.MalformedFrameException;
import io.basis.venue.deribit.DeribitHistoryPages.TradeCursor;
import io.basis.venue.deribit.DeribitHistoryPages.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Fetches a time range of Deribit history completely (reference §5): trades, chart bars, funding rows, DVOL. Every
 * request goes through the connector's {@link DeribitRestCalls} (credit budget, {@code 10028} back-off and retry);
 * each page is handed to a {@link Sink} as it arrives, so memory stays bounded by one page and the caller sees
 * progress. Ranges are half-open, [from, to); the venue's windows are inclusive, so a window ends at to − 1 ms.
 * Fetching a range again hands on the same events; the store's natural keys make that idempotent.
 *
 * <p>An empty range or a venue with nothing to serve ({@code no_data}, empty arrays) is a normal, empty
 * {@link Result}. A refusal (e.g. {@code 10020} unknown instrument, {@code -32602} invalid params) throws
 * {@link RefusedException} naming the subject and range, for the caller to log and skip; the venue's own trouble
 * ({@link #transientError}: a {@code 10028} left after the retries, maintenance, timeouts), I/O errors and malformed
 * replies propagate as they are, and so does a
 * {@link CancellationException} once the owner (the connector) is closed. Thread-safe: runs share nothing but the
 * calls.
 */
public final class DeribitHistory {
    private static final Logger log = LoggerFactory.getLogger(DeribitHistory.class);

    /**
     * Request sizes.
     *
     * @param tradesPerPage         {@code count} of a trade page (1..{@value DeribitRequests#MAX_TRADES_COUNT})
     * @param barsPerRequest        chart bars one request may span
     * @param fundingRowsPerRequest hourly funding rows one request may span
     */
    public record Limits(int tradesPerPage, int barsPerRequest, int fundingRowsPerRequest) {
        public Limits {
            if (tradesPerPage < 1 || tradesPerPage > DeribitRequests.MAX_TRADES_COUNT || barsPerRequest < 1
                    || fundingRowsPerRequest < 1) {
                throw new IllegalArgumentException("bad history limits: " + tradesPerPage + ", " + barsPerRequest
                        + ", " + fundingRowsPerRequest);
            }
        }

        /**
         * 1000 trades a page (the documented maximum), 5000 bars a request (the venue documents no maximum: a
         * conservative size), 720 funding rows (30 days) a request (about 744 reported as the maximum).
         */
        public static Limits defaults() {
            return new Limits(DeribitRequests.MAX_TRADES_COUNT, 5000, 720);
        }
    }

    /**
     * How far a run has got after a page.
     *
     * @param requests          requests made so far
     * @param estimatedRequests requests the whole run should take (exact for bars and funding, extrapolated from
     *                          the share of the range covered for trades and DVOL)
     * @param events            events handed on so far
     * @param reached           ascending runs: everything before it is fetched; DVOL (newest first): everything from
     *                          it on
     */
    public record Progress(String subject, int requests, int estimatedRequests, long events, Instant reached) {
    }

    /** Where pages go. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One page's new events (possibly none), in venue order.
         *
         * @return how many the sink kept (its storage policy may drop some)
         */
        long accept(List<MarketEvent> events, Progress progress) throws InterruptedException;
    }

    /**
     * What a run fetched.
     *
     * @param events           events handed to the sink; 0 = the venue had no data in the range
     * @param kept             the sink's count
     * @param first            earliest venue time handed on, null when none
     * @param last             latest venue time handed on, null when none
     * @param incompleteMillis trades only: milliseconds holding more trades than two pages, of which some may be
     *                         missing
     */
    public record Result(String subject, Instant from, Instant to, int requests, long events, long kept,
                         Instant first, Instant last, int incompleteMillis) {
        public boolean noData() {
            return events == 0;
        }
    }

    /** The venue refused a history request of {@code subject} for [from, to). */
    public static final class RefusedException extends DeribitApiException {
        private static final long serialVersionUID = 1L;
        private final String subject;
        private final Instant from;
        private final Instant to;

        RefusedException(String subject, Instant from, Instant to, DeribitApiException cause) {
            super(subject + " [" + from + ", " + to + "): " + cause.getMessage(), cause);
            this.subject = subject;
            this.from = from;
            this.to = to;
        }

        public String subject() {
            return subject;
        }

        public Instant from() {
            return from;
        }

        public Instant to() {
            return to;
        }
    }

    /** Admits one request of {@code cost} credits before it is sent, e.g. a backfill's share of the budget. */
    @FunctionalInterface
    public interface Pacer {
        Pacer NONE = cost -> { };

        void acquire(int cost) throws InterruptedException;
    }

    /**
     * Deribit's codes for its own trouble, worth asking again later rather than a refusal of the request:
     * {@code 10028 too_many_requests} (after the calls' retries), {@code 10040 retry}, {@code 10041
     * settlement_in_progress}, {@code 10047 matching_engine_queue_full}, {@code 10066 too_many_concurrent_requests},
     * {@code 11051 system_maintenance}, {@code 11094 internal_server_error}, {@code 13028 temporarily_unavailable},
     * {@code 13888 timed_out}.
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(DeribitApiException.TOO_MANY_REQUESTS, 10040, 10041,
            10047, 10066, 11051, 11094, 13028, 13888);

    private final DeribitRestCalls calls;
    private final DeribitParser parser;
    private final Limits limits;
    private final BooleanSupplier cancelled;
    private final Pacer pacer;

    /**
     * @param parser    reads trades (its thresholds flag large trades)
     * @param cancelled checked before every request; true ends the run with a {@link CancellationException}
     */
    DeribitHistory(DeribitRestCalls calls, DeribitParser parser, Limits limits, BooleanSupplier cancelled) {
        this(calls, parser, limits, cancelled, Pacer.NONE);
    }

    private DeribitHistory(DeribitRestCalls calls, DeribitParser parser, Limits limits, BooleanSupplier cancelled,
                           Pacer pacer) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    /** The same fetches, every request first admitted by {@code pacer} (then the connector's budget as always). */
    public DeribitHistory paced(Pacer pacer) {
        return new DeribitHistory(calls, parser, limits, cancelled, pacer);
    }

    /** Whether a venue error means "not now" (the run fails and is retried later) rather than a refusal. */
    static boolean transientError(int code) {
        return TRANSIENT_CODES.contains(code);
    }

    /** The request sizes. */
    public Limits limits() {
        return limits;
    }

    /** Trades (and the liquidations their flags give) of {@code instrument} in [from, to), oldest first. */
    public Result trades(String instrument, Instant from, Instant to, Sink sink)
            throws IOException, InterruptedException {
        Run run = new Run(instrument, from, to, sink);
        TradeCursor cursor = new TradeCursor(from.toEpochMilli(), to.toEpochMilli() - 1, limits.tradesPerPage());
        while (!cursor.done()) {
            Window w = cursor.window();
            RestResponse r = run.call(DeribitRequests.lastTradesByInstrumentAndTime(instrument, w.startTime(),
                    w.endTime(), limits.tradesPerPage(), cursor.ascending()));
            DeribitRest.TradesPage page = DeribitRest.lastTrades(r.body(), r.receivedAt(), parser);
            List<MarketEvent> fresh = cursor.accept(page.events(), page.hasMore());
            run.page(fresh, DeribitHistoryPages.estimate(run.requests, from, to, cursor.reached(), false),
                    cursor.reached());
        }
        if (cursor.incompleteMillis() > 0) {
            log.warn("{}: {} [{}, {}): {} ms held more trades than two pages of {}; some may be missing",
                    DeribitParser.VENUE, instrument, from, to, cursor.incompleteMillis(), limits.tradesPerPage());
        }
        return run.result(cursor.incompleteMillis());
    }

    /**
     * Chart bars of {@code instrument} at {@code resolution} ({@link DeribitRest#candleInterval}) opening in
     * [from rounded down to a whole bar, to), in windows of at most {@code barsPerRequest} bars; a bar is closed
     * when its interval had ended by the server's time ({@link DeribitRest#chartData}).
     */
    public Result candles(String instrument, Instant from, Instant to, String resolution, Sink sink)
            throws IOException, InterruptedException {
        Duration bar = DeribitRest.candleInterval(resolution);
        Run run = new Run(instrument, from, to, sink);
        List<Window> windows = candleWindows(from, to, bar);
        for (Window w : windows) {
            RestResponse r = run.call(DeribitRequests.chartData(instrument, w.startTime(), w.endTime(), resolution));
            run.page(DeribitRest.chartData(r.body(), instrument, resolution, r.receivedAt()).stream()
                    .filter(c -> w.contains(c.venueTime())).map(MarketEvent.class::cast).toList(), windows.size(),
                    Instant.ofEpochMilli(w.end() + 1));
        }
        return run.result(0);
    }

    /** Hourly funding rows of {@code perpetual} at times in [from, to), {@code fundingRowsPerRequest} a request. */
    public Result funding(String perpetual, Instant from, Instant to, Sink sink)
            throws IOException, InterruptedException {
        Run run = new Run(perpetual, from, to, sink);
        List<Window> windows = fundingWindows(from, to);
        for (Window w : windows) {
            RestResponse r = run.call(DeribitRequests.fundingRateHistory(perpetual, w.startTime(), w.endTime()));
            run.page(DeribitRest.fundingRateHistory(r.body(), perpetual, r.receivedAt()).stream()
                    .filter(f -> w.contains(f.venueTime())).map(MarketEvent.class::cast).toList(), windows.size(),
                    Instant.ofEpochMilli(w.end() + 1));
        }
        return run.result(0);
    }

    /**
     * DVOL rows of {@code currency} ({@code BTC}, {@code ETH}) at {@code resolution} (seconds, or {@code 1D}) at
     * times in [from, to). The venue serves the newest rows of a window first and a {@code continuation} to use as
     * the next window's end, so pages arrive newest first.
     */
    public Result volatilityIndex(String currency, Instant from, Instant to, String resolution, Sink sink)
            throws IOException, InterruptedException {
        Run run = new Run(currency, from, to, sink);
        long start = from.toEpochMilli();
        long end = to.toEpochMilli() - 1;
        while (end >= start) {
            Window w = new Window(start, end);
            RestResponse r = run.call(DeribitRequests.volatilityIndexData(currency, w.startTime(), w.endTime(),
                    resolution));
            DeribitRest.VolatilityPage page = DeribitRest.volatilityIndex(r.body(), currency, r.receivedAt());
            Long next = page.continuation();
            if (next != null && next >= end) {
                throw new MalformedFrameException("get_volatility_index_data: continuation " + next
                        + " does not move back from " + end);
            }
            end = next == null ? start - 1 : next;
            Instant reached = Instant.ofEpochMilli(Math.max(start, end + 1));
            run.page(page.values().stream().filter(v -> w.contains(v.venueTime())).map(MarketEvent.class::cast)
                    .toList(), DeribitHistoryPages.estimate(run.requests, from, to, reached, true), reached);
        }
        return run.result(0);
    }

    /** Requests {@link #candles} makes for the range: one per window. */
    int candleRequests(Instant from, Instant to, String resolution) {
        return candleWindows(from, to, DeribitRest.candleInterval(resolution)).size();
    }

    /** Requests {@link #funding} makes for the range: one per window. */
    int fundingRequests(Instant from, Instant to) {
        return fundingWindows(from, to).size();
    }

    private List<Window> candleWindows(Instant from, Instant to, Duration bar) {
        return DeribitHistoryPages.windows(from, to, bar, limits.barsPerRequest(), true);
    }

    private List<Window> fundingWindows(Instant from, Instant to) {
        return DeribitHistoryPages.windows(from, to, Duration.ofHours(1), limits.fundingRowsPerRequest(), false);
    }

    /** One run's counts. */
    private final class Run {
        private final String subject;
        private final Instant from;
        private final Instant to;
        private final Sink sink;
        private int requests;
        private long events;
        private long kept;
        private Instant first;
        private Instant last;

        Run(String subject, Instant from, Instant to, Sink sink) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.from = Objects.requireNonNull(from, "from");
            this.to = Objects.requireNonNull(to, "to");
            this.sink = Objects.requireNonNull(sink, "sink");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException(subject + ": range ends before it starts: " + from + " > " + to);
            }
        }

        RestResponse call(DeribitRequests.Request request) throws IOException, InterruptedException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(subject + ": history run interrupted");
            }
            if (cancelled.getAsBoolean()) {
                throw new CancellationException(subject + ": history run cancelled");
            }
            pacer.acquire(request.cost());
            try {
                RestResponse r = calls.call(request, RestRequest.DEFAULT_BUCKET);
                requests++;
                return r;
            } catch (DeribitApiException e) {
                if (transientError(e.code())) {
                    throw e;
                }
                throw new RefusedException(subject, from, to, e);
            }
        }

        void page(List<MarketEvent> page, int estimatedRequests, Instant reached) throws InterruptedException {
            for (MarketEvent e : page) {
                Instant t = e.venueTime();
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
            events += page.size();
            kept += sink.accept(page, new Progress(subject, requests, estimatedRequests, events, reached));
        }

        Result result(int incompleteMillis) {
            return new Result(subject, from, to, requests, events, kept, first, last, incompleteMillis);
        }
    }
}
