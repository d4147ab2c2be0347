package io.basis.venue.binanceusdm;

import io.basis.ingest.book.BookSequencer;
import io.basis.model.BookSnapshot;
import io.basis.model.PriceLevel;
import io.basis.ingest.book.BookSequencer.Outcome;
import io.basis.ingest.book.BookSequencer.State;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.rest;
import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.ws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceUsdmBookSequencerTest {

    static final Instant T0 = Instant.parse("2026-05-28T20:26:45Z");

    final BinanceUsdmBookSequencer book = new BinanceUsdmBookSequencer("BTCUSDT");

    /** A diff whose levels are "price:amount" pairs; bids before the "|" marker, asks after. */
    static DepthDiff diff(long first, long last, long previous, String... levels) {
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        List<PriceLevel> side = bids;
        for (String level : levels) {
            if (level.equals("|")) {
                side = asks;
                continue;
            }
            String[] pa = level.split(":");
            side.add(new PriceLevel(new BigDecimal(pa[0]), new BigDecimal(pa[1])));
        }
        return new DepthDiff(1780000000000L + last, 1780000000000L + last - 3, "BTCUSDT", first, last, previous, bids,
                asks);
    }

    static DepthSnapshot snapshot(long lastUpdateId, String... levels) {
        DepthDiff d = diff(0, 0, 0, levels);
        return new DepthSnapshot(lastUpdateId, 1780000000000L, 1779999999990L, d.bids(), d.asks());
    }

    static List<String> levels(List<PriceLevel> side) {
        return side.stream().map(l -> l.price().toPlainString() + ":" + l.amount().toPlainString()).toList();
    }

    @Test
    void cleanSyncFromTheRecordedSnapshotAndDiff() {
        assertThat(book.needsSnapshot()).isTrue();
        DepthDiff recorded = ((Parsed.Depth) new BinanceUsdmParser().parse(ws("book_combined"), T0,
                InstrumentLookup.fromSymbol())).diff();
        assertThat(book.onDiff(recorded, T0)).isEqualTo(Outcome.BUFFERED);
        assertThat(book.state()).isEqualTo(State.SYNCING);
        assertThat(book.snapshot(5)).isEmpty();

        Instant fetched = T0.plusMillis(80);
        assertThat(book.onSnapshot(BinanceUsdmRest.depthSnapshot(rest("depth_btcusdt")), fetched))
                .as("U 9182736450012 <= lastUpdateId 9182736450100 <= u 9182736450398").isEqualTo(State.IN_SYNC);
        assertThat(book.needsSnapshot()).isFalse();
        assertThat(book.bufferedCount()).isZero();

        BookSnapshot top = book.snapshot(3).orElseThrow();
        assertThat(top.venue()).isEqualTo("binance-usdm");
        assertThat(top.symbol()).isEqualTo("BTCUSDT");
        assertThat(top.sequence()).isEqualTo(9182736450398L);
        assertThat(top.venueTime()).as("the diff's transaction time").isEqualTo(Instant.ofEpochMilli(1780000005093L));
        assertThat(top.receivedAt()).as("when the diff arrived").isEqualTo(T0);
        assertThat(levels(top.bids())).containsExactly("104250.00:3.412", "104249.00:5.118", "104248.50:0.125");
        assertThat(levels(top.asks())).containsExactly("104250.10:1.877", "104252.00:3.001", "104260.40:12.000");
        assertThat(levels(book.snapshot(50).orElseThrow().bids())).as("104249.90 removed by its 0.000")
                .containsExactly("104250.00:3.412", "104249.00:5.118", "104248.50:0.125", "104248.00:0.260");
    }

    @Test
    void staleDiffsAreDroppedAndTheSpanningOneStartsTheChain() {
        book.onDiff(diff(100, 110, 95, "10:1"), T0);
        book.onDiff(diff(111, 120, 110, "11:1"), T0);
        book.onDiff(diff(121, 130, 120, "12:1"), T0);
        assertThat(book.onSnapshot(snapshot(115, "9:5", "|", "20:5"), T0)).isEqualTo(State.IN_SYNC);
        assertThat(book.lastUpdateId()).isEqualTo(130);
        assertThat(levels(book.snapshot(10).orElseThrow().bids()))
                .as("the stale diff's level 10 never applied").containsExactly("12:1", "11:1", "9:5");
        assertThat(book.onDiff(diff(131, 140, 130, "|", "20:0", "21:2"), T0)).isEqualTo(Outcome.APPLIED);
        assertThat(levels(book.snapshot(10).orElseThrow().asks())).containsExactly("21:2");
    }

    @Test
    void snapshotFirstThenStaleThenSpanningDiff() {
        assertThat(book.onSnapshot(snapshot(500, "9:5"), T0)).isEqualTo(State.SYNCING);
        assertThat(book.needsSnapshot()).as("a snapshot is being bridged").isFalse();
        assertThat(book.snapshot(5)).as("not confirmed by a diff yet").isEmpty();
        assertThat(book.onDiff(diff(480, 490, 470, "9:6"), T0)).isEqualTo(Outcome.STALE);
        assertThat(book.onDiff(diff(491, 500, 490, "8:1"), T0)).as("u == lastUpdateId spans it")
                .isEqualTo(Outcome.APPLIED);
        assertThat(book.state()).isEqualTo(State.IN_SYNC);
        assertThat(levels(book.snapshot(5).orElseThrow().bids())).containsExactly("9:5", "8:1");
    }

    @Test
    void aPuThatDoesNotChainIsAGapAndAFreshSnapshotResyncs() {
        book.onSnapshot(snapshot(100, "9:5", "|", "11:5"), T0);
        book.onDiff(diff(95, 105, 90, "9:6"), T0);
        assertThat(book.state()).isEqualTo(State.IN_SYNC);

        assertThat(book.onDiff(diff(120, 130, 115, "9:7"), T0)).as("pu 115 != previous u 105").isEqualTo(Outcome.GAP);
        assertThat(book.state()).isEqualTo(State.GAP);
        assertThat(book.needsSnapshot()).isTrue();
        assertThat(book.gapCount()).isEqualTo(1);
        assertThat(book.snapshot(5)).isEmpty();
        assertThat(book.onDiff(diff(131, 140, 130, "|", "12:1"), T0)).isEqualTo(Outcome.BUFFERED);
        assertThat(book.bufferedCount()).as("the gap diff is kept: it may span the next snapshot").isEqualTo(2);

        assertThat(book.onSnapshot(snapshot(125, "8:1", "|", "13:1"), T0.plusSeconds(1))).isEqualTo(State.IN_SYNC);
        BookSnapshot top = book.snapshot(10).orElseThrow();
        assertThat(top.sequence()).isEqualTo(140);
        assertThat(levels(top.bids())).as("rebuilt from the new snapshot only").containsExactly("9:7", "8:1");
        assertThat(levels(top.asks())).containsExactly("12:1", "13:1");
        assertThat(book.gapCount()).isEqualTo(1);
    }

    @Test
    void aSnapshotOlderThanEveryBufferedDiffIsAGap() {
        book.onDiff(diff(200, 210, 190, "9:1"), T0);
        assertThat(book.onSnapshot(snapshot(150, "9:5"), T0)).isEqualTo(State.GAP);
        assertThat(book.needsSnapshot()).isTrue();
        assertThat(book.gapCount()).isEqualTo(1);
        book.onDiff(diff(211, 220, 210, "9:2"), T0);
        assertThat(book.onSnapshot(snapshot(205, "9:5"), T0)).isEqualTo(State.IN_SYNC);
        assertThat(book.lastUpdateId()).isEqualTo(220);
        assertThat(levels(book.snapshot(1).orElseThrow().bids())).containsExactly("9:2");
    }

    @Test
    void zeroAmountsRemoveLevelsWhateverTheirScale() {
        book.onSnapshot(snapshot(10, "104249.90:1.5", "104249.00:2", "|", "104251.30:4"), T0);
        book.onDiff(diff(5, 12, 3, "104249.9:0", "104000:0", "|", "104251.3:0.000"), T0);
        BookSnapshot top = book.snapshot(10).orElseThrow();
        assertThat(levels(top.bids())).as("removing an unknown level is normal").containsExactly("104249.00:2");
        assertThat(top.asks()).isEmpty();
    }

    @Test
    void theBufferIsBounded() {
        BinanceUsdmBookSequencer small = new BinanceUsdmBookSequencer("BTCUSDT", 3);
        for (int i = 0; i < 5; i++) {
            small.onDiff(diff(i * 10 + 1, i * 10 + 10, i * 10, "9:1"), T0);
        }
        assertThat(small.bufferedCount()).isEqualTo(3);
        assertThat(small.overflowCount()).isEqualTo(2);
        assertThat(small.onSnapshot(snapshot(15, "9:5"), T0)).as("the diff spanning 15 was dropped")
                .isEqualTo(State.GAP);
    }

    @Test
    void resetForgetsTheBook() {
        book.onSnapshot(snapshot(10, "9:5"), T0);
        book.onDiff(diff(5, 12, 3, "9:1"), T0);
        book.reset();
        assertThat(book.state()).isEqualTo(State.SYNCING);
        assertThat(book.needsSnapshot()).isTrue();
        assertThat(book.lastUpdateId()).isEqualTo(-1);
        assertThat(book.snapshot(5)).isEmpty();
        assertThat(book.onDiff(diff(13, 20, 12, "9:2"), T0)).isEqualTo(Outcome.BUFFERED);
    }

    @Test
    void misuseIsRejected() {
        DepthDiff eth = new DepthDiff(1, 1, "ETHUSDT", 1, 2, 0, List.of(), List.of());
        assertThatThrownBy(() -> book.onDiff(eth, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETHUSDT");
        assertThatThrownBy(() -> book.snapshot(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinanceUsdmBookSequencer("BTCUSDT", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLevelUpdatedAtAnotherScaleKeepsItsFirstPriceAndTakesTheNewAmount() {
        book.onSnapshot(snapshot(10, "100.10:1", "|", "100.20:1"), T0);
        book.onDiff(diff(5, 12, 3, "100.1:2.50", "|", "100.200:3"), T0);
        BookSnapshot top = book.snapshot(5).orElseThrow();
        assertThat(top.bids()).containsExactly(new PriceLevel(new BigDecimal("100.10"), new BigDecimal("2.50")));
        assertThat(top.asks()).containsExactly(new PriceLevel(new BigDecimal("100.20"), new BigDecimal("3")));
    }

    @Test
    void pricesBeyondDoublePrecisionStayDistinctAndOrdered() {
        book.onSnapshot(snapshot(10, "1.00000000000000000002:1", "1:2", "|", "1.00000000000000000002:3", "1:4"), T0);
        book.onDiff(diff(5, 12, 3, "1.00000000000000000001:5", "1.000:6", "|", "1.00000000000000000001:7",
                "1.00000000000000000002:0"), T0);
        BookSnapshot top = book.snapshot(5).orElseThrow();
        assertThat(levels(top.bids())).containsExactly("1.00000000000000000002:1", "1.00000000000000000001:5", "1:6");
        assertThat(levels(top.asks())).containsExactly("1:4", "1.00000000000000000001:7");
    }

    @Test
    void randomDiffsGiveTheSameBookAsASortedMap() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        java.util.TreeMap<BigDecimal, BigDecimal> bids = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        java.util.TreeMap<BigDecimal, BigDecimal> asks = new java.util.TreeMap<>();
        book.onSnapshot(snapshot(10), T0);
        long u = 10;
        for (int i = 0; i < 3_000; i++) {
            List<String> levels = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                java.util.TreeMap<BigDecimal, BigDecimal> model = side == 0 ? bids : asks;
                for (int j = r.nextInt(12); j > 0; j--) {
                    int ticks = side == 0 ? 1_000 - r.nextInt(300) : 1_001 + r.nextInt(300);
                    BigDecimal price = BigDecimal.valueOf(ticks, 1).setScale(1 + r.nextInt(3));
                    BigDecimal amount = r.nextInt(4) == 0 ? BigDecimal.ZERO.setScale(r.nextInt(3))
                            : BigDecimal.valueOf(1 + r.nextInt(1_000), r.nextInt(4));
                    levels.add(price.toPlainString() + ":" + amount.toPlainString());
                    if (amount.signum() == 0) {
                        model.remove(price);
                    } else {
                        model.put(price, amount);
                    }
                }
                if (side == 0) {
                    levels.add("|");
                }
            }
            assertThat(book.onDiff(diff(u, u + 5, u, levels.toArray(String[]::new)), T0))
                    .isEqualTo(Outcome.APPLIED);
            u += 5;
            int depth = 1 + r.nextInt(40);
            BookSnapshot top = book.snapshot(depth).orElseThrow();
            assertThat(top.bids()).isEqualTo(expected(bids, depth));
            assertThat(top.asks()).isEqualTo(expected(asks, depth));
        }
    }

    private static List<PriceLevel> expected(java.util.TreeMap<BigDecimal, BigDecimal> side, int depth) {
        return side.entrySet().stream().limit(depth).map(e -> new PriceLevel(e.getKey(), e.getValue())).toList();
    }
}
