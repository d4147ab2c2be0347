package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Newest venue time (and receive time) per stream — instrument x event type — in the {@code stream_watermark}
 * table. Streams advance with every batch, so rewriting ~1,000 rows per batch would cost the writer a fifth of its
 * throughput; instead committed batches accumulate here and are written at most once per {@code interval}, always
 * inside a later data transaction (or an idle flush). The stored watermark therefore never runs ahead of committed
 * data; it may trail it by up to the interval, which gap detection tolerates. Not thread-safe: one owner thread.
 */
public final class StreamWatermarks {
    private record Stream(int instrumentId, EventType type) {
    }

    private final long intervalNanos;
    private final Map<Stream, Instant[]> pending = new HashMap<>();
    private long lastFlushNanos = System.nanoTime();

    public StreamWatermarks(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Records the streams of a committed batch; returns its newest venue time (null if it had no market events). */
    Instant committed(List<? extends MarketEvent> batch, Map<InstrumentIds.Key, Integer> ids) {
        Instant newest = null;
        for (MarketEvent e : batch) {
            if (e.type() == EventType.INSTRUMENT) {
                continue;
            }
            observe(e, ids.get(new InstrumentIds.Key(e.venue(), e.symbol())));
            if (newest == null || e.venueTime().isAfter(newest)) {
                newest = e.venueTime();
            }
        }
        return newest;
    }

    /** Records one committed market event of the instrument with the given id. */
    public void observe(MarketEvent e, int instrumentId) {
        Instant[] cur = pending.computeIfAbsent(new Stream(instrumentId, e.type()),
                k -> new Instant[]{e.venueTime(), e.receivedAt()});
        if (e.venueTime().isAfter(cur[0])) {
            cur[0] = e.venueTime();
        }
        if (e.receivedAt().isAfter(cur[1])) {
            cur[1] = e.receivedAt();
        }
    }

    public int size() {
        return pending.size();
    }

    boolean due() {
        return !pending.isEmpty() && System.nanoTime() - lastFlushNanos >= intervalNanos;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Writes the pending watermarks in the caller's transaction; call {@link #flushed()} after it commits. */
    public void write(Connection c) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Integer[] instrumentIds = new Integer[pending.size()];
        String[] types = new String[pending.size()];
        String[] ts = new String[pending.size()];
        String[] received = new String[pending.size()];
        int i = 0;
        for (Map.Entry<Stream, Instant[]> entry : pending.entrySet()) {
            instrumentIds[i] = entry.getKey().instrumentId();
            types[i] = entry.getKey().type().id();
            ts[i] = entry.getValue()[0].toString();
            received[i] = entry.getValue()[1].toString();
            i++;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO stream_watermark (instrument_id, event_type, newest_ts, newest_received_at)"
                        + " SELECT * FROM unnest(?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[])"
                        + " ON CONFLICT (instrument_id, event_type) DO UPDATE SET"
                        + " newest_ts = greatest(stream_watermark.newest_ts, excluded.newest_ts),"
                        + " newest_received_at = greatest(stream_watermark.newest_received_at,"
                        + " excluded.newest_received_at)")) {
            p.setArray(1, c.createArrayOf("int4", instrumentIds));
            p.setArray(2, c.createArrayOf("text", types));
            p.setArray(3, c.createArrayOf("text", ts));
            p.setArray(4, c.createArrayOf("text", received));
            p.executeUpdate();
        }
    }

    public void flushed() {
        pending.clear();
        lastFlushNanos = System.nanoTime();
    }
}
