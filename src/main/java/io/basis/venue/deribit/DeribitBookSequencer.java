package io.basis.venue.deribit;

import io.basis.ingest.book.BookSequencer;
import io.basis.ingest.book.BookSide;
import io.basis.model.BookSnapshot;
import io.basis.model.PriceLevel;
import io.basis.venue.deribit.DeribitMessages.BookAction;
import io.basis.venue.deribit.DeribitMessages.BookChange;
import io.basis.venue.deribit.DeribitMessages.BookChangeType;
import io.basis.venue.deribit.DeribitMessages.BookEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instrument's book kept from Deribit's {@code book.{instrument}.{interval}} channel (reference §4.5). The
 * snapshot is the first notification after subscribing ({@code type: snapshot}); every later {@code change} must
 * carry {@code prev_change_id} equal to the last applied {@code change_id}, else the book is dropped and the state is
 * {@link State#GAP} until a new snapshot (resubscribe the channel). Deribit offers no REST stitching, so changes seen
 * without a book are discarded (reported {@link Outcome#STALE} before any snapshot, {@link Outcome#GAP} after a gap),
 * as are duplicates ({@code change_id} not above the last applied). Entries: {@code new}/{@code change} set the
 * level's amount, {@code delete} (or amount 0) removes it.
 *
 * <p>Not thread-safe: one instance per instrument, confined to its thread.
 */
public final class DeribitBookSequencer implements BookSequencer<BookChange, BookChange> {

    private final String instrument;
    private final BookSide bids = BookSide.bids();
    private final BookSide asks = BookSide.asks();
    private State state = State.SYNCING;
    private long lastChangeId = -1;
    private long venueTimeMillis;
    private Instant receivedAt;
    private long gaps;

    public DeribitBookSequencer(String instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    @Override
    public Outcome onDiff(BookChange diff, Instant receivedAt) {
        check(diff, BookChangeType.CHANGE);
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (state == State.SYNCING) {
            return Outcome.STALE;
        }
        if (state == State.GAP) {
            return Outcome.GAP;
        }
        if (diff.prevChangeId() == lastChangeId) {
            apply(diff, receivedAt);
            return Outcome.APPLIED;
        }
        if (diff.changeId() <= lastChangeId) {
            return Outcome.STALE;
        }
        bids.clear();
        asks.clear();
        state = State.GAP;
        gaps++;
        return Outcome.GAP;
    }

    @Override
    public State onSnapshot(BookChange snapshot, Instant receivedAt) {
        check(snapshot, BookChangeType.SNAPSHOT);
        Objects.requireNonNull(receivedAt, "receivedAt");
        bids.clear();
        asks.clear();
        apply(snapshot, receivedAt);
        state = State.IN_SYNC;
        return state;
    }

    @Override
    public void reset() {
        bids.clear();
        asks.clear();
        lastChangeId = -1;
        state = State.SYNCING;
    }

    @Override
    public State state() {
        return state;
    }

    /** True unless in sync: the connector should (re)subscribe the book channel to get a fresh snapshot. */
    @Override
    public boolean needsSnapshot() {
        return state != State.IN_SYNC;
    }

    @Override
    public long gapCount() {
        return gaps;
    }

    /** The last applied {@code change_id}, -1 before any snapshot. */
    public long lastChangeId() {
        return lastChangeId;
    }

    /** Best {@code depth} levels per side; sequence = last {@code change_id}, venue time = its timestamp. */
    @Override
    public Optional<BookSnapshot> snapshot(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive");
        }
        if (state != State.IN_SYNC) {
            return Optional.empty();
        }
        return Optional.of(new BookSnapshot(DeribitParser.VENUE, instrument, Instant.ofEpochMilli(venueTimeMillis),
                receivedAt, lastChangeId, bids.top(depth), asks.top(depth)));
    }

    private void check(BookChange change, BookChangeType expected) {
        if (!instrument.equals(change.instrument())) {
            throw new IllegalArgumentException("book of " + change.instrument() + " fed to the " + instrument + " book");
        }
        if (change.type() != expected) {
            throw new IllegalArgumentException("expected a " + expected + " notification, got " + change.type());
        }
    }

    private void apply(BookChange change, Instant at) {
        applySide(bids, change.bids());
        applySide(asks, change.asks());
        lastChangeId = change.changeId();
        venueTimeMillis = change.timestamp();
        receivedAt = at;
    }

    private static void applySide(BookSide side, List<BookEntry> entries) {
        for (BookEntry e : entries) {
            side.put(new PriceLevel(e.price(), e.action() == BookAction.DELETE ? BigDecimal.ZERO : e.amount()));
        }
    }
}
