package io.basis.bench;

import io.basis.ingest.book.BookSequencer;
import io.basis.model.BookSnapshot;
import io.basis.model.MarketEvent;
import io.basis.venue.binanceusdm.BinanceUsdmBookSequencer;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthSnapshot;
import io.basis.venue.binanceusdm.BinanceUsdmParser;
import io.basis.venue.binanceusdm.InstrumentLookup;
import io.basis.venue.binanceusdm.Parsed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parse → normalize for {@code bench ingest}, on one thread, as a connection's reader would do it: the frame is
 * stamped with {@code Instant.now()} as it is handed to {@link BinanceUsdmParser#parse}; events go to the sink; a
 * {@code depthUpdate} goes to its symbol's {@link BinanceUsdmBookSequencer} (seeded with the REST snapshot of
 * {@link IngestFrames}), and after an applied diff whose event time is at least one second past the symbol's last
 * snapshot a top-{@value IngestFrames#BOOK_DEPTH} {@link BookSnapshot} goes to the sink.
 */
final class IngestPipeline {

    /** Where the normalized events go: counted (phase B) or published to the writer (phase C). */
    @FunctionalInterface
    interface Sink {
        void accept(MarketEvent event) throws InterruptedException;
    }

    private static final class Book {
        final BinanceUsdmBookSequencer sequencer;
        long nextSnapshotAt = Long.MIN_VALUE;

        Book(BinanceUsdmBookSequencer sequencer) {
            this.sequencer = sequencer;
        }
    }

    private final BinanceUsdmParser parser = new BinanceUsdmParser();
    private final InstrumentLookup instruments = InstrumentLookup.fromSymbol();
    private final Map<String, Book> books = new HashMap<>();
    private final Sink sink;
    long events;
    long diffsApplied;
    long snapshots;
    long unexpected;

    /** Fresh sequencers, each seeded with its symbol's snapshot. */
    IngestPipeline(Map<String, DepthSnapshot> snapshots, Sink sink) {
        this.sink = sink;
        Instant now = Instant.now();
        for (Map.Entry<String, DepthSnapshot> e : snapshots.entrySet()) {
            BinanceUsdmBookSequencer s = new BinanceUsdmBookSequencer(e.getKey());
            s.onSnapshot(e.getValue(), now);
            books.put(e.getKey(), new Book(s));
        }
    }

    void accept(byte[] frame) throws InterruptedException {
        Instant receivedAt = Instant.now();
        Parsed parsed = parser.parse(frame, receivedAt, instruments);
        if (parsed instanceof Parsed.Events e) {
            List<MarketEvent> list = e.events();
            for (int i = 0, n = list.size(); i < n; i++) {
                sink.accept(list.get(i));
            }
            events += list.size();
        } else if (parsed instanceof Parsed.Depth d) {
            depth(d.diff(), receivedAt);
        } else {
            unexpected++;
        }
    }

    /** The parse alone (no sequencer, no snapshot, no sink): how phase B's time splits. Returns events + diffs. */
    int parseOnly(byte[] frame) {
        Parsed parsed = parser.parse(frame, Instant.now(), instruments);
        return parsed instanceof Parsed.Events e ? e.events().size() : 1;
    }

    private void depth(DepthDiff diff, Instant receivedAt) throws InterruptedException {
        Book book = books.get(diff.symbol());
        if (book == null) {
            unexpected++;
            return;
        }
        if (book.sequencer.onDiff(diff, receivedAt) != BookSequencer.Outcome.APPLIED) {
            return;
        }
        diffsApplied++;
        if (diff.eventTime() >= book.nextSnapshotAt) {
            book.nextSnapshotAt = diff.eventTime() + IngestFrames.SNAPSHOT_EVERY_MS;
            Optional<BookSnapshot> snapshot = book.sequencer.snapshot(IngestFrames.BOOK_DEPTH);
            if (snapshot.isPresent()) {
                sink.accept(snapshot.get());
                snapshots++;
                events++;
            }
        }
    }

    /** Book losses over all symbols (must be 0: the generated chains are unbroken). */
    long gaps() {
        return books.values().stream().mapToLong(b -> b.sequencer.gapCount()).sum();
    }

    /** Largest book side now, in levels (how big the maps the sequencer walks have grown). */
    int symbols() {
        return books.size();
    }
}
