package io.basis.venue.binanceusdm;

import io.basis.model.PriceLevel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Binance USD-M wire messages, field for field, before normalization. Immutable; times are epoch milliseconds as
 * sent; decimals are built from the venue's string exactly. Each record links the official doc section it follows
 * (developers.binance.com, USD-M futures; see also {@code /work/shared/venues/binance-usdm.md}). Optional fields are
 * null when absent, because older captures predate some of them.
 */
public final class BinanceUsdmMessages {

    private BinanceUsdmMessages() {
    }

    /** A WebSocket market event the parser understands; the union is closed so dispatch is a {@code switch}. */
    public sealed interface StreamEvent permits AggTrade, ForceOrder, MarkPriceUpdate, Kline, DepthDiff {
        long eventTime();

        String symbol();
    }

    /**
     * {@code <symbol>@aggTrade}: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Aggregate-Trade-Streams">Aggregate
     * Trade Streams</a>.
     *
     * @param quantity       {@code q}, base units, including fills against RPI orders
     * @param nonRpiQuantity {@code nq}, excluding RPI fills; null in frames from before the field existed
     * @param buyerMaker     {@code m}; true means the taker sold
     */
    public record AggTrade(long eventTime, String symbol, long aggregateTradeId, BigDecimal price, BigDecimal quantity,
                           BigDecimal nonRpiQuantity, Long firstTradeId, Long lastTradeId, long tradeTime,
                           boolean buyerMaker) implements StreamEvent {
    }

    /**
     * {@code <symbol>@forceOrder} / {@code !forceOrder@arr}: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Liquidation-Order-Streams">Liquidation
     * Order Streams</a> (the {@code o} object flattened). Sampled: the largest liquidation per symbol per second.
     *
     * @param side              {@code S}, side of the liquidation order: SELL closes a long
     * @param averagePrice      {@code ap}, average fill price
     * @param filledQuantity    {@code z}, accumulated filled quantity
     */
    public record ForceOrder(long eventTime, String symbol, String side, String orderType, String timeInForce,
                             BigDecimal quantity, BigDecimal price, BigDecimal averagePrice, String status,
                             BigDecimal lastFilledQuantity, BigDecimal filledQuantity, long tradeTime)
            implements StreamEvent {
    }

    /**
     * {@code <symbol>@markPrice[@1s]} / {@code !markPrice@arr[@1s]}: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Mark-Price-Stream">Mark
     * Price Stream</a>.
     *
     * @param markPriceAverage     {@code ap}; null in frames from before the field existed
     * @param indexPrice           {@code i}
     * @param estimatedSettlePrice {@code P}
     * @param fundingRate          {@code r}, the live estimate for the period settling at {@code nextFundingTime};
     *                             null when sent empty (delivery contracts)
     * @param nextFundingTime      {@code T}; 0 for delivery contracts
     */
    public record MarkPriceUpdate(long eventTime, String symbol, BigDecimal markPrice, BigDecimal markPriceAverage,
                                  BigDecimal indexPrice, BigDecimal estimatedSettlePrice, BigDecimal fundingRate,
                                  long nextFundingTime) implements StreamEvent {
    }

    /**
     * {@code <symbol>@kline_<interval>}: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Kline-Candlestick-Streams">Kline/Candlestick
     * Streams</a> (the {@code k} object flattened).
     *
     * @param volume        {@code v}, base units
     * @param quoteVolume   {@code q}
     * @param closed        {@code x}, whether this is the final update of the candle
     */
    public record Kline(long eventTime, String symbol, long openTime, long closeTime, String interval,
                        Long firstTradeId, Long lastTradeId, BigDecimal open, BigDecimal high, BigDecimal low,
                        BigDecimal close, BigDecimal volume, Long tradeCount, boolean closed, BigDecimal quoteVolume,
                        BigDecimal takerBuyVolume, BigDecimal takerBuyQuoteVolume) implements StreamEvent {
    }

    /**
     * {@code <symbol>@depth[@100ms|@500ms]}: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams">Diff.
     * Book Depth Streams</a>. Quantities are absolute; zero removes the level.
     *
     * @param firstUpdateId         {@code U}
     * @param finalUpdateId         {@code u}
     * @param previousFinalUpdateId {@code pu}, the {@code u} of the previous event on this stream
     * @param transactionTime       {@code T}
     */
    public record DepthDiff(long eventTime, long transactionTime, String symbol, long firstUpdateId,
                            long finalUpdateId, long previousFinalUpdateId, List<PriceLevel> bids,
                            List<PriceLevel> asks) implements StreamEvent {
        public DepthDiff {
            Objects.requireNonNull(symbol, "symbol");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    /**
     * {@code GET /fapi/v1/depth}: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book">Order
     * Book</a>. {@code eventTime}/{@code transactionTime} are 0 when absent.
     */
    public record DepthSnapshot(long lastUpdateId, long eventTime, long transactionTime, List<PriceLevel> bids,
                                List<PriceLevel> asks) {
        public DepthSnapshot {
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }
}
