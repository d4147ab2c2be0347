package io.basis.venue.deribit;

import io.basis.ingest.book.BookSequencer.Outcome;
import io.basis.ingest.book.BookSequencer.State;
import io.basis.model.BookSnapshot;
import io.basis.model.PriceLevel;
import io.basis.venue.deribit.DeribitMessages.BookAction;
import io.basis.venue.deribit.DeribitMessages.BookChange;
import io.basis.venue.deribit.DeribitMessages.BookChangeType;
import io.basis.venue.deribit.DeribitMessages.BookEntry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeribitBookSequencerTest {

    static final Instant AT = Instant.parse("2026-05-28T20:26:41.000001Z");
    static final String I = "BTC-PERPETUAL";

    final DeribitBookSequencer book = new DeribitBookSequencer(I);

    static BookEntry e(BookAction a, String price, String amount) {
        return new BookEntry(a, new BigDecimal(price), new BigDecimal(amount));
    }

    static BookChange snapshot(long id) {
        return new BookChange("book.BTC-PERPETUAL.100ms", I, BookChangeType.SNAPSHOT, 1000, id, null,
                List.of(e(BookAction.NEW, "100.5", "30"), e(BookAction.NEW, "100.0", "20")),
                List.of(e(BookAction.NEW, "101.0", "40"), e(BookAction.NEW, "101.5", "10")));
    }

    static BookChange change(long prev, long id, List<BookEntry> bids, List<BookEntry> asks) {
        return new BookChange("book.BTC-PERPETUAL.100ms", I, BookChangeType.CHANGE, 2000 + id, id, prev, bids, asks);
    }

    @Test
    void changesBeforeSnapshotAreDropped() {
        assertThat(book.needsSnapshot()).isTrue();
        assertThat(book.onDiff(change(1, 2, List.of(), List.of()), AT)).isEqualTo(Outcome.STALE);
        assertThat(book.snapshot(5)).isEmpty();
    }

    @Test
    void chainedChangesApply() {
        assertThat(book.onSnapshot(snapshot(10), AT)).isEqualTo(State.IN_SYNC);
        assertThat(book.onDiff(change(10, 11, List.of(e(BookAction.DELETE, "100.5", "0")),
                List.of(e(BookAction.CHANGE, "101.0", "5"))), AT)).isEqualTo(Outcome.APPLIED);
        assertThat(book.onDiff(change(11, 12, List.of(e(BookAction.NEW, "100.25", "7.5")), List.of()), AT))
                .isEqualTo(Outcome.APPLIED);
        assertThat(book.onDiff(change(10, 11, List.of(), List.of()), AT)).as("duplicate").isEqualTo(Outcome.STALE);

        BookSnapshot s = book.snapshot(10).orElseThrow();
        assertThat(s.venue()).isEqualTo("deribit");
        assertThat(s.symbol()).isEqualTo(I);
        assertThat(s.sequence()).isEqualTo(12);
        assertThat(s.venueTime()).isEqualTo(Instant.ofEpochMilli(2012));
        assertThat(s.receivedAt()).isEqualTo(AT);
        assertThat(s.bids()).extracting(l -> l.price().toPlainString() + "@" + l.amount().toPlainString())
                .containsExactly("100.25@7.5", "100.0@20");
        assertThat(s.asks()).extracting(l -> l.price().toPlainString() + "@" + l.amount().toPlainString())
                .containsExactly("101.0@5", "101.5@10");
        assertThat(book.snapshot(1).orElseThrow().asks()).containsExactly(
                new PriceLevel(new BigDecimal("101.0"), new BigDecimal("5")));
        assertThat(book.lastChangeId()).isEqualTo(12);
        assertThat(book.gapCount()).isZero();
    }

    @Test
    void brokenChainIsAGapUntilTheNextSnapshot() {
        book.onSnapshot(snapshot(10), AT);
        assertThat(book.onDiff(change(11, 12, List.of(), List.of()), AT)).isEqualTo(Outcome.GAP);
        assertThat(book.state()).isEqualTo(State.GAP);
        assertThat(book.needsSnapshot()).isTrue();
        assertThat(book.gapCount()).isEqualTo(1);
        assertThat(book.snapshot(5)).isEmpty();
        assertThat(book.onDiff(change(12, 13, List.of(), List.of()), AT)).isEqualTo(Outcome.GAP);
        assertThat(book.gapCount()).isEqualTo(1);

        assertThat(book.onSnapshot(snapshot(20), AT)).isEqualTo(State.IN_SYNC);
        assertThat(book.onDiff(change(20, 21, List.of(), List.of()), AT)).isEqualTo(Outcome.APPLIED);
        book.reset();
        assertThat(book.state()).isEqualTo(State.SYNCING);
        assertThat(book.lastChangeId()).isEqualTo(-1);
    }

    @Test
    void parsedFixturesChainThroughTheSequencer() {
        DeribitParser parser = new DeribitParser();
        BookChange snap = ((Parsed.Book) parser.parse(DeribitFixtures.ws("book_snapshot"), AT)).change();
        assertThat(book.onSnapshot(snap, AT)).isEqualTo(State.IN_SYNC);
        BookSnapshot s = book.snapshot(1).orElseThrow();
        assertThat(s.sequence()).isEqualTo(297217);
        assertThat(s.bids().get(0).price().toPlainString()).isEqualTo("5042.34");
        assertThat(s.asks().get(0).price().toPlainString()).isEqualTo("5042.64");
    }
}
