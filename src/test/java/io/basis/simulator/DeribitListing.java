package io.basis.simulator;

import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * One instrument listed on the simulated Deribit ({@link DeribitMarket}): its static definition, derived from the
 * name as Deribit spells it ({@code BTC-PERPETUAL}, {@code BTC_USDC-PERPETUAL}, {@code BTC-26JUN26},
 * {@code BTC-27DEC26-100000-C}; expiry 08:00 UTC of the named day), and its current quote, which tests change with
 * the fluent setters (decimals as the venue would write them) before publishing a ticker. The JSON builders write
 * the field names and order of the reference (§3 instrument, §4.3 ticker, book summary).
 *
 * <p>Defaults differ a little between markets (the underlying price carries the market's number in its fourth
 * decimal), so consecutive tests never hand the store a quote equal to one it saw before: the store keeps only option
 * quotes that changed.
 *
 * <p>Thread-safe: state is guarded by the instance; JSON is built from a consistent view.
 */
public final class DeribitListing {
    /** Expiry instant of a far-future perpetual, as Deribit sends it. */
    public static final long PERPETUAL_EXPIRY = 32503708800000L;
    private static final DateTimeFormatter DAY_MONTH_YEAR = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d").appendPattern("MMM").appendPattern("yy").toFormatter(Locale.ENGLISH);

    private final String name;
    private final String base;
    private final String counter;
    private final boolean linear;
    private final String kind;
    private final String settlementPeriod;
    private final long expiration;
    private final BigDecimal strike;
    private final String optionType;
    private final int instrumentId;
    private final long creation;

    private BigDecimal openInterest;
    private BigDecimal markPrice;
    private BigDecimal indexPrice;
    private BigDecimal lastPrice;
    private BigDecimal bidPrice;
    private BigDecimal bidAmount;
    private BigDecimal askPrice;
    private BigDecimal askAmount;
    private BigDecimal markIv = new BigDecimal("50.5");
    private BigDecimal bidIv = new BigDecimal("49.1");
    private BigDecimal askIv = new BigDecimal("52.3");
    private BigDecimal underlyingPrice;
    private BigDecimal delta = new BigDecimal("0.5123");
    private BigDecimal gamma = new BigDecimal("0.00002");
    private BigDecimal vega = new BigDecimal("120.7");
    private BigDecimal theta = new BigDecimal("-80.25");
    private BigDecimal rho = new BigDecimal("15.03");
    private BigDecimal funding8h = new BigDecimal("0.0000512");
    private BigDecimal currentFunding = new BigDecimal("0.00001");
    private BigDecimal volumeUsd = new BigDecimal("1000000");

    DeribitListing(String name, int instrumentId, long creation, int generation) {
        this.name = name;
        this.instrumentId = instrumentId;
        this.creation = creation;
        String[] parts = name.split("-");
        String prefix = parts[0];
        int underscore = prefix.indexOf('_');
        this.base = underscore < 0 ? prefix : prefix.substring(0, underscore);
        this.linear = underscore >= 0;
        this.counter = linear ? prefix.substring(underscore + 1) : "USD";
        boolean option = parts.length == 4 && (parts[3].equals("C") || parts[3].equals("P"));
        if (parts.length == 2 && parts[1].equals("PERPETUAL")) {
            kind = "future";
            settlementPeriod = "perpetual";
            expiration = PERPETUAL_EXPIRY;
            strike = null;
            optionType = null;
        } else if (parts.length == 2 || option) {
            LocalDate day = LocalDate.parse(parts[1], DAY_MONTH_YEAR);
            expiration = day.atTime(8, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            settlementPeriod = "month";
            kind = option ? "option" : "future";
            strike = option ? new BigDecimal(parts[2].replace('d', '.')) : null;
            optionType = option ? (parts[3].equals("C") ? "call" : "put") : null;
        } else {
            throw new IllegalArgumentException("not a Deribit instrument name: " + name);
        }
        boolean isOption = option;
        openInterest = new BigDecimal(isOption ? "100" : "300000000");
        markPrice = new BigDecimal(isOption ? "0.0512" : "100000.5");
        indexPrice = new BigDecimal("99990.25");
        lastPrice = new BigDecimal(isOption ? "0.051" : "100001");
        bidPrice = new BigDecimal(isOption ? "0.05" : "100000");
        bidAmount = new BigDecimal(isOption ? "12.5" : "53270");
        askPrice = new BigDecimal(isOption ? "0.0525" : "100000.5");
        askAmount = new BigDecimal(isOption ? "6.9" : "46990");
        underlyingPrice = new BigDecimal("100010.75").add(BigDecimal.valueOf(generation, 4));
    }

    public String name() {
        return name;
    }

    /** {@code base_currency}. */
    public String currency() {
        return base;
    }

    /**
     * {@code settlement_currency}, what the {@code currency=} parameter of {@code get_instruments} and
     * {@code get_book_summary_by_currency} selects: the coin for inverse instruments, {@code USDC} for
     * {@code SOL_USDC-*} and {@code BTC_USDC-*}.
     */
    public String settlementCurrency() {
        return linear ? counter : base;
    }

    /** {@code option} or {@code future} (perpetuals are futures with settlement period {@code perpetual}). */
    public String kind() {
        return kind;
    }

    public boolean isOption() {
        return kind.equals("option");
    }

    public boolean isPerpetual() {
        return settlementPeriod.equals("perpetual");
    }

    int instrumentId() {
        return instrumentId;
    }

    public long expiration() {
        return expiration;
    }

    public synchronized DeribitListing openInterest(String value) {
        openInterest = new BigDecimal(value);
        return this;
    }

    public synchronized BigDecimal openInterest() {
        return openInterest;
    }

    public synchronized DeribitListing markPrice(String value) {
        markPrice = new BigDecimal(value);
        return this;
    }

    public synchronized DeribitListing indexPrice(String value) {
        indexPrice = new BigDecimal(value);
        return this;
    }

    public synchronized DeribitListing lastPrice(String value) {
        lastPrice = value == null ? null : new BigDecimal(value);
        return this;
    }

    /** Best bid and ask; a null price (and amount) means an empty side. */
    public synchronized DeribitListing quote(String bid, String bidSize, String ask, String askSize) {
        bidPrice = decimal(bid);
        bidAmount = decimal(bidSize);
        askPrice = decimal(ask);
        askAmount = decimal(askSize);
        return this;
    }

    /** Option implied volatilities in percent ({@code bid_iv}, {@code ask_iv}, {@code mark_iv}). */
    public synchronized DeribitListing iv(String bid, String ask, String mark) {
        bidIv = new BigDecimal(bid);
        askIv = new BigDecimal(ask);
        markIv = new BigDecimal(mark);
        return this;
    }

    public synchronized DeribitListing greeks(String delta, String gamma, String vega, String theta, String rho) {
        this.delta = new BigDecimal(delta);
        this.gamma = new BigDecimal(gamma);
        this.vega = new BigDecimal(vega);
        this.theta = new BigDecimal(theta);
        this.rho = new BigDecimal(rho);
        return this;
    }

    public synchronized DeribitListing underlyingPrice(String value) {
        underlyingPrice = new BigDecimal(value);
        return this;
    }

    /** Perpetual funding: {@code funding_8h} and {@code current_funding}. */
    public synchronized DeribitListing funding(String eightHours, String current) {
        funding8h = new BigDecimal(eightHours);
        currentFunding = new BigDecimal(current);
        return this;
    }

    public synchronized DeribitListing volumeUsd(String value) {
        volumeUsd = new BigDecimal(value);
        return this;
    }

    synchronized BigDecimal markPrice() {
        return markPrice;
    }

    synchronized BigDecimal indexPrice() {
        return indexPrice;
    }

    /** The {@code underlying_index} of an option: the same-day future's name, else {@code SYN.<CUR>-<date>}. */
    String underlyingIndex() {
        String[] parts = name.split("-");
        return parts.length == 4 ? "SYN." + parts[0] + "-" + parts[1] : null;
    }

    String priceIndex() {
        return (base + "_" + counter).toLowerCase(Locale.ROOT);
    }

    /** A {@code public/get_instruments} element (reference §3). */
    synchronized ObjectNode instrumentJson() {
        ObjectNode i = JSON.createObjectNode();
        i.put("tick_size", new BigDecimal(isOption() ? "0.0005" : linear ? "1.0" : "0.5"));
        i.putArray("tick_size_steps");
        i.put("taker_commission", new BigDecimal("0.0005"));
        if (strike != null) {
            i.put("strike", strike);
        }
        i.put("settlement_period", settlementPeriod);
        i.put("settlement_currency", linear ? counter : base);
        i.put("quote_currency", isOption() && !linear ? base : counter);
        i.put("price_index", priceIndex());
        if (optionType != null) {
            i.put("option_type", optionType);
        }
        i.put("min_trade_amount", new BigDecimal(isOption() ? "0.1" : linear ? "0.0001" : "10.0"));
        if (!isOption()) {
            i.put("max_liquidation_commission", new BigDecimal("0.0075"));
            i.put("max_leverage", 50);
        }
        i.put("maker_commission", new BigDecimal("0.0"));
        i.put("kind", kind);
        i.put("is_active", true);
        i.put("instrument_name", name);
        i.put("instrument_id", instrumentId);
        if (!isOption()) {
            i.put("instrument_type", linear ? "linear" : "reversed");
            i.put("future_type", linear ? "linear" : "reversed");
        }
        i.put("expiration_timestamp", expiration);
        i.put("creation_timestamp", creation);
        i.put("counter_currency", counter);
        i.put("contract_size", new BigDecimal(isOption() ? "1.0" : linear ? "0.0001" : "10.0"));
        i.put("block_trade_tick_size", new BigDecimal(isOption() ? "0.0001" : "0.01"));
        i.put("block_trade_min_trade_amount", isOption() ? 25 : 200000);
        i.put("block_trade_commission", new BigDecimal(isOption() ? "0.00015" : "0.00025"));
        i.put("base_currency", base);
        i.put("state", "open");
        return i;
    }

    /** A ticker data object (reference §4.3) at {@code timestamp} (ms). */
    synchronized ObjectNode tickerJson(long timestamp) {
        ObjectNode t = JSON.createObjectNode();
        t.put("timestamp", timestamp);
        t.put("state", "open");
        ObjectNode stats = t.putObject("stats");
        stats.put("high", markPrice).put("low", markPrice).put("price_change", new BigDecimal("-1.2945"))
                .put("volume", new BigDecimal("9581.70741368")).put("volume_usd", volumeUsd);
        if (isOption()) {
            t.putObject("greeks").put("delta", delta).put("gamma", gamma).put("vega", vega).put("theta", theta)
                    .put("rho", rho);
        }
        t.put("index_price", indexPrice);
        t.put("instrument_name", name);
        t.put("last_price", lastPrice);
        t.put("settlement_price", markPrice);
        t.put("min_price", markPrice.multiply(new BigDecimal("0.97")));
        t.put("max_price", markPrice.multiply(new BigDecimal("1.03")));
        t.put("open_interest", openInterest);
        t.put("mark_price", markPrice);
        if (isOption()) {
            t.put("interest_rate", 0);
        } else {
            t.put("interest_value", new BigDecimal("0.0"));
        }
        t.put("best_ask_price", askPrice);
        t.put("best_bid_price", bidPrice);
        if (isOption()) {
            t.put("mark_iv", markIv).put("bid_iv", bidIv).put("ask_iv", askIv);
            t.put("underlying_price", underlyingPrice).put("underlying_index", underlyingIndex());
        }
        if (isPerpetual()) {
            t.put("funding_8h", funding8h).put("current_funding", currentFunding);
        }
        t.put("estimated_delivery_price", indexPrice);
        t.put("best_ask_amount", askAmount);
        t.put("best_bid_amount", bidAmount);
        return t;
    }

    /** A {@code public/get_book_summary_by_currency} element at {@code timestamp} (ms). */
    synchronized ObjectNode summaryJson(long timestamp) {
        ObjectNode s = JSON.createObjectNode();
        s.put("volume", new BigDecimal("12.5"));
        if (isOption()) {
            s.put("underlying_price", underlyingPrice).put("underlying_index", underlyingIndex());
        }
        s.put("quote_currency", isOption() && !linear ? base : counter);
        s.put("price_change", new BigDecimal("-3.2258"));
        s.put("open_interest", openInterest);
        s.put("mid_price", bidPrice == null || askPrice == null ? null
                : bidPrice.add(askPrice).divide(BigDecimal.TWO));
        s.put("mark_price", markPrice);
        if (isOption()) {
            s.put("mark_iv", markIv);
        }
        s.put("low", markPrice).put("last", lastPrice);
        s.put("interest_rate", new BigDecimal("0.0"));
        s.put("instrument_name", name);
        s.put("high", markPrice);
        s.put("estimated_delivery_price", indexPrice);
        if (isPerpetual()) {
            s.put("funding_8h", funding8h).put("current_funding", currentFunding);
        }
        s.put("creation_timestamp", timestamp);
        s.put("bid_price", bidPrice);
        s.put("base_currency", base);
        s.put("ask_price", askPrice);
        s.put("volume_usd", volumeUsd);
        return s;
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
