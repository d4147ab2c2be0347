package io.basis.venue.binanceusdm;

import io.basis.ingest.book.BookSequencer;
import io.basis.config.Channel;
import io.basis.config.StoragePolicy;
import io.basis.model.BookSnapshot;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.model.Trade;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.basis.venue.binanceusdm.BinanceUsdmTestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

class BinanceUsdmSessionTest {
    private static final URI REST = URI.create("http://127.0.0.1:1");
    private static final URI WS = URI.create("ws://127.0.0.1:1");
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final long VT = T0.toEpochMilli();

    private final List<String> asked = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private final BinanceUsdmSession.Listener listener = new BinanceUsdmSession.Listener() {
        @Override
        public void parseError(String reason, String frame) {
            errors.add(reason);
        }

        @Override
        public void snapshotNeeded(String symbol) {
            asked.add(symbol);
        }

        @Override
        public void bookGap(String symbol, Instant from, Instant to) {
            gaps.add(symbol + " " + from + " " + to);
        }
    };

    private BinanceUsdmSession session(Map<Channel, StoragePolicy> policies) {
        return new BinanceUsdmSession(BinanceUsdmSettings.of(venue(REST, WS, List.of("BTCUSDT"), policies)),
                listener);
    }

    @Test
    void tradesLiquidationsMarkAndCandlesAreNormalizedAndStored() {
        BinanceUsdmSession s = session(Map.of());
        List<MarketEvent> trade = s.onFrame(combined("btcusdt@aggTrade",
                aggTrade("BTCUSDT", 7, "100000", "2", VT, true)), T0);
        assertThat(trade).singleElement().isInstanceOfSatisfying(Trade.class, t -> {
            assertThat(t.tradeId()).isEqualTo("7");
            assertThat(t.large()).isTrue();
        });
        assertThat(s.onFrame(forceOrder("ETHUSDT", "SELL", "2000", "1", VT), T0))
                .extracting(MarketEvent::type).containsExactly(EventType.LIQUIDATION);
        assertThat(s.onFrame(markPrice("BTCUSDT", "100", "101", "0.0001", VT), T0))
                .extracting(MarketEvent::type)
                .containsExactly(EventType.MARK_PRICE, EventType.INDEX_PRICE, EventType.FUNDING_RATE);
        assertThat(s.latestMark("BTCUSDT")).isEqualByComparingTo("100");
        assertThat(s.onFrame(kline("BTCUSDT", VT, "105", true), T0)).extracting(MarketEvent::type)
                .containsExactly(EventType.CANDLE);
        assertThat(errors).isEmpty();
    }

    @Test
    void storagePoliciesNoneAndLargeOnly() {
        BinanceUsdmSession s = session(Map.of(Channel.TRADES, StoragePolicy.LARGE_ONLY,
                Channel.LIQUIDATIONS, StoragePolicy.LARGE_ONLY, Channel.INDEX_PRICE, StoragePolicy.NONE));
        assertThat(s.onFrame(aggTrade("BTCUSDT", 1, "100000", "0.5", VT, false), T0)).as("50k < 100k").isEmpty();
        assertThat(s.onFrame(aggTrade("BTCUSDT", 2, "100000", "1", VT, false), T0)).hasSize(1);
        assertThat(s.onFrame(aggTrade("SOLUSDT", 3, "100", "150", VT, false), T0)).as("15k < default 20k")
                .isEmpty();
        assertThat(s.onFrame(forceOrder("ETHUSDT", "BUY", "2000", "10", VT), T0)).as("20k < ETH 50k").isEmpty();
        assertThat(s.onFrame(forceOrder("ETHUSDT", "BUY", "2000", "25", VT), T0)).as("50k >= ETH 50k").hasSize(1);
        assertThat(s.onFrame(markPrice("BTCUSDT", "100", "101", "0.0001", VT), T0)).extracting(MarketEvent::type)
                .as("index-price: none").containsExactly(EventType.MARK_PRICE, EventType.FUNDING_RATE);
        assertThat(s.latestMark("BTCUSDT")).as("kept for OI even when not stored").isEqualByComparingTo("100");
    }

    @Test
    void malformedFramesAreReportedAndSkipped() {
        BinanceUsdmSession s = session(Map.of());
        assertThat(s.onFrame("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\"", T0)).isEmpty();
        assertThat(s.onFrame(aggTrade("BTCUSDT", 1, "oops", "1", VT, false), T0)).isEmpty();
        assertThat(errors).hasSize(2);
        assertThat(s.onFrame(aggTrade("BTCUSDT", 2, "1", "1", VT, false), T0)).hasSize(1);
    }

    @Test
    void bookSyncsFromSnapshotEmitsEverySnapshotIntervalAndResyncsOneSymbolAfterAPuGap() {
        BinanceUsdmSession s = session(Map.of());
        assertThat(s.onFrame(depth("BTCUSDT", 100, 110, 95, VT, "10:1", "|", "11:1"), T0)).isEmpty();
        assertThat(s.onFrame(depth("ETHUSDT", 500, 510, 490, VT, "20:1", "|", "21:1"), T0)).isEmpty();
        s.onFrame(depth("BTCUSDT", 111, 120, 110, VT + 100, "10:2"), T0.plusMillis(100));
        assertThat(asked).as("once per symbol while waiting").containsExactly("BTCUSDT", "ETHUSDT");

        List<MarketEvent> synced = s.onDepthSnapshot("BTCUSDT",
                BinanceUsdmRest.depthSnapshot(depthSnapshot(105, VT, "9:5", "|", "12:5").getBytes()),
                T0.plusMillis(150));
        assertThat(synced).singleElement().isInstanceOfSatisfying(BookSnapshot.class, b -> {
            assertThat(b.sequence()).isEqualTo(120);
            assertThat(b.bids()).hasSize(2);
        });
        assertThat(s.onFrame(depth("BTCUSDT", 121, 130, 120, VT + 200, "10:3"), T0.plusMillis(200)))
                .as("within the 1 s snapshot interval").isEmpty();
        assertThat(s.onFrame(depth("BTCUSDT", 131, 140, 130, VT + 1200, "10:4"), T0.plusMillis(1100)))
                .as("1 s of receive time after the last one").hasSize(1);

        s.onDepthSnapshot("ETHUSDT", BinanceUsdmRest.depthSnapshot(depthSnapshot(505, VT, "20:5").getBytes()), T0);
        asked.clear();
        assertThat(s.onFrame(depth("BTCUSDT", 150, 160, 145, VT + 1300, "10:5"), T0.plusMillis(1300)))
                .as("pu 145 != 140").isEmpty();
        assertThat(s.bookState("BTCUSDT")).isEqualTo(BookSequencer.State.GAP);
        assertThat(asked).containsExactly("BTCUSDT");
        assertThat(s.onFrame(depth("ETHUSDT", 511, 520, 510, VT + 2000, "20:6"), T0.plusMillis(2000)))
                .as("the other symbol goes on").hasSize(1);

        s.onFrame(depth("BTCUSDT", 161, 170, 160, VT + 1400, "10:6"), T0.plusMillis(1400));
        List<MarketEvent> resynced = s.onDepthSnapshot("BTCUSDT",
                BinanceUsdmRest.depthSnapshot(depthSnapshot(155, VT, "9:1").getBytes()), T0.plusMillis(1500));
        assertThat(resynced).singleElement().extracting(e -> ((BookSnapshot) e).sequence()).isEqualTo(170L);
        assertThat(gaps).containsExactly("BTCUSDT " + T0.plusMillis(1300) + " " + T0.plusMillis(1400));
    }

    @Test
    void theLastBookOfABurstComesOutOnceTheSnapshotIntervalHasPassed() {
        BinanceUsdmSession s = session(Map.of());
        s.onFrame(depth("BTCUSDT", 100, 110, 95, VT, "10:1"), T0);
        assertThat(s.onDepthSnapshot("BTCUSDT", BinanceUsdmRest.depthSnapshot(depthSnapshot(105, VT, "10:1")
                .getBytes()), T0)).as("the resync is stored at once").hasSize(1);
        for (int i = 1; i <= 4; i++) {
            assertThat(s.onFrame(depth("BTCUSDT", 101 + 10L * i, 110 + 10L * i, 100 + 10L * i, VT + i,
                    "10:" + (1 + i)), T0.plusMillis(100L * i))).isEmpty();
        }
        assertThat(s.flushDue(T0.plusMillis(999))).isEmpty();
        assertThat(s.flushDue(T0.plusSeconds(1))).singleElement().isInstanceOfSatisfying(BookSnapshot.class, b -> {
            assertThat(b.sequence()).isEqualTo(150);
            assertThat(b.receivedAt()).isEqualTo(T0.plusMillis(400));
            assertThat(b.venueTime()).isEqualTo(Instant.ofEpochMilli(VT + 4));
            assertThat(b.bids().getFirst().amount()).isEqualByComparingTo("5");
        });
        assertThat(s.flushDue(T0.plusSeconds(5))).as("nothing twice").isEmpty();
        assertThat(s.onFrame(depth("BTCUSDT", 151, 160, 150, VT + 5, "10:6"), T0.plusMillis(2500)))
                .as("a new interval").hasSize(1);
        assertThat(s.onFrame(depth("BTCUSDT", 161, 170, 160, VT + 6, "10:7"), T0.plusMillis(2600))).isEmpty();
        assertThat(s.resetBooks()).as("held back, handed over before the reset").singleElement()
                .extracting(e -> ((BookSnapshot) e).sequence()).isEqualTo(170L);
        assertThat(s.drain()).isEmpty();
    }

    @Test
    void resetAsksForFreshSnapshots() {
        BinanceUsdmSession s = session(Map.of());
        s.onFrame(depth("BTCUSDT", 100, 110, 95, VT, "10:1"), T0);
        s.onDepthSnapshot("BTCUSDT", BinanceUsdmRest.depthSnapshot(depthSnapshot(105, VT, "9:5").getBytes()), T0);
        asked.clear();
        s.resetBooks();
        s.onFrame(depth("BTCUSDT", 300, 310, 290, VT, "10:1"), T0);
        assertThat(asked).containsExactly("BTCUSDT");
    }
}
