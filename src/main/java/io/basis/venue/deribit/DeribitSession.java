package io.basis.venue.deribit;

import io.basis.ingest.IntervalSampler;
import io.basis.ingest.book.BookSequencer;
import io.basis.ingest.book.BookSequencer.Outcome;
import io.basis.model.BookSnapshot;
import io.basis.model.Instrument;
import io.basis.model.Liquidation;
import io.basis.model.MarketEvent;
import io.basis.model.Trade;
import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;
import io.basis.venue.deribit.DeribitMessages.BookChange;
import io.basis.venue.deribit.DeribitMessages.BookChangeType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The frame → events pipeline of one Deribit connection, shared by the live connector and the capture decoder:
 * parse ({@link DeribitParser}), match replies to requests ({@link DeribitRpc}), keep the event types of the
 * configured channels with their storage policies ({@code none} drops, {@code large-only} keeps trades and
 * liquidations whose USD notional reaches {@code large-trade-usd}), thin the 100 ms ticker streams to one event per
 * instrument and type per {@code snapshot-interval} of receive time, and keep one {@link DeribitBookSequencer} per
 * instrument, emitting its top-N {@link BookSnapshot} at most every book {@code snapshot-interval}.
 *
 * <p>Thinning ({@link IntervalSampler}) keeps the first update of an interval at once and holds back the latest
 * later one, which comes out once the interval since the last kept one has passed: from {@link #onFrame} when the
 * instrument's next update arrives, or from {@link #flushDue} (the connector calls it periodically, the capture
 * decoder at frame times). For books the held-back value is "changed since last stored": the trailing snapshot is the
 * book as it stands then, with the times and {@code change_id} of its last applied change. So the stored state is
 * never older than one interval, and every event keeps its own venue and receive time. Interval 0 keeps every update.
 *
 * <p>Book resync (reference §4.5): a {@code prev_change_id} that does not continue the chain breaks only that
 * instrument's book; the session asks {@link Listener#snapshotNeeded} once (again after {@value #RESYNC_RETRY_SECONDS}
 * s of receive time if still broken) — the connector unsubscribes and resubscribes that one book channel, whose first
 * notification is a full snapshot. Deribit offers no REST stitching, so {@code public/get_order_book} is only a
 * stand-alone periodic snapshot ({@link #onOrderBook}). When the snapshot arrives, {@link Listener#bookGap} reports
 * the lost period.
 *
 * <p>No clock reads and no I/O. Thread-safe (methods synchronize); listener calls happen under the lock: do not block.
 */
public final class DeribitSession {

    static final long RESYNC_RETRY_SECONDS = 10;

    /** What the session reports besides events. */
    public interface Listener {
        /** A frame that could not be parsed, by short stable reason. */
        default void parseError(String reason, String frame) {
        }

        /** A well-formed notification of a channel Basis does not consume. */
        default void unsupported(String channel) {
        }

        /** A JSON-RPC error reply; {@code id} null when the venue sent none. */
        default void venueError(Long id, int code, String message) {
        }

        /** {@code 10028 too_many_requests}: Deribit closes the session; back off before reconnecting. */
        default void rateLimited() {
        }

        /** A {@code public/subscribe} was refused; {@code retry} is true when it was already a single-channel retry. */
        default void subscribeFailed(List<String> channels, boolean retry, int code, String message) {
        }

        /** A {@code public/subscribe} succeeded but did not list these requested channels. */
        default void notSubscribed(List<String> channels) {
        }

        /** The {@code public/auth} reply: true when accepted. */
        default void authenticated(boolean ok, String message) {
        }

        /** The accepted {@code public/auth}'s token lifetime ({@code result.expires_in}): re-authenticate before. */
        default void authExpiresIn(Duration lifetime) {
        }

        /** A {@code test_request} heartbeat reached the session (live, the heartbeat answers it before). */
        default void testRequest() {
        }

        /** The instrument's book needs a fresh snapshot: resubscribe its book channel. */
        default void snapshotNeeded(String instrument) {
        }

        /** The instrument's book was lost at {@code from} (broken chain) and is whole again at {@code to}. */
        default void bookGap(String instrument, Instant from, Instant to) {
        }
    }

    private final DeribitSettings settings;
    private final Listener listener;
    /** For {@link #isTestRequest}, which needs no thresholds. */
    private static final DeribitParser PARSER = new DeribitParser();
    private final DeribitParser parser;
    private final DeribitRpc rpc;
    private final Map<String, DeribitBookSequencer> books = new HashMap<>();
    private final Map<String, Instant> lostAt = new HashMap<>();
    private final Map<String, Instant> askedAt = new HashMap<>();
    /** Ticker-derived events by {@code type|symbol}. */
    private final IntervalSampler<String, MarketEvent> tickers = new IntervalSampler<>();
    /** Books changed since last stored, by instrument (the value is the instrument). */
    private final IntervalSampler<String, String> bookChanges = new IntervalSampler<>();

    public DeribitSession(DeribitSettings settings, Listener listener) {
        this(settings, listener, 1);
    }

    public DeribitSession(DeribitSettings settings, Listener listener, long firstRequestId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.rpc = new DeribitRpc(firstRequestId);
        this.parser = new DeribitParser(settings.thresholds());
    }

    /** The parser frames go through (configured with the venue's large-trade thresholds). */
    public DeribitParser parser() {
        return parser;
    }

    /** The request builder whose ids this session's replies are matched against. */
    public DeribitRpc rpc() {
        return rpc;
    }

    /** One WebSocket text frame → the events to store. */
    public synchronized List<MarketEvent> onFrame(String text, Instant receivedAt) {
        Parsed parsed;
        try {
            parsed = parser.parse(text, receivedAt);
        } catch (MalformedFrameException e) {
            listener.parseError(e.reason(), text);
            return List.of();
        }
        return switch (parsed) {
            case Parsed.Events ev -> throttle(keep(ev.events()), receivedAt);
            case Parsed.Book b -> onBook(b.change(), receivedAt);
            case Parsed.Reply r -> {
                onReply(r, text);
                yield List.of();
            }
            case Parsed.ErrorReply e -> {
                onError(e);
                yield List.of();
            }
            case Parsed.Heartbeat h -> {
                if (h.testRequest()) {
                    listener.testRequest();
                }
                yield List.of();
            }
            case Parsed.Unsupported u -> {
                listener.unsupported(u.channel());
                yield List.of();
            }
        };
    }

    /**
     * The answer a frame demands ({@code public/test} for a {@code test_request} heartbeat, reference §2), or null.
     * Used as the connection heartbeat's reply function.
     */
    public String replyTo(String frame) {
        return isTestRequest(frame) ? rpc.test() : null;
    }

    /** Whether a frame is a {@code heartbeat} notification of type {@code test_request}. */
    public static boolean isTestRequest(String frame) {
        if (!frame.contains("test_request")) {
            return false; // cheap reject: called for every frame
        }
        try {
            return PARSER.parse(frame, Instant.EPOCH) instanceof Parsed.Heartbeat h && h.testRequest();
        } catch (MalformedFrameException e) {
            return false;
        }
    }

    /** Instruments from {@code public/get_instruments} → those to store. */
    public List<MarketEvent> onInstruments(Collection<Instrument> listed) {
        return keep(List.copyOf(listed));
    }

    /** A stand-alone REST order-book snapshot ({@code public/get_order_book}) → the snapshot to store. */
    public List<MarketEvent> onOrderBook(BookSnapshot snapshot) {
        return keep(List.of(snapshot));
    }

    /**
     * A new socket: book continuity is lost, every book waits for its subscription snapshot.
     *
     * @return the books held back by thinning, as they stood before the reset (to store now)
     */
    public synchronized List<MarketEvent> resetBooks() {
        List<MarketEvent> out = new ArrayList<>();
        bookChanges.drain().forEach(instrument -> storeBook(instrument, out));
        books.values().forEach(DeribitBookSequencer::reset);
        askedAt.clear();
        return out;
    }

    /**
     * The instrument is no longer followed: forget its book and thinning state.
     *
     * @return its events held back by thinning (to store now)
     */
    public synchronized List<MarketEvent> dropBook(String instrument) {
        List<MarketEvent> out = new ArrayList<>(tickers.remove(k -> k.endsWith("|" + instrument)));
        bookChanges.remove(instrument::equals).forEach(i -> storeBook(i, out));
        books.remove(instrument);
        lostAt.remove(instrument);
        askedAt.remove(instrument);
        return out;
    }

    /**
     * The events thinning held back whose interval has passed by {@code now} (the trailing edge when no further
     * update of their instrument arrived). Call periodically, with the clock the frames' receive times come from.
     */
    public synchronized List<MarketEvent> flushDue(Instant now) {
        List<MarketEvent> dueTickers = tickers.due(now);
        List<String> dueBooks = bookChanges.due(now);
        if (dueBooks.isEmpty()) {
            return dueTickers;
        }
        List<MarketEvent> out = new ArrayList<>(dueTickers);
        dueBooks.forEach(instrument -> storeBook(instrument, out));
        return out;
    }

    /** Every event thinning holds back, due or not (end of a capture). */
    public synchronized List<MarketEvent> drain() {
        List<MarketEvent> out = new ArrayList<>(tickers.drain());
        bookChanges.drain().forEach(instrument -> storeBook(instrument, out));
        return out;
    }

    public synchronized BookSequencer.State bookState(String instrument) {
        DeribitBookSequencer b = books.get(instrument);
        return b == null ? null : b.state();
    }

    /** Applies the channels' storage policies (no thinning; REST results come through here). */
    public List<MarketEvent> keep(List<? extends MarketEvent> events) {
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (MarketEvent e : events) {
            if (settings.policy(e.type()).keeps(() -> large(e))) {
                out.add(e);
            }
        }
        return out;
    }

    private boolean large(MarketEvent e) {
        return switch (e) {
            case Trade t -> settings.isLarge(t.symbol(), t.notional());
            case Liquidation l -> settings.isLarge(l.symbol(), l.notional());
            default -> false;
        };
    }

    /** Ticker-derived types: at most one per instrument and type per configured interval of receive time. */
    private List<MarketEvent> throttle(List<MarketEvent> events, Instant receivedAt) {
        List<MarketEvent> out = new ArrayList<>(events.size());
        for (MarketEvent e : events) {
            Duration every = switch (e.type()) {
                case OPTION_TICKER -> settings.optionTickerEvery();
                case MARK_PRICE, INDEX_PRICE, OPEN_INTEREST, FUNDING_RATE -> settings.tickerEvery();
                default -> null;
            };
            if (every == null) {
                out.add(e);
            } else {
                tickers.offer(e.type().id() + "|" + e.symbol(), e, receivedAt, every, out);
            }
        }
        return out;
    }

    private List<MarketEvent> onBook(BookChange change, Instant receivedAt) {
        String instrument = change.instrument();
        DeribitBookSequencer book = books.computeIfAbsent(instrument, DeribitBookSequencer::new);
        List<MarketEvent> out = new ArrayList<>(1);
        if (bookChanges.takeDue(instrument, receivedAt) != null) {
            storeBook(instrument, out); // the trailing edge passed before this change: the book as it stood
        }
        if (change.type() == BookChangeType.SNAPSHOT) {
            book.onSnapshot(change, receivedAt);
            askedAt.remove(instrument);
            Instant from = lostAt.remove(instrument);
            if (from != null) {
                listener.bookGap(instrument, from, receivedAt);
            }
            bookChanges.kept(instrument, receivedAt);
            storeBook(instrument, out);
            return out;
        }
        boolean wasInSync = book.state() == BookSequencer.State.IN_SYNC;
        Outcome outcome = book.onDiff(change, receivedAt);
        if (outcome == Outcome.APPLIED) {
            if (bookChanges.offer(instrument, instrument, receivedAt, settings.bookEvery())) {
                storeBook(instrument, out);
            }
        } else if (outcome == Outcome.GAP || book.state() == BookSequencer.State.SYNCING) {
            // a gap, or changes without any snapshot since the socket opened (the subscription snapshot was lost)
            if (wasInSync) {
                lostAt.putIfAbsent(instrument, receivedAt);
            }
            Instant asked = askedAt.get(instrument);
            if (outcome == Outcome.GAP && asked == null
                    || asked != null && !receivedAt.isBefore(asked.plusSeconds(RESYNC_RETRY_SECONDS))) {
                askedAt.put(instrument, receivedAt);
                listener.snapshotNeeded(instrument);
            } else if (asked == null) {
                askedAt.put(instrument, receivedAt); // SYNCING: give the subscription snapshot time to arrive
            }
        }
        return out;
    }

    /** The instrument's top-N book now (nothing unless in sync), after the storage policy. */
    private void storeBook(String instrument, List<MarketEvent> out) {
        DeribitBookSequencer book = books.get(instrument);
        if (book != null) {
            book.snapshot(settings.bookDepth()).ifPresent(s -> out.addAll(keep(List.of(s))));
        }
    }

    private void onReply(Parsed.Reply r, String text) {
        DeribitRpc.Pending p = rpc.answered(r.id());
        if (p == null) {
            return;
        }
        if (p.kind() == DeribitRpc.Kind.AUTH) {
            listener.authenticated(true, "");
            JsonNode expires = VenueJson.tree(text, "auth").path("result").path("expires_in");
            if (expires.isIntegralNumber() && expires.longValue() > 0) {
                listener.authExpiresIn(Duration.ofSeconds(expires.longValue()));
            }
        } else if (p.kind() == DeribitRpc.Kind.SUBSCRIBE && !r.channels().isEmpty()) {
            List<String> missing = p.channels().stream().filter(c -> !r.channels().contains(c)).toList();
            if (!missing.isEmpty()) {
                listener.notSubscribed(missing);
            }
        }
    }

    private void onError(Parsed.ErrorReply e) {
        listener.venueError(e.id(), e.code(), e.message());
        if (e.code() == DeribitApiException.TOO_MANY_REQUESTS) {
            listener.rateLimited();
        }
        DeribitRpc.Pending p = e.id() == null ? null : rpc.answered(e.id());
        if (p == null) {
            return;
        }
        switch (p.kind()) {
            case SUBSCRIBE -> listener.subscribeFailed(p.channels(), p.retry(), e.code(), e.message());
            case AUTH -> listener.authenticated(false, e.code() + " " + e.message());
            default -> {
            }
        }
    }
}
