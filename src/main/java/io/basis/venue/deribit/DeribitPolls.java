package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.ingest.RestCollectors;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.venue.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The periodic Deribit REST collections, each a {@link RestCollectors.Collector} registered by the connector for the
 * configured channels. Every one is idempotent against live data: the store's natural keys absorb re-reads. The
 * range reads (funding, candles, DVOL) go through {@link DeribitHistory}, the same code a backfill of any range uses
 * (paged, chunked, rate-limited); a refusal for one instrument is counted with the other item failures below.
 * <ul>
 * <li>{@code book-summary} (open-interest): {@code get_book_summary_by_currency?kind=option} per currency → open
 *     interest of every option of the currency;</li>
 * <li>{@code order-book} (book): {@code get_order_book} of every tracked instrument ({@code rest-depth} levels
 *     asked) → a stand-alone snapshot of the book {@code depth};</li>
 * <li>{@code greeks} (option-ticker): {@code public/ticker} of every tracked option → option ticker with greeks;</li>
 * <li>{@code funding} (funding): {@code get_funding_rate_history} of every tracked perpetual; the first run backfills
 *     {@code fundingBackfill}, later runs - 5 s after each whole {@code fundingPoll} of UTC time, so just after each
 *     hourly funding time - re-read from the start of the previous hour (the hourly rows settle);</li>
 * <li>{@code candles} (candles): {@code get_tradingview_chart_data} of every tracked instrument over the last poll
 *     interval plus one bar;</li>
 * <li>{@code dvol} (volatility-index): {@code get_volatility_index_data} per currency at 1-minute resolution over
 *     the last poll interval (plus a minute).</li>
 * </ul>
 */
final class DeribitPolls {
    private static final Logger log = LoggerFactory.getLogger(DeribitPolls.class);

    /** DVOL history resolution in seconds. */
    static final String DVOL_RESOLUTION = "60";

    private final DeribitHistory history;
    private final DeribitRestCalls calls;
    private final DeribitSession session;
    private final DeribitSettings settings;
    private final DeribitConnector.Tuning tuning;
    private final Clock clock;
    private final Supplier<DeribitTracking.Tracked> tracked;
    private final ToLongFunction<List<MarketEvent>> publish;
    private final BooleanSupplier closed;
    private final Set<String> loggedKinds = ConcurrentHashMap.newKeySet();
    private final DeribitHistory.Sink sink;
    private volatile Instant fundingFetchedTo;

    DeribitPolls(DeribitHistory history, DeribitRestCalls calls, DeribitSession session, DeribitSettings settings,
                 DeribitConnector.Tuning tuning, Clock clock, Supplier<DeribitTracking.Tracked> tracked,
                 ToLongFunction<List<MarketEvent>> publish, BooleanSupplier closed) {
        this.history = Objects.requireNonNull(history, "history");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.session = session;
        this.settings = settings;
        this.tuning = tuning;
        this.clock = clock;
        this.tracked = tracked;
        this.publish = publish;
        this.closed = closed;
        this.sink = (events, progress) -> publish.applyAsLong(session.keep(events));
    }

    /** Collector names; the ledger names a poll's gaps {@code rest:deribit-<name>}. */
    static final String BOOK_SUMMARY = "book-summary";
    static final String ORDER_BOOK = "order-book";
    static final String GREEKS = "greeks";
    static final String FUNDING = "funding";
    static final String CANDLES = "candles";
    static final String DVOL = "dvol";

    /** The collectors the configured channels need. */
    List<RestCollectors.Collector> collectors() {
        List<RestCollectors.Collector> out = new ArrayList<>();
        if (settings.has(Channel.OPEN_INTEREST)) {
            out.add(collector(BOOK_SUMMARY, tuning.bookSummary(), this::bookSummary));
        }
        if (settings.has(Channel.BOOK)) {
            out.add(collector(ORDER_BOOK, tuning.bookSnapshot(), this::orderBooks));
        }
        if (settings.has(Channel.OPTION_TICKER)) {
            out.add(collector(GREEKS, tuning.greeksSnapshot(), this::greeks));
        }
        if (settings.has(Channel.FUNDING)) {
            // Deribit settles an hourly funding row on the hour: poll just after each whole interval
            out.add(aligned(collector(FUNDING, tuning.fundingPoll(), this::funding), FUNDING_SETTLE_DELAY));
        }
        if (settings.has(Channel.CANDLES)) {
            out.add(collector(CANDLES, tuning.candlePoll(), this::candles));
        }
        if (settings.has(Channel.VOLATILITY_INDEX)) {
            out.add(collector(DVOL, tuning.dvolPoll(), this::dvol));
        }
        return out;
    }

    long bookSummary() throws Exception {
        return each(settings.currencies(), code -> {
            DeribitCurrency currency = DeribitCurrency.of(code);
            RestResponse r = calls.call(DeribitRequests.bookSummaryByCurrency(currency.apiCurrency(), "option"),
                    RestRequest.DEFAULT_BUCKET);
            List<MarketEvent> events = new ArrayList<>();
            for (DeribitBookSummary s : DeribitRest.bookSummary(r.body())) {
                if (!currency.covers(s.instrumentName())) {
                    continue;
                }
                OpenInterest oi = DeribitRest.openInterest(s, r.receivedAt());
                if (oi != null) {
                    events.add(oi);
                }
            }
            return publish.applyAsLong(session.keep(events));
        });
    }

    long orderBooks() throws Exception {
        return each(tracked.get().all(), instrument -> {
            RestResponse r = calls.call(DeribitRequests.orderBook(instrument, settings.restBookDepth()),
                    RestRequest.DEFAULT_BUCKET);
            return publish.applyAsLong(session.onOrderBook(DeribitRest.orderBook(r.body(), settings.bookDepth(),
                    r.receivedAt())));
        });
    }

    long greeks() throws Exception {
        return each(tracked.get().options(), option -> {
            RestResponse r = calls.call(DeribitRequests.ticker(option), RestRequest.DEFAULT_BUCKET);
            return publish.applyAsLong(session.keep(DeribitRest.ticker(r.body(), r.receivedAt())));
        });
    }

    long funding() throws Exception {
        Instant now = clock.instant();
        Instant last = fundingFetchedTo;
        Instant from = last == null ? now.minus(tuning.fundingBackfill())
                : last.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        long n = each(tracked.get().perpetuals(), perpetual -> history.funding(perpetual, from, now, sink).kept());
        fundingFetchedTo = now;
        return n;
    }

    long candles() throws Exception {
        Instant now = clock.instant();
        String resolution = settings.candleResolution();
        Instant from = now.minus(tuning.candlePoll()).minus(DeribitRest.candleInterval(resolution));
        return each(tracked.get().all(), instrument -> history.candles(instrument, from, now, resolution, sink)
                .kept());
    }

    long dvol() throws Exception {
        Instant now = clock.instant();
        Instant from = now.minus(tuning.dvolPoll()).minus(Duration.ofMinutes(1));
        List<String> withDvol = settings.currencies().stream()
                .filter(c -> DeribitCurrency.of(c).hasVolatilityIndex()).toList();
        return each(withDvol, currency -> history.volatilityIndex(currency, from, now, DVOL_RESOLUTION, sink)
                .kept());
    }

    /**
     * Runs {@code run} per item until closed. A venue refusal or malformed reply for one item (e.g. an instrument
     * delisted since the last refresh) is logged once per kind of error and the rest continue; it fails the run only
     * if every item failed.
     * Rate limiting and I/O errors end the run at once.
     */
    private <T> long each(Iterable<T> items, ItemRun<T> run) throws Exception {
        long n = 0;
        int total = 0;
        List<String> failed = new ArrayList<>();
        RuntimeException first = null;
        for (T item : items) {
            if (closed.getAsBoolean()) {
                break;
            }
            total++;
            try {
                n += run.run(item);
            } catch (CancellationException e) {
                break;
            } catch (DeribitApiException e) {
                if (e.isRateLimited()) {
                    throw e;
                }
                failed.add(item.toString());
                first = first == null ? e : first;
            } catch (MalformedFrameException e) {
                failed.add(item.toString());
                first = first == null ? e : first;
            }
        }
        if (first != null && failed.size() == total) {
            throw first;
        }
        if (first != null) {
            String kind = first instanceof DeribitApiException a ? "venue-error-" + a.code() : "malformed-reply";
            if (loggedKinds.add(kind)) {
                log.warn("{}: {} of {} requests failed ({}), e.g. {} (logged once per kind)", DeribitParser.VENUE,
                        failed.size(), total, failed.size() <= 5 ? failed : failed.subList(0, 5), first.getMessage());
            }
        }
        return n;
    }

    @FunctionalInterface
    private interface ItemRun<T> {
        long run(T item) throws Exception;
    }

    /** One REST collection body. */
    @FunctionalInterface
    interface Run {
        long run() throws Exception;
    }

    /** How long after a whole interval the aligned funding poll runs, leaving Deribit time to settle the row. */
    static final Duration FUNDING_SETTLE_DELAY = Duration.ofSeconds(5);

    static RestCollectors.Collector aligned(RestCollectors.Collector c, Duration offset) {
        return new RestCollectors.Collector() {
            @Override
            public String venue() {
                return c.venue();
            }

            @Override
            public String name() {
                return c.name();
            }

            @Override
            public Duration interval() {
                return c.interval();
            }

            @Override
            public Optional<Duration> alignedWithOffset() {
                return Optional.of(offset);
            }

            @Override
            public long collect() throws Exception {
                return c.collect();
            }
        };
    }

    static RestCollectors.Collector collector(String name, Duration interval, Run run) {
        return new RestCollectors.Collector() {
            @Override
            public String venue() {
                return DeribitParser.VENUE;
            }

            @Override
            public String name() {
                return DeribitParser.VENUE + "-" + name;
            }

            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public long collect() throws Exception {
                return run.run();
            }
        };
    }
}
