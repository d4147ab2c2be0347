package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import io.basis.config.LargeTradeThresholds;
import io.basis.model.Candle;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.AggTrade;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.ForceOrder;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.Kline;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.MarkPriceUpdate;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.StreamEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Binance USD-M WebSocket frames → normalized events. Pure: bytes, receive time and an instrument lookup in; a
 * {@link Parsed} out. No I/O, no clock, no mutable state, so one instance serves every connection and thread.
 *
 * <p>Accepts raw-mode frames (the bare event), combined-stream frames ({@code {"stream":..,"data":..}}) and the
 * arrays of the {@code !..@arr} streams, from the routed ({@code /public}, {@code /market}) and the retired unrouted
 * ({@code /ws}, {@code /stream}) URLs alike: the payloads are the same, so old captures replay identically. Fields
 * added later ({@code nq}, {@code ap}) are optional.
 *
 * <p>Normalization rules (sources: {@code /work/shared/venues/binance-usdm.md} §4):
 * <ul>
 * <li>{@code aggTrade} → {@link Trade}: id {@code a}, venue time {@code T}, amount {@code q} (executed quantity,
 *     RPI fills included), side from {@code m} (buyer is maker ⇒ the aggressor sold), notional p × q in the quote
 *     asset, large when the notional reaches the base asset's threshold.</li>
 * <li>{@code forceOrder} → {@link Liquidation}: side {@code S} (SELL closes a long), price the average fill price
 *     {@code ap} when non-zero else the order price {@code p}, amount the filled quantity {@code z} when non-zero else
 *     the order quantity {@code q}, venue time {@code T}.</li>
 * <li>{@code markPriceUpdate} → {@link MarkPrice} ({@code p}, {@code i}, {@code P}), {@link IndexPrice} (when
 *     {@code i} is present; named after the pair, e.g. {@code BTCUSDT}, the name Binance's index endpoints use, so
 *     a perpetual and a quarterly of one pair report the same index fact) and {@link FundingRate} (when {@code r}
 *     is non-empty and {@code T} non-zero: rate {@code r} for the period settling at {@code T}); all at venue time
 *     {@code E}.</li>
 * <li>{@code kline} → {@link Candle} at the open time {@code t}, {@code closed} from {@code x}.</li>
 * <li>{@code depthUpdate} → {@link Parsed.Depth} for the symbol's {@link BinanceUsdmBookSequencer}.</li>
 * </ul>
 */
public final class BinanceUsdmParser {

    /** The venue id stamped on every event. */
    public static final String VENUE = "binance-usdm";

    private final LargeTradeThresholds thresholds;

    /** With {@link LargeTradeThresholds#defaults()}. */
    public BinanceUsdmParser() {
        this(LargeTradeThresholds.defaults());
    }

    public BinanceUsdmParser(LargeTradeThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * Parses one WebSocket text frame (UTF-8 bytes).
     *
     * @throws MalformedFrameException when the frame is not JSON, is truncated, or lacks a field its type requires
     */
    public Parsed parse(byte[] frame, Instant receivedAt, InstrumentLookup instruments) {
        Objects.requireNonNull(frame, "frame");
        check(receivedAt, instruments);
        try (JsonParser p = BinanceUsdmJson.FACTORY.createParser(ObjectReadContext.empty(), frame)) {
            return BinanceUsdmFrameReader.read(p, e -> normalize(e, receivedAt, instruments));
        } catch (JacksonException e) {
            throw VenueJson.invalid("frame", e);
        }
    }

    /** As {@link #parse(byte[], Instant, InstrumentLookup)}, for a frame already decoded to text. */
    public Parsed parse(String frame, Instant receivedAt, InstrumentLookup instruments) {
        Objects.requireNonNull(frame, "frame");
        check(receivedAt, instruments);
        try (JsonParser p = BinanceUsdmJson.FACTORY.createParser(ObjectReadContext.empty(), frame)) {
            return BinanceUsdmFrameReader.read(p, e -> normalize(e, receivedAt, instruments));
        } catch (JacksonException e) {
            throw VenueJson.invalid("frame", e);
        }
    }

    /** The events of one wire event; empty for a {@link DepthDiff}, which only a book sequencer can use. */
    public List<MarketEvent> normalize(StreamEvent event, Instant receivedAt, InstrumentLookup instruments) {
        return switch (event) {
            case AggTrade t -> List.of(trade(t, receivedAt, instruments));
            case ForceOrder o -> List.of(liquidation(o, receivedAt));
            case MarkPriceUpdate m -> markPrice(m, receivedAt);
            case Kline k -> List.of(candle(k, receivedAt));
            case DepthDiff ignored -> List.of();
        };
    }

    public Trade trade(AggTrade t, Instant receivedAt, InstrumentLookup instruments) {
        BigDecimal notional = t.price().multiply(t.quantity());
        boolean large = thresholds.isLarge(instruments.baseAsset(t.symbol()), notional);
        return new Trade(VENUE, t.symbol(), Instant.ofEpochMilli(t.tradeTime()), receivedAt,
                Long.toString(t.aggregateTradeId()), t.price(), t.quantity(), t.quantity(), notional,
                t.buyerMaker() ? Side.SELL : Side.BUY, large);
    }

    public Liquidation liquidation(ForceOrder o, Instant receivedAt) {
        BigDecimal price = nonZero(o.averagePrice()) ? o.averagePrice() : o.price();
        BigDecimal amount = nonZero(o.filledQuantity()) ? o.filledQuantity() : o.quantity();
        return new Liquidation(VENUE, o.symbol(), Instant.ofEpochMilli(o.tradeTime()), receivedAt, side(o.side()),
                price, amount, amount, price.multiply(amount));
    }

    public List<MarketEvent> markPrice(MarkPriceUpdate m, Instant receivedAt) {
        Instant venueTime = Instant.ofEpochMilli(m.eventTime());
        MarketEvent mark = new MarkPrice(VENUE, m.symbol(), venueTime, receivedAt, m.markPrice(), m.indexPrice(),
                m.estimatedSettlePrice());
        MarketEvent index = m.indexPrice() == null ? null
                : new IndexPrice(VENUE, indexName(m.symbol()), venueTime, receivedAt, m.indexPrice());
        MarketEvent funding = m.fundingRate() == null || m.nextFundingTime() <= 0 ? null
                : new FundingRate(VENUE, m.symbol(), venueTime, receivedAt, Instant.ofEpochMilli(m.nextFundingTime()),
                        m.fundingRate(), null, null);
        if (index != null) {
            return funding != null ? List.of(mark, index, funding) : List.of(mark, index);
        }
        return funding != null ? List.of(mark, funding) : List.of(mark);
    }

    public Candle candle(Kline k, Instant receivedAt) {
        return new Candle(VENUE, k.symbol(), Instant.ofEpochMilli(k.openTime()), receivedAt,
                klineLength(k.interval()), k.open(), k.high(), k.low(), k.close(), k.volume(), k.quoteVolume(),
                k.tradeCount(), k.closed());
    }

    /** The index a symbol's {@code i} refers to: its pair, i.e. the symbol without a delivery suffix. */
    public static String indexName(String symbol) {
        int cut = symbol.indexOf('_');
        return cut >= 0 ? symbol.substring(0, cut) : symbol;
    }

    private static Duration klineLength(String interval) {
        try {
            return BinanceUsdmIntervals.klineLength(interval);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("kline: interval '" + interval + "' has no fixed length", e);
        }
    }

    private static Side side(String venueSide) {
        return switch (venueSide) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> Side.UNKNOWN;
        };
    }

    private static boolean nonZero(BigDecimal d) {
        return d != null && d.signum() != 0;
    }

    private static void check(Instant receivedAt, InstrumentLookup instruments) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(instruments, "instruments");
    }
}
