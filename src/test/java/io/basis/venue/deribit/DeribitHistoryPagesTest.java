package io.basis.venue.deribit;

import io.basis.model.Liquidation;
import io.basis.model.MarketEvent;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.venue.deribit.DeribitHistoryPages.TradeCursor;
import io.basis.venue.deribit.DeribitHistoryPages.Window;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitHistoryPagesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void windowsCoverTheRangeWithoutOverlapAndRespectTheRowLimit() {
        List<Window> w = DeribitHistoryPages.windows(T0, T0.plus(Duration.ofDays(3)), Duration.ofMinutes(1), 1440,
                true);
        assertThat(w).hasSize(3);
        assertThat(w.getFirst().start()).isEqualTo(T0.toEpochMilli());
        for (int i = 0; i < w.size(); i++) {
            assertThat(w.get(i).end() - w.get(i).start() + 1).isEqualTo(Duration.ofDays(1).toMillis());
            if (i > 0) {
                assertThat(w.get(i).start()).isEqualTo(w.get(i - 1).end() + 1);
            }
        }
        assertThat(w.getLast().end()).isEqualTo(T0.plus(Duration.ofDays(3)).toEpochMilli() - 1);
    }

    @Test
    void alignedWindowsStartAtTheBarHoldingFromAndTheLastOneStopsAtTo() {
        Instant from = T0.plusSeconds(90);
        Instant to = T0.plus(Duration.ofMinutes(12)).plusSeconds(5);
        List<Window> w = DeribitHistoryPages.windows(from, to, Duration.ofMinutes(1), 5, true);
        assertThat(w).extracting(Window::startTime)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(360), T0.plusSeconds(660));
        assertThat(w.getLast().end()).isEqualTo(to.toEpochMilli() - 1);
        assertThat(DeribitHistoryPages.windows(from, to, Duration.ofHours(1), 720, false))
                .containsExactly(new Window(from.toEpochMilli(), to.toEpochMilli() - 1));
        assertThat(DeribitHistoryPages.windows(to, to, Duration.ofMinutes(1), 5, false)).isEmpty();
    }

    @Test
    void estimateExtrapolatesFromTheCoveredShare() {
        Instant to = T0.plus(Duration.ofHours(10));
        assertThat(DeribitHistoryPages.estimate(2, T0, to, T0.plus(Duration.ofHours(4)), false)).isEqualTo(5);
        assertThat(DeribitHistoryPages.estimate(2, T0, to, T0.plus(Duration.ofHours(4)), true)).isEqualTo(4);
        assertThat(DeribitHistoryPages.estimate(3, T0, to, to, false)).isEqualTo(3);
        assertThat(DeribitHistoryPages.estimate(1, T0, to, T0, false)).isEqualTo(2);
    }

    @Test
    void tradePagesContinueFromTheLastMillisecondAndDropTradesAlreadyHandedOn() {
        // 25 trades, ids t0..t24; t8..t12 share one millisecond across the first page boundary
        List<Trade> venue = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            venue.add(trade("t" + i, i >= 8 && i <= 12 ? 8 : i));
        }
        List<String> got = run(venue, 10);
        assertThat(got).hasSize(25).doesNotHaveDuplicates();
        assertThat(got).containsExactlyElementsOf(venue.stream().map(Trade::tradeId).toList());
    }

    @Test
    void moreTradesInOneMillisecondThanAPageMovesOnAndCountsTheGap() {
        List<Trade> venue = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            venue.add(trade("same" + i, 5));
        }
        venue.add(trade("after", 6));
        TradeCursor cursor = new TradeCursor(0, 100, 10);
        List<String> got = drive(cursor, venue, 10);
        // the first 10 and the last 10 of the millisecond; 5 in between were not served
        assertThat(got).hasSize(21).doesNotHaveDuplicates().contains("same0", "same9", "same15", "same24", "after");
        assertThat(cursor.incompleteMillis()).isEqualTo(1);
    }

    @Test
    void aFullMillisecondServedByTwoOverlappingPagesIsComplete() {
        List<Trade> venue = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            venue.add(trade("same" + i, 5));
        }
        venue.add(trade("after", 9));
        TradeCursor cursor = new TradeCursor(0, 100, 10);
        assertThat(drive(cursor, venue, 10)).hasSize(16).doesNotHaveDuplicates();
        assertThat(cursor.incompleteMillis()).isZero();
    }

    @Test
    void liquidationsFollowTheirTradeAndAreDroppedWithIt() {
        TradeCursor cursor = new TradeCursor(0, 100, 2);
        Trade a = trade("a", 1);
        Trade b = trade("b", 2);
        Liquidation lb = new Liquidation("deribit", "BTC-PERPETUAL", b.venueTime(), b.receivedAt(), Side.SELL,
                BigDecimal.ONE, BigDecimal.TEN, null, null);
        assertThat(cursor.accept(List.of(a, b, lb), true)).containsExactly(a, b, lb);
        Trade c = trade("c", 3);
        assertThat(cursor.accept(List.of(b, lb, c), false)).containsExactly(c);
        assertThat(cursor.done()).isTrue();
        assertThatThrownBy(() -> cursor.accept(List.of(), false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyRangeIsDoneAtOnce() {
        assertThat(new TradeCursor(10, 9, 10).done()).isTrue();
    }

    private static List<String> run(List<Trade> venue, int pageSize) {
        return drive(new TradeCursor(0, 1000, pageSize), venue, pageSize);
    }

    /** Serves the cursor's windows from {@code venue} as Deribit does: inclusive, in trade order or its reverse. */
    private static List<String> drive(TradeCursor cursor, List<Trade> venue, int pageSize) {
        List<String> out = new ArrayList<>();
        for (int guard = 0; !cursor.done(); guard++) {
            assertThat(guard).as("pages").isLessThan(100);
            Window w = cursor.window();
            List<Trade> in = new ArrayList<>(venue.stream().filter(t -> w.contains(t.venueTime())).toList());
            in.sort(Comparator.comparing(Trade::venueTime));
            if (!cursor.ascending()) {
                in = in.reversed();
            }
            List<MarketEvent> page = new ArrayList<>(in.subList(0, Math.min(pageSize, in.size())));
            for (MarketEvent e : cursor.accept(page, in.size() > pageSize)) {
                out.add(((Trade) e).tradeId());
            }
        }
        return out;
    }

    private static Trade trade(String id, long ms) {
        Instant t = Instant.ofEpochMilli(ms);
        return new Trade("deribit", "BTC-PERPETUAL", t, t, id, BigDecimal.ONE, BigDecimal.TEN, null, null, Side.BUY,
                false);
    }
}
