package io.basis.ingest.book;

import io.basis.model.BookSnapshot;

import java.time.Instant;
import java.util.Optional;

/**
 * One instrument's order book kept from a REST snapshot plus incremental updates, with the venue's sequencing
 * rule plugged in by the implementation (Binance {@code U/u/pu}, Deribit {@code prev_change_id}, Bybit {@code u},
 * OKX {@code prevSeqId}, Coinbase {@code sequence}). A broken sequence puts the book in {@link State#GAP}; the
 * connector then fetches a fresh snapshot for this instrument only, while other instruments continue.
 * Implementations are single-threaded: one instrument, one thread.
 *
 * @param <D> the venue's incremental update (diff) record
 * @param <S> the venue's snapshot record
 */
public interface BookSequencer<D, S> {

    /** Whether the book can be published. */
    enum State { SYNCING, IN_SYNC, GAP }

    /** What one update did. */
    enum Outcome { BUFFERED, APPLIED, STALE, GAP }

    Outcome onDiff(D diff, Instant receivedAt);

    State onSnapshot(S snapshot, Instant receivedAt);

    /** Forgets the book (e.g. after a reconnect); the next snapshot starts it again. */
    void reset();

    State state();

    /** True when the connector should fetch a snapshot now. */
    boolean needsSnapshot();

    /** Sequence gaps seen since creation. */
    long gapCount();

    /** The top {@code depth} levels of each side, empty unless in sync. */
    Optional<BookSnapshot> snapshot(int depth);
}
