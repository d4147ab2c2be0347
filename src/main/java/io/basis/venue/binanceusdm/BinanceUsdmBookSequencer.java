package io.basis.venue.binanceusdm;

import io.basis.ingest.book.BookSequencer;
import io.basis.ingest.book.BookSide;

import io.basis.model.BookSnapshot;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One symbol's local order book, kept in step with Binance's diff-depth stream by the venue's futures rule
 * (<a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly">How
 * to manage a local order book correctly</a>):
 * <ol>
 * <li>diffs are buffered until a REST snapshot ({@code lastUpdateId}) arrives;</li>
 * <li>diffs with {@code u < lastUpdateId} are dropped as stale;</li>
 * <li>the first diff applied must span the snapshot: {@code U <= lastUpdateId <= u};</li>
 * <li>every later diff must chain: its {@code pu} equals the previous diff's {@code u};</li>
 * <li>quantities are absolute, zero removes the level, removing an unknown level is normal.</li>
 * </ol>
 * A broken chain, or a snapshot older than every diff held, discards the book and moves to {@link State#GAP}; diffs
 * keep being buffered (from the one that failed), so fetching a fresh snapshot resyncs this symbol alone without
 * touching the socket. (The spot rule {@code U == lastUpdateId + 1} does not apply to futures.)
 *
 * <p>Not thread-safe: confine each instance to the thread that handles its symbol's frames.
 */
public final class BinanceUsdmBookSequencer implements BookSequencer<DepthDiff, DepthSnapshot> {

    /** 2000 diffs: over three minutes of {@code @100ms} updates, far longer than a snapshot request takes. */
    public static final int DEFAULT_MAX_BUFFERED = 2_000;

    private record Pending(DepthDiff diff, Instant receivedAt) {
    }

    private final String symbol;
    private final int maxBuffered;
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private final BookSide bids = BookSide.bids();
    private final BookSide asks = BookSide.asks();
    private State state = State.SYNCING;
    /** A snapshot is loaded and the diff spanning it has not arrived yet. */
    private boolean bridging;
    /** The snapshot's lastUpdateId while bridging, afterwards the last applied diff's {@code u}. */
    private long lastUpdateId = -1;
    private long venueTimeMillis;
    private Instant receivedAt;
    private long gaps;
    private long overflowed;

    public BinanceUsdmBookSequencer(String symbol) {
        this(symbol, DEFAULT_MAX_BUFFERED);
    }

    /** @param maxBuffered diffs kept while waiting for a snapshot; the oldest are dropped beyond it */
    public BinanceUsdmBookSequencer(String symbol, int maxBuffered) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("maxBuffered must be positive");
        }
        this.maxBuffered = maxBuffered;
    }

    /** Feeds one diff of this symbol, in stream order. */
    @Override
    public Outcome onDiff(DepthDiff diff, Instant receivedAt) {
        if (!symbol.equals(diff.symbol())) {
            throw new IllegalArgumentException("diff for " + diff.symbol() + " fed to the " + symbol + " book");
        }
        return process(diff, Objects.requireNonNull(receivedAt, "receivedAt"));
    }

    /**
     * Loads a REST snapshot and replays the buffered diffs over it.
     *
     * @return the state afterwards: IN_SYNC when a buffered diff spanned the snapshot, SYNCING while waiting for
     *         it, GAP when the snapshot is older than every diff held (fetch another)
     */
    @Override
    public State onSnapshot(DepthSnapshot snapshot, Instant receivedAt) {
        bids.clear();
        asks.clear();
        bids.putAll(snapshot.bids());
        asks.putAll(snapshot.asks());
        lastUpdateId = snapshot.lastUpdateId();
        venueTimeMillis = snapshot.transactionTime() != 0 ? snapshot.transactionTime() : snapshot.eventTime();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        bridging = true;
        state = State.SYNCING;
        List<Pending> replay = new ArrayList<>(buffer);
        buffer.clear();
        for (Pending p : replay) {
            process(p.diff(), p.receivedAt());
        }
        return state;
    }

    /** Forgets book, buffer and snapshot (e.g. after a reconnect); the gap count is kept. */
    @Override
    public void reset() {
        clearBook();
        buffer.clear();
        lastUpdateId = -1;
        state = State.SYNCING;
    }

    @Override
    public State state() {
        return state;
    }

    /** Whether the runtime should fetch a REST snapshot now: no book and none being bridged. */
    @Override
    public boolean needsSnapshot() {
        return state != State.IN_SYNC && !bridging;
    }

    /** The last applied {@code u} (the snapshot's id while bridging), -1 before any snapshot. */
    public long lastUpdateId() {
        return lastUpdateId;
    }

    /** How many times the book was lost (broken chain or unbridgeable snapshot) since construction. */
    @Override
    public long gapCount() {
        return gaps;
    }

    public int bufferedCount() {
        return buffer.size();
    }

    /** Diffs dropped because the buffer was full. */
    public long overflowCount() {
        return overflowed;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * The best {@code depth} levels per side, as of the last applied diff ({@code sequence} = its {@code u}, venue
     * time = its transaction time {@code T}); empty unless IN_SYNC.
     */
    @Override
    public Optional<BookSnapshot> snapshot(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive");
        }
        if (state != State.IN_SYNC) {
            return Optional.empty();
        }
        return Optional.of(new BookSnapshot(BinanceUsdmParser.VENUE, symbol, Instant.ofEpochMilli(venueTimeMillis),
                receivedAt, lastUpdateId, bids.top(depth), asks.top(depth)));
    }

    private Outcome process(DepthDiff diff, Instant at) {
        if (state == State.IN_SYNC) {
            if (diff.previousFinalUpdateId() != lastUpdateId) {
                return gap(diff, at);
            }
            apply(diff, at);
            return Outcome.APPLIED;
        }
        if (bridging) {
            if (diff.finalUpdateId() < lastUpdateId) {
                return Outcome.STALE;
            }
            if (diff.firstUpdateId() > lastUpdateId) {
                return gap(diff, at);
            }
            bridging = false;
            state = State.IN_SYNC;
            apply(diff, at);
            return Outcome.APPLIED;
        }
        hold(diff, at);
        return Outcome.BUFFERED;
    }

    private Outcome gap(DepthDiff diff, Instant at) {
        clearBook();
        state = State.GAP;
        gaps++;
        hold(diff, at);
        return Outcome.GAP;
    }

    private void apply(DepthDiff diff, Instant at) {
        bids.putAll(diff.bids());
        asks.putAll(diff.asks());
        lastUpdateId = diff.finalUpdateId();
        venueTimeMillis = diff.transactionTime();
        receivedAt = at;
    }

    private void hold(DepthDiff diff, Instant at) {
        if (buffer.size() == maxBuffered) {
            buffer.removeFirst();
            overflowed++;
        }
        buffer.addLast(new Pending(diff, at));
    }

    private void clearBook() {
        bids.clear();
        asks.clear();
        bridging = false;
    }
}
