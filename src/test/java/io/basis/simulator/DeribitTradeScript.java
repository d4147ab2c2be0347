package io.basis.simulator;

import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * One trade of the simulated Deribit being scripted (reference §4.1–§4.2), started by {@link DeribitMarket#trade}.
 * Defaults: taker {@code buy}, price = the listing's mark, amount 10 (USD for inverse futures, coin for options),
 * venue time {@link DeribitMarket#now()}, the market's next {@code trade_id} and the instrument's next
 * {@code trade_seq}. Not thread-safe (one test thread builds it); filing and publishing hold the market lock.
 */
public final class DeribitTradeScript {
    private final DeribitMarket market;
    private final DeribitListing listing;
    private String direction = "buy";
    private BigDecimal price;
    private BigDecimal amount = new BigDecimal("10");
    private String liquidation;
    private String tradeId;
    private Long timestamp;

    DeribitTradeScript(DeribitMarket market, DeribitListing listing) {
        this.market = market;
        this.listing = listing;
        this.price = listing.markPrice();
    }

    public DeribitTradeScript buy(String price, String amount) {
        return side("buy", price, amount);
    }

    public DeribitTradeScript sell(String price, String amount) {
        return side("sell", price, amount);
    }

    /** The {@code liquidation} flag: {@code T} (taker liquidated), {@code M} (maker) or {@code MT} (both). */
    public DeribitTradeScript liquidation(String flag) {
        this.liquidation = flag;
        return this;
    }

    public DeribitTradeScript id(String id) {
        this.tradeId = id;
        return this;
    }

    public DeribitTradeScript at(long timestampMillis) {
        this.timestamp = timestampMillis;
        return this;
    }

    /**
     * Files the trade and publishes it as a one-element {@code data} array on {@code trades.<instrument>.*},
     * {@code trades.<kind>.<currency>.*} and {@code trades.any.<currency>.*} (currency = the settlement currency);
     * returns the notifications sent.
     */
    public int publish() {
        synchronized (market.lock()) {
            String data = JSON.writeValueAsString(JSON.createArrayNode().add(record()));
            String kind = listing.isOption() ? "option" : "future";
            String currency = listing.settlementCurrency();
            return market.publishAll("trades." + listing.name() + ".", data)
                    + market.publishAll("trades." + kind + "." + currency + ".", data)
                    + market.publishAll("trades.any." + currency + ".", data);
        }
    }

    /** Files the trade for {@code get_last_trades_*} without publishing it; returns its data object. */
    public ObjectNode record() {
        synchronized (market.lock()) {
            DeribitMarketHistory history = market.history();
            ObjectNode t = JSON.createObjectNode();
            t.put("trade_seq", history.tradeCount(listing.name()) + 1);
            t.put("trade_id", tradeId != null ? tradeId : market.nextTradeId());
            t.put("timestamp", timestamp != null ? timestamp : market.now());
            t.put("tick_direction", direction.equals("buy") ? 0 : 2);
            t.put("price", price);
            t.put("mark_price", listing.markPrice());
            if (listing.isOption()) {
                t.put("iv", new BigDecimal("47.58"));
            }
            t.put("instrument_name", listing.name());
            t.put("index_price", listing.indexPrice());
            t.put("direction", direction);
            t.put("amount", amount);
            if (liquidation != null) {
                t.put("liquidation", liquidation);
            }
            history.trade(listing.name(), t);
            return t;
        }
    }

    private DeribitTradeScript side(String side, String price, String amount) {
        this.direction = side;
        this.price = new BigDecimal(price);
        this.amount = new BigDecimal(amount);
        return this;
    }
}
