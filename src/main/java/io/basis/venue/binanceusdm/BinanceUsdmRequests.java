package io.basis.venue.binanceusdm;

import io.basis.model.LongShortKind;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Binance USD-M REST requests Basis makes, with the cost each has under the venue's limits, for the rate
 * limiter. Pure: builds paths and queries, sends nothing. Weights and quotas are from the endpoint pages
 * (developers.binance.com, USD-M futures, Market Data, REST API; 2026-05-28 scrape) and
 * {@code /work/shared/venues/binance-usdm.md} §2.1.
 */
public final class BinanceUsdmRequests {

    /** The IP request-weight budget in the docs' example; read the live value from exchangeInfo's rateLimits. */
    public static final int DOCUMENTED_REQUEST_WEIGHT_PER_MINUTE = 2400;
    /** {@code /futures/data/*}: requests per 5 minutes per IP, outside the weight budget. */
    public static final int FUTURES_DATA_REQUESTS_PER_5_MINUTES = 1000;
    /** {@code /fapi/v1/fundingRate} together with {@code /fapi/v1/fundingInfo}: requests per 5 minutes per IP. */
    public static final int FUNDING_REQUESTS_PER_5_MINUTES = 500;
    /** {@code /fapi/v1/aggTrades}: weight 20 a request, whatever the limit (§2.1). */
    public static final int AGG_TRADES_WEIGHT = 20;
    /** {@code /fapi/v1/aggTrades}: at most 1000 rows a request. */
    public static final int AGG_TRADES_MAX_LIMIT = 1000;
    /** {@code /fapi/v1/aggTrades}: {@code endTime - startTime} must be below one hour (ms). */
    public static final long AGG_TRADES_WINDOW_MILLIS = 3_600_000;

    /** Which separate request quota a request also counts against, besides its weight. */
    public enum Quota { NONE, FUTURES_DATA, FUNDING }

    /** A REST endpoint Basis reads, by path; {@link #fromPath} recognises a recorded request line's path. */
    public enum Endpoint {
        EXCHANGE_INFO("/fapi/v1/exchangeInfo"), DEPTH("/fapi/v1/depth"), OPEN_INTEREST("/fapi/v1/openInterest"),
        KLINES("/fapi/v1/klines"), FUNDING_RATE("/fapi/v1/fundingRate"), AGG_TRADES("/fapi/v1/aggTrades"),
        OPEN_INTEREST_HIST("/futures/data/openInterestHist"),
        GLOBAL_LONG_SHORT_ACCOUNT_RATIO("/futures/data/globalLongShortAccountRatio"),
        TOP_LONG_SHORT_ACCOUNT_RATIO("/futures/data/topLongShortAccountRatio"),
        TOP_LONG_SHORT_POSITION_RATIO("/futures/data/topLongShortPositionRatio"),
        TAKER_LONG_SHORT_RATIO("/futures/data/takerlongshortRatio");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** The endpoint of a path, with or without a query ({@code /fapi/v1/depth?symbol=BTCUSDT}). */
        public static Optional<Endpoint> fromPath(String pathAndQuery) {
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            for (Endpoint e : values()) {
                if (e.path.equals(path)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One request. {@code weight} counts against the IP's REQUEST_WEIGHT budget; {@code quota} names the separate
     * per-5-minute request cap it also counts against.
     */
    public record Request(Endpoint endpoint, Map<String, String> query, int weight, Quota quota) {
        public Request {
            query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        }

        /** {@code /fapi/v1/depth?symbol=BTCUSDT&limit=1000}, the form a capture records. */
        public String pathAndQuery() {
            if (query.isEmpty()) {
                return endpoint.path();
            }
            return endpoint.path() + "?" + query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
        }

        /** The full URL on a REST base such as {@code https://fapi.binance.com}. */
        public URI uri(URI restBase) {
            return URI.create(restBase.toString().replaceAll("/+$", "") + pathAndQuery());
        }
    }

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Set<Integer> DEPTH_LIMITS = Set.of(5, 10, 20, 50, 100, 500, 1000);

    private BinanceUsdmRequests() {
    }

    /** Weight 1. */
    public static Request exchangeInfo() {
        return new Request(Endpoint.EXCHANGE_INFO, Map.of(), 1, Quota.NONE);
    }

    /** Weight 2 (limit 5–50), 5 (100), 10 (500), 20 (1000); the book sync uses 1000. */
    public static Request depth(String symbol, int limit) {
        if (!DEPTH_LIMITS.contains(limit)) {
            throw new IllegalArgumentException("depth limit must be one of 5, 10, 20, 50, 100, 500, 1000: " + limit);
        }
        int weight = limit <= 50 ? 2 : limit == 100 ? 5 : limit == 500 ? 10 : 20;
        return new Request(Endpoint.DEPTH, params("symbol", symbol(symbol), "limit", limit), weight, Quota.NONE);
    }

    /** Weight 1. */
    public static Request openInterest(String symbol) {
        return new Request(Endpoint.OPEN_INTEREST, params("symbol", symbol(symbol)), 1, Quota.NONE);
    }

    /**
     * Weight by limit: 1 below 100, 2 below 500, 5 up to 1000, 10 above (default limit 500; max 1500). Null times or
     * limit are left out.
     */
    public static Request klines(String symbol, String interval, Long startTime, Long endTime, Integer limit) {
        BinanceUsdmIntervals.klineLength(interval);
        int effective = limit == null ? 500 : checkLimit(limit, 1500);
        int weight = effective < 100 ? 1 : effective < 500 ? 2 : effective <= 1000 ? 5 : 10;
        return new Request(Endpoint.KLINES, params("symbol", symbol(symbol), "interval", interval,
                "startTime", startTime, "endTime", endTime, "limit", limit), weight, Quota.NONE);
    }

    /**
     * Counted only against the 500 / 5 min funding quota (the page gives no weight). Ascending, at most 1000 rows;
     * page forward with {@code startTime = last fundingTime + 1}.
     */
    public static Request fundingRate(String symbol, Long startTime, Long endTime, Integer limit) {
        if (limit != null) {
            checkLimit(limit, 1000);
        }
        return new Request(Endpoint.FUNDING_RATE, params("symbol", symbol(symbol), "startTime", startTime,
                "endTime", endTime, "limit", limit), 0, Quota.FUNDING);
    }

    /**
     * "Compressed/Aggregate Trades List": weight 20, at most 1000 rows, ascending by aggregate id. Either
     * {@code fromId} (rows from that aggregate id on) or a {@code startTime}..{@code endTime} window (inclusive, ms,
     * under one hour); the docs say not to combine them. Null values are left out.
     */
    public static Request aggTrades(String symbol, Long fromId, Long startTime, Long endTime, Integer limit) {
        if (limit != null) {
            checkLimit(limit, AGG_TRADES_MAX_LIMIT);
        }
        if (fromId != null && (startTime != null || endTime != null)) {
            throw new IllegalArgumentException("aggTrades: fromId is not combined with startTime/endTime");
        }
        if (startTime != null && endTime != null && (endTime < startTime
                || endTime - startTime >= AGG_TRADES_WINDOW_MILLIS)) {
            throw new IllegalArgumentException("aggTrades: startTime..endTime must be under one hour: " + startTime
                    + ".." + endTime);
        }
        return new Request(Endpoint.AGG_TRADES, params("symbol", symbol(symbol), "fromId", fromId,
                "startTime", startTime, "endTime", endTime, "limit", limit), AGG_TRADES_WEIGHT, Quota.NONE);
    }

    /** Weight 0, 1000 / 5 min quota; last 30 days only, at most 500 rows. */
    public static Request openInterestHist(String symbol, String period, Long startTime, Long endTime,
                                           Integer limit) {
        return statistics(Endpoint.OPEN_INTEREST_HIST, symbol, period, startTime, endTime, limit);
    }

    /** The ratio endpoint of a kind; weight 0, 1000 / 5 min quota; last 30 days only, at most 500 rows. */
    public static Request longShortRatio(LongShortKind kind, String symbol, String period, Long startTime,
                                         Long endTime, Integer limit) {
        Endpoint endpoint = switch (Objects.requireNonNull(kind, "kind")) {
            case ACCOUNTS -> Endpoint.GLOBAL_LONG_SHORT_ACCOUNT_RATIO;
            case TOP_TRADER_ACCOUNTS -> Endpoint.TOP_LONG_SHORT_ACCOUNT_RATIO;
            case TOP_TRADER_POSITIONS -> Endpoint.TOP_LONG_SHORT_POSITION_RATIO;
            case TAKER_BUY_SELL -> Endpoint.TAKER_LONG_SHORT_RATIO;
        };
        return statistics(endpoint, symbol, period, startTime, endTime, limit);
    }

    private static Request statistics(Endpoint endpoint, String symbol, String period, Long startTime, Long endTime,
                                      Integer limit) {
        BinanceUsdmIntervals.statisticsLength(period);
        if (limit != null) {
            checkLimit(limit, 500);
        }
        return new Request(endpoint, params("symbol", symbol(symbol), "period", period, "startTime", startTime,
                "endTime", endTime, "limit", limit), 0, Quota.FUTURES_DATA);
    }

    private static int checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be 1.." + max + ": " + limit);
        }
        return limit;
    }

    /** REST symbols are upper case and need no URL encoding once checked. */
    private static String symbol(String symbol) {
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("not an upper-case Binance symbol: " + symbol);
        }
        return symbol;
    }

    /** Name/value pairs in order; null values are left out. */
    private static Map<String, String> params(Object... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put((String) pairs[i], pairs[i + 1].toString());
            }
        }
        return out;
    }
}
