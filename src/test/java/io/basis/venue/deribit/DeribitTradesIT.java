package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.model.EventType;
import io.basis.model.Liquidation;
import io.basis.model.Side;
import io.basis.model.Trade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Deribit trades through the connector into the store: liquidation flags, large-trade thresholds. */
class DeribitTradesIT extends DeribitItSupport {
    private static final String BTC_PERP = "BTC-PERPETUAL";

    @Test
    void tradesAreStoredAndLiquidationFlagsAddLiquidations() throws Exception {
        market.listAll(BTC_PERP, "BTC-26MAR27");
        start(config(List.of("BTC"), channels(Channel.INSTRUMENTS, Map.of(), Channel.TRADES, Map.of(),
                Channel.LIQUIDATIONS, Map.of())), tuning());
        subscribed("trades.BTC-PERPETUAL.100ms");
        subscribed("trades.BTC-26MAR27.100ms");

        market.trade(BTC_PERP).buy("100000", "10").id("t1").publish();
        market.trade(BTC_PERP).sell("99000", "21500").liquidation("T").id("t2").publish();
        market.trade(BTC_PERP).buy("99500", "200").liquidation("MT").id("t3").publish();
        market.trade("BTC-26MAR27").sell("101000", "50").liquidation("M").id("t4").publish();

        eventually(() -> rows(EventType.TRADE, BTC_PERP).size() == 3 && rows(EventType.LIQUIDATION, BTC_PERP).size()
                == 3 && rows(EventType.LIQUIDATION, "BTC-26MAR27").size() == 1, "3 + 1 trades and 4 liquidations");
        List<Trade> trades = rows(Trade.class, EventType.TRADE, BTC_PERP);
        assertThat(trades).extracting(Trade::tradeId).containsExactly("t1", "t2", "t3");
        Trade t2 = trades.get(1);
        assertThat(t2.side()).isEqualTo(Side.SELL);
        assertThat(t2.price()).isEqualByComparingTo("99000");
        assertThat(t2.amount()).isEqualByComparingTo("21500");
        assertThat(t2.notional()).isEqualByComparingTo("21500");
        assertThat(t2.baseAmount()).isEqualByComparingTo(d("21500").divide(d("99000"), MathContext.DECIMAL128));
        List<Liquidation> liquidations = rows(Liquidation.class, EventType.LIQUIDATION, BTC_PERP);
        assertThat(liquidations).extracting(l -> l.side() + "@" + l.price().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("SELL@99000", "BUY@99500", "SELL@99500");
        assertThat(rows(Liquidation.class, EventType.LIQUIDATION, "BTC-26MAR27").getFirst().side())
                .as("M: the maker, opposite the taker's sell").isEqualTo(Side.BUY);
        assertThat(rows(EventType.TRADE, "BTC-26MAR27")).hasSize(1);
    }

    @Test
    void largeOnlyKeepsTradesAndLiquidationsAtTheThresholdAndFlagsThem() throws Exception {
        String call = "BTC-27DEC26-100000-C";
        market.list(BTC_PERP).indexPrice("100000");
        market.list(call).openInterest("50").indexPrice("100000");
        Map<Channel, ChannelConfig> channels = channels(Channel.OPTION_TICKER, Map.of("top", "1"));
        for (Channel c : List.of(Channel.TRADES, Channel.LIQUIDATIONS)) {
            channels.put(c, new ChannelConfig(c, StoragePolicy.LARGE_ONLY));
        }
        start(config(List.of("BTC"), channels), tuning());
        subscribed("trades." + BTC_PERP + ".100ms");
        subscribed("trades." + call + ".100ms");

        market.trade(BTC_PERP).buy("100000", "50000").id("small-perp").publish();
        market.trade(BTC_PERP).buy("100000", "100000").id("large-perp").publish();
        market.trade(BTC_PERP).sell("99000", "1000").liquidation("T").id("small-liq").publish();
        market.trade(BTC_PERP).sell("99000", "250000").liquidation("T").id("large-liq").publish();
        market.trade(call).buy("0.05", "0.5").id("small-option").publish();
        market.trade(call).buy("0.05", "2").id("large-option").publish();

        eventually(() -> rows(EventType.TRADE, BTC_PERP).size() == 2 && rows(EventType.TRADE, call).size() == 1
                && rows(EventType.LIQUIDATION, BTC_PERP).size() == 1, "only the large ones");
        assertThat(rows(Trade.class, EventType.TRADE, BTC_PERP)).extracting(Trade::tradeId)
                .containsExactly("large-perp", "large-liq");
        assertThat(rows(Trade.class, EventType.TRADE, call)).extracting(Trade::tradeId).containsExactly("large-option");
        assertThat(rows(Liquidation.class, EventType.LIQUIDATION, BTC_PERP).getFirst().notional())
                .isEqualByComparingTo("250000");
    }

    @Test
    void tradesAtTheLargeTradeThresholdAreFlaggedLarge() throws Exception {
        market.list(BTC_PERP);
        start(config(List.of("BTC"), channels(Channel.TRADES, Map.of())), tuning());
        subscribed("trades." + BTC_PERP + ".100ms");

        market.trade(BTC_PERP).buy("100000", "99999").id("below").publish();
        market.trade(BTC_PERP).buy("100000", "100000").id("at").publish();

        eventually(() -> rows(EventType.TRADE, BTC_PERP).size() == 2, "both trades");
        assertThat(rows(Trade.class, EventType.TRADE, BTC_PERP)).extracting(t -> t.tradeId() + "=" + t.large())
                .containsExactly("below=false", "at=true");
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }
}
