package io.basis.venue.deribit;

import io.basis.config.StoragePolicy;
import io.basis.ingest.history.HistorySource;
import io.basis.ingest.history.HistoryUnavailableException;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestRequest;
import io.basis.model.EventType;
import io.basis.venue.MalformedFrameException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deribit history for backfill (reference §5), a {@link HistorySource} over the connector's {@link DeribitHistory}
 * (so the same credit budget and {@code 10028} back-off): trades ({@code get_last_trades_by_instrument_and_time},
 * expensive, the last day only: {@link #TRADES_WINDOW}), candles ({@code get_tradingview_chart_data} at the
 * configured resolution), hourly funding of perpetuals ({@code get_funding_rate_history}) and DVOL
 * ({@code get_volatility_index_data}, 60 s, per currency index {@code btc_usd}/{@code eth_usd}); the others served
 * from listing as far as documented. Every request is first
 * admitted by the caller's throttle at its credit cost. The connector's first funding poll already reads the last
 * 48 h ({@link #fetchesFundingAtStart()}).
 *
 * <p>A refusal ({@link DeribitHistory.RefusedException}, e.g. an unknown or delisted instrument) is
 * {@link HistoryUnavailableException}; the venue's own trouble ({@code 10028} after the retries, maintenance,
 * timeouts: {@link DeribitHistory#transientError}) and malformed replies are transient ({@link IOException}).
 * Thread-safe.
 */
public final class DeribitHistorySource implements HistorySource {
    /**
     * www.deribit.com keeps public trades for 24 hours (older ones live on history.deribit.com) and answers an older
     * {@code start_timestamp} with an empty page, not an error, so an older range would end "filled" with nothing.
     * An hour less is declared because the rules clip a gap to the window when the job is planned and its first
     * request may wait behind other jobs.
     */
    static final Duration TRADES_WINDOW = Duration.ofHours(23);
    private static final Map<EventType, Coverage> COVERAGE = Map.of(
            EventType.TRADE, new Coverage(EventType.TRADE, TRADES_WINDOW, false,
                    "public/get_last_trades_by_instrument_and_time"),
            EventType.CANDLE, new Coverage(EventType.CANDLE, null, true, "public/get_tradingview_chart_data"),
            EventType.FUNDING_RATE, new Coverage(EventType.FUNDING_RATE, null, true,
                    "public/get_funding_rate_history"),
            EventType.VOLATILITY_INDEX, new Coverage(EventType.VOLATILITY_INDEX, null, true,
                    "public/get_volatility_index_data 60 s"));
    /** Rows a DVOL page holds, for estimates (pages follow {@code continuation}). */
    private static final int DVOL_ROWS_PER_PAGE = 1000;
    /** Trade pages per hour assumed for estimates (the count depends on the market). */
    private static final int TRADE_PAGES_PER_HOUR = 1;

    private final DeribitHistory history;
    private final DeribitSettings settings;
    private final RateBudget credits;

    DeribitHistorySource(DeribitHistory history, DeribitSettings settings, RateBudget credits) {
        this.history = Objects.requireNonNull(history, "history");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credits = Objects.requireNonNull(credits, "credits");
    }

    @Override
    public String venue() {
        return DeribitParser.VENUE;
    }

    @Override
    public Map<EventType, Coverage> coverage() {
        return COVERAGE;
    }

    /**
     * The socket ({@link DeribitStream#NAME}) carries trades and liquidations, tickers (mark/index price, open
     * interest, funding, option tickers), books and the volatility index; candles only come from their poll. Each
     * REST poll ({@code rest:deribit-<name>}, {@link DeribitPolls#collectors}) stores one type; the instrument
     * refresh loses no stream with a history. Only the types the configured channels store: a type not collected
     * did not go missing (its gaps would be backfilled, writing data the venues file leaves out).
     */
    @Override
    public Set<EventType> carriedBy(String connection) {
        return carried(connection).stream().filter(t -> settings.policy(t) != StoragePolicy.NONE)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Set<EventType> carried(String connection) {
        if (connection.equals(DeribitStream.NAME)) {
            return Set.of(EventType.TRADE, EventType.LIQUIDATION, EventType.MARK_PRICE, EventType.INDEX_PRICE,
                    EventType.OPEN_INTEREST, EventType.FUNDING_RATE, EventType.OPTION_TICKER,
                    EventType.BOOK_SNAPSHOT, EventType.VOLATILITY_INDEX);
        }
        String poll = "rest:" + DeribitParser.VENUE + "-";
        if (!connection.startsWith(poll)) {
            return types();
        }
        return switch (connection.substring(poll.length())) {
            case DeribitPolls.BOOK_SUMMARY -> Set.of(EventType.OPEN_INTEREST);
            case DeribitPolls.ORDER_BOOK -> Set.of(EventType.BOOK_SNAPSHOT);
            case DeribitPolls.GREEKS -> Set.of(EventType.OPTION_TICKER);
            case DeribitPolls.FUNDING -> Set.of(EventType.FUNDING_RATE);
            case DeribitPolls.CANDLES -> Set.of(EventType.CANDLE);
            case DeribitPolls.DVOL -> Set.of(EventType.VOLATILITY_INDEX);
            default -> Set.of();
        };
    }

    /** Funding: perpetuals; DVOL: the configured currencies' indexes; candles and trades: every tracked one. */
    @Override
    public List<String> symbols(EventType type, Collection<String> tracked) {
        return switch (type) {
            case FUNDING_RATE -> tracked.stream().filter(s -> s.endsWith("-PERPETUAL")).sorted().toList();
            case VOLATILITY_INDEX -> settings.currencies().stream()
                    .filter(c -> DeribitCurrency.of(c).hasVolatilityIndex())
                    .map(c -> c.toLowerCase(Locale.ROOT) + "_usd").toList();
            case CANDLE, TRADE -> tracked.stream().sorted().toList();
            default -> List.of();
        };
    }

    @Override
    public Map<String, RateBudget> budgets() {
        return Map.of(RestRequest.DEFAULT_BUCKET, credits);
    }

    @Override
    public boolean fetchesFundingAtStart() {
        return true;
    }

    @Override
    public int estimateRequests(EventType type, String symbol, Instant from, Instant to) {
        long minutes = Math.max(1, Duration.between(from, to).toMinutes());
        long n = switch (type) {
            // the fetch's own windows: exact, so requests done end equal to the total
            case CANDLE -> history.candleRequests(from, to, settings.candleResolution());
            case FUNDING_RATE -> history.fundingRequests(from, to);
            case VOLATILITY_INDEX -> (minutes + DVOL_ROWS_PER_PAGE - 1) / DVOL_ROWS_PER_PAGE;
            case TRADE -> Math.max(1, (minutes + 59) / 60 * TRADE_PAGES_PER_HOUR);
            default -> 0;
        };
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public Fetched fetch(EventType type, String symbol, Instant from, Instant to, Throttle throttle, Sink sink)
            throws HistoryUnavailableException, IOException, InterruptedException {
        DeribitHistory paced = history.paced(cost -> throttle.acquire(RestRequest.DEFAULT_BUCKET, cost));
        DeribitHistory.Sink pages = (events, p) -> {
            sink.accept(events, new Progress(p.requests(), p.estimatedRequests(), p.events(), p.reached()));
            return events.size();
        };
        try {
            DeribitHistory.Result r = switch (type) {
                case TRADE -> paced.trades(symbol, from, to, pages);
                case CANDLE -> paced.candles(symbol, from, to, settings.candleResolution(), pages);
                case FUNDING_RATE -> paced.funding(symbol, from, to, pages);
                case VOLATILITY_INDEX -> paced.volatilityIndex(currency(symbol), from, to,
                        DeribitPolls.DVOL_RESOLUTION, pages);
                default -> throw new HistoryUnavailableException(venue() + " serves no history of " + type.id());
            };
            return new Fetched(r.requests(), r.events(), r.first(), r.last());
        } catch (DeribitHistory.RefusedException e) {
            throw new HistoryUnavailableException(venue() + " refused " + e.getMessage(), e);
        } catch (DeribitApiException | MalformedFrameException e) {
            throw new IOException(venue() + " " + type.id() + " " + symbol + ": " + e.getMessage(), e);
        }
    }

    /** {@code btc_usd} → {@code BTC}. */
    private static String currency(String indexSymbol) {
        int cut = indexSymbol.indexOf('_');
        return (cut < 0 ? indexSymbol : indexSymbol.substring(0, cut)).toUpperCase(Locale.ROOT);
    }
}
