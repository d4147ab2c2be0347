package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.ingest.IntervalSampler;
import io.basis.ingest.book.BookSequencer;
import io.basis.model.Instrument;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.Trade;
import io.basis.ingest.book.BookSequencer.Outcome;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frame → events pipeline of Binance USD-M, shared by the live connector and the capture decoder: parse,
 * keep the event types of the configured channels, apply their storage policies ({@code none} drops,
 * {@code large-only} keeps large trades and liquidations whose notional reaches the asset's threshold), feed
 * diff-depth updates to a per-symbol {@link BinanceUsdmBookSequencer} and emit its top-N {@code BookSnapshot} at
 * most every {@code snapshot-interval} of receive time per symbol. No clock reads and no I/O: snapshot fetches are
 * asked of the {@link Listener}.
 *
 * <p>Book thinning ({@link IntervalSampler}): the first change of an interval is stored at once; a book changed
 * later within the interval is stored once the interval since the last stored snapshot has passed — from
 * {@link #onFrame} when the symbol's next diff arrives (the book as it stood before that diff), or from
 * {@link #flushDue} (the connector calls it periodically, the capture decoder at frame times). The trailing snapshot
 * carries the times and update id of the last diff applied, so the stored book is never older than one interval.
 * A resync is stored at once. Interval 0 stores every change.
 *
 * <p>Thread-safe (methods synchronize), so REST snapshots may be applied from another thread than the frames.
 */
public final class BinanceUsdmSession {

    /** What the session reports besides events. Called while the session's lock is held: do not block. */
    public interface Listener {
        /** A frame that could not be parsed, by short stable reason. */
        default void parseError(String reason, String frame) {
        }

        /** A well-formed event Basis does not consume. */
        default void unsupported(String eventType) {
        }

        /** An error reply from the venue (e.g. to a SUBSCRIBE). */
        default void venueError(int code, String message) {
        }

        /** The symbol's book needs a REST snapshot (first diff, broken chain, snapshot too old, after a reset). */
        default void snapshotNeeded(String symbol) {
        }

        /** The symbol's book was lost at {@code from} (broken {@code pu} chain) and is whole again at {@code to}. */
        default void bookGap(String symbol, Instant from, Instant to) {
        }
    }

    private final BinanceUsdmSettings settings;
    private final BinanceUsdmParser parser;
    private final Listener listener;
    private final Map<String, BinanceUsdmBookSequencer> books = new HashMap<>();
    /** Books changed since last stored, by symbol (the value is the symbol). */
    private final IntervalSampler<String, String> bookChanges = new IntervalSampler<>();
    private final Map<String, Instant> lostAt = new HashMap<>();
    private final Set<String> awaiting = new HashSet<>();
    private final Map<String, BigDecimal> marks = new ConcurrentHashMap<>();
    private volatile InstrumentLookup instruments = InstrumentLookup.fromSymbol();

    public BinanceUsdmSession(BinanceUsdmSettings settings, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parser = new BinanceUsdmParser(settings.thresholds());
    }

    /** One WebSocket text frame → the events to store. */
    public synchronized List<MarketEvent> onFrame(String text, Instant receivedAt) {
        Parsed parsed;
        try {
            parsed = parser.parse(text, receivedAt, instruments);
        } catch (MalformedFrameException e) {
            listener.parseError(e.reason(), text);
            return List.of();
        }
        return switch (parsed) {
            case Parsed.Events ev -> keep(ev.events());
            case Parsed.Depth d -> onDiff(d.diff(), receivedAt);
            case Parsed.Ack ignored -> List.of();
            case Parsed.ErrorReply e -> {
                listener.venueError(e.code(), e.message());
                yield List.of();
            }
            case Parsed.Unsupported u -> {
                listener.unsupported(u.eventType());
                yield List.of();
            }
        };
    }

    /** A REST depth snapshot for {@code symbol} → the book snapshot to store if the book is whole again. */
    public synchronized List<MarketEvent> onDepthSnapshot(String symbol, DepthSnapshot snapshot, Instant receivedAt) {
        BinanceUsdmBookSequencer book = book(symbol);
        awaiting.remove(symbol);
        book.onSnapshot(snapshot, receivedAt);
        List<MarketEvent> out = new ArrayList<>(1);
        if (book.state() == BookSequencer.State.IN_SYNC) {
            resynced(symbol, book, out);
        }
        askIfNeeded(book);
        return out;
    }

    /** A snapshot fetch failed; the next diff asks again. */
    public synchronized void snapshotFailed(String symbol) {
        awaiting.remove(symbol);
    }

    /**
     * A new socket: continuity is lost, every book starts over (buffering until a fresh snapshot).
     *
     * @return the books held back by thinning, as they stood before the reset (to store now)
     */
    public synchronized List<MarketEvent> resetBooks() {
        List<MarketEvent> out = new ArrayList<>();
        bookChanges.drain().forEach(symbol -> storeBook(symbol, out));
        books.values().forEach(BinanceUsdmBookSequencer::reset);
        awaiting.clear();
        lostAt.clear();
        return out;
    }

    /**
     * The book snapshots thinning held back whose interval has passed by {@code now} (the trailing edge when no
     * further diff of their symbol arrived). Call periodically, with the clock the frames' receive times come from.
     */
    public synchronized List<MarketEvent> flushDue(Instant now) {
        List<String> due = bookChanges.due(now);
        if (due.isEmpty()) {
            return List.of();
        }
        List<MarketEvent> out = new ArrayList<>(due.size());
        due.forEach(symbol -> storeBook(symbol, out));
        return out;
    }

    /** Every book snapshot thinning holds back, due or not (end of a capture). */
    public synchronized List<MarketEvent> drain() {
        List<MarketEvent> out = new ArrayList<>();
        bookChanges.drain().forEach(symbol -> storeBook(symbol, out));
        return out;
    }

    /** Instruments from exchangeInfo: adopted for base-asset lookups; returns those to store. */
    public List<MarketEvent> onInstruments(Collection<Instrument> listed) {
        instruments = InstrumentLookup.of(listed);
        return keep(List.copyOf(listed));
    }

    /** The base-asset lookup in use (exchangeInfo's once loaded), for mapping REST trades as the stream does. */
    InstrumentLookup instruments() {
        return instruments;
    }

    /** The latest mark price seen for a symbol (from the mark-price stream), or null. */
    public BigDecimal latestMark(String symbol) {
        return marks.get(symbol);
    }

    public synchronized BookSequencer.State bookState(String symbol) {
        BinanceUsdmBookSequencer b = books.get(symbol);
        return b == null ? null : b.state();
    }

    /** Applies the channels and storage policies to events; also records mark prices for OI notionals. */
    public List<MarketEvent> keep(List<? extends MarketEvent> events) {
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (MarketEvent e : events) {
            if (e instanceof MarkPrice m && m.markPrice() != null) {
                marks.put(m.symbol(), m.markPrice());
            }
            if (settings.policy(e.type()).keeps(() -> large(e))) {
                out.add(e);
            }
        }
        return out;
    }

    private boolean large(MarketEvent e) {
        return switch (e) {
            case Trade t -> t.large();
            case Liquidation l -> l.notional() != null
                    && settings.thresholds().isLarge(instruments.baseAsset(l.symbol()), l.notional());
            default -> false;
        };
    }

    private List<MarketEvent> onDiff(DepthDiff diff, Instant receivedAt) {
        BinanceUsdmBookSequencer book = book(diff.symbol());
        List<MarketEvent> out = new ArrayList<>(1);
        if (bookChanges.takeDue(diff.symbol(), receivedAt) != null) {
            storeBook(diff.symbol(), out); // the trailing edge passed before this diff: the book as it stood
        }
        boolean wasInSync = book.state() == BookSequencer.State.IN_SYNC;
        Outcome outcome = book.onDiff(diff, receivedAt);
        if (outcome == Outcome.GAP && wasInSync) {
            lostAt.putIfAbsent(diff.symbol(), receivedAt);
        } else if (outcome == Outcome.APPLIED) {
            if (!wasInSync) {
                resynced(diff.symbol(), book, out);
            } else if (bookChanges.offer(diff.symbol(), diff.symbol(), receivedAt, settings.snapshotInterval())) {
                storeBook(diff.symbol(), out);
            }
        }
        askIfNeeded(book);
        return out;
    }

    private void resynced(String symbol, BinanceUsdmBookSequencer book, List<MarketEvent> out) {
        book.snapshot(settings.bookDepth()).ifPresent(s -> {
            Instant from = lostAt.remove(symbol);
            if (from != null) {
                listener.bookGap(symbol, from, s.receivedAt());
            }
            bookChanges.kept(symbol, s.receivedAt());
            out.addAll(keep(List.of(s)));
        });
    }

    /** The symbol's top-N book now (nothing unless in sync), after the storage policy. */
    private void storeBook(String symbol, List<MarketEvent> out) {
        BinanceUsdmBookSequencer book = books.get(symbol);
        if (book != null) {
            book.snapshot(settings.bookDepth()).ifPresent(s -> out.addAll(keep(List.of(s))));
        }
    }

    private void askIfNeeded(BinanceUsdmBookSequencer book) {
        if (book.needsSnapshot() && awaiting.add(book.symbol())) {
            listener.snapshotNeeded(book.symbol());
        }
    }

    private BinanceUsdmBookSequencer book(String symbol) {
        return books.computeIfAbsent(symbol, BinanceUsdmBookSequencer::new);
    }
}
