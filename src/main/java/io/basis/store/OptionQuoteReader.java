package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.OptionTicker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.basis.store.OptionQuoteCompactor.at;

/**
 * Reads option quotes from both tiers and merges them: the row tier ({@code option_ticker}) and the block tier
 * ({@code option_quote_block}). Every read probes the per-instrument key index of each tier (or the time index for
 * reads across instruments) and decodes only the blocks that can hold an answer. Where both tiers hold a quote with
 * the same venue time (a quote written again after its hour was compacted, until the next compaction merges it),
 * the block's, written first, is the one returned. Stateless; the caller provides the connection.
 */
final class OptionQuoteReader {
    /** Bounds standing in for "no bound" in time filters. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");
    private static final int BLOCKS_PER_PAGE = 4;

    record Instrument(int id, String venue, String symbol) {
    }

    /** Find the newest quote of {@code instrument} with {@code since < venueTime <= asOf}. */
    record Probe(Instrument instrument, Instant asOf, Instant since) {
    }

    /** A quote with its instrument id, for ordering across instruments. */
    record Tagged(int instrumentId, OptionTicker quote) {
        static final Comparator<Tagged> TIME_ORDER = Comparator.<Tagged, Instant>comparing(t -> t.quote.venueTime())
                .thenComparingInt(Tagged::instrumentId);
    }

    private final EventTable<OptionTicker> table = EventTables.of(EventType.OPTION_TICKER);
    private final String columns = "t." + String.join(", t.", table.columns());

    /** The answer of each probe that has one, by probe index. */
    Map<Integer, OptionTicker> newest(Connection c, List<Probe> probes) throws SQLException {
        Map<Integer, OptionTicker> found = new HashMap<>();
        Map<Integer, Instant> blockPeriod = new HashMap<>();
        String sql = "SELECT q.ord, " + columns + ", i.venue, i.venue_symbol, b.period_start AS block_period,"
                + " b.last_ts AS block_last"
                + " FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS q(id, as_of, since, ord)"
                + " JOIN instrument i ON i.id = q.id"
                + " LEFT JOIN LATERAL (SELECT * FROM option_ticker t WHERE t.instrument_id = q.id AND t.ts <= q.as_of"
                + " AND t.ts > q.since ORDER BY t.ts DESC LIMIT 1) t ON true"
                + " LEFT JOIN LATERAL (SELECT b.period_start, b.last_ts FROM option_quote_block b"
                + " WHERE b.instrument_id = q.id AND b.period_start <= q.as_of"
                + " AND b.period_start > q.since - interval '1 hour' AND b.first_ts <= q.as_of AND b.last_ts > q.since"
                + " ORDER BY b.period_start DESC LIMIT 1) b ON true";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setArray(1, c.createArrayOf("integer", probes.stream().map(x -> x.instrument().id()).toArray()));
            p.setArray(2, c.createArrayOf("timestamptz", probes.stream().map(x -> at(x.asOf())).toArray()));
            p.setArray(3, c.createArrayOf("timestamptz", probes.stream().map(x -> at(x.since())).toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int probe = rs.getInt("ord") - 1;
                    OptionTicker row = rs.getObject("ts") == null ? null : table.read(rs);
                    OffsetDateTime period = rs.getObject("block_period", OffsetDateTime.class);
                    if (row != null) {
                        found.put(probe, row);
                    }
                    if (period != null) {
                        Instant blockLast = rs.getObject("block_last", OffsetDateTime.class).toInstant();
                        Instant bestInBlock = min(blockLast, probes.get(probe).asOf());
                        if (row == null || !row.venueTime().isAfter(bestInBlock)) {
                            blockPeriod.put(probe, period.toInstant());
                        }
                    }
                }
            }
        }
        for (Map.Entry<Integer, OptionQuoteBlock> e : blocks(c, probes, blockPeriod).entrySet()) {
            Probe probe = probes.get(e.getKey());
            OptionQuoteBlock block = e.getValue();
            int i = block.indexAtOrBefore(probe.asOf());
            if (i >= 0 && block.venueTime(i).isAfter(probe.since())) {
                OptionTicker row = found.get(e.getKey());
                if (row == null || !row.venueTime().isAfter(block.venueTime(i))) {
                    found.put(e.getKey(), block.quote(i, probe.instrument().venue(), probe.instrument().symbol()));
                }
            }
        }
        return found;
    }

    /**
     * Quotes of one instrument with {@code from <= venueTime < to}, oldest first: the {@code limit} newest of them
     * if {@code newest}, else the {@code limit} oldest.
     */
    List<OptionTicker> history(Connection c, Instrument inst, Instant from, Instant to, int limit, boolean newest)
            throws SQLException {
        TreeMap<Instant, OptionTicker> merged = new TreeMap<>();
        Instant lo = from.minus(OptionQuoteCompactor.PERIOD);
        Instant hi = to;
        String order = newest ? " DESC" : "";
        String sql = "SELECT period_start, data FROM option_quote_block WHERE instrument_id = ? AND period_start > ?"
                + " AND period_start < ? AND last_ts >= ? AND first_ts < ? ORDER BY period_start" + order + " LIMIT ?";
        int collected = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            while (collected < limit) {
                p.setInt(1, inst.id());
                p.setObject(2, at(lo));
                p.setObject(3, at(hi));
                p.setObject(4, at(from));
                p.setObject(5, at(to));
                p.setInt(6, BLOCKS_PER_PAGE);
                int page = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        page++;
                        Instant period = rs.getObject(1, OffsetDateTime.class).toInstant();
                        if (newest) {
                            hi = period;
                        } else {
                            lo = period;
                        }
                        for (OptionTicker q : OptionQuoteBlock.decode(rs.getBytes(2)).quotes(inst.venue(), inst.symbol())) {
                            if (!q.venueTime().isBefore(from) && q.venueTime().isBefore(to)) {
                                merged.put(q.venueTime(), q);
                                collected++;
                            }
                        }
                    }
                }
                if (page < BLOCKS_PER_PAGE) {
                    break;
                }
            }
        }
        String rows = "SELECT " + columns + ", i.venue, i.venue_symbol FROM option_ticker t"
                + " JOIN instrument i ON i.id = t.instrument_id WHERE t.instrument_id = ? AND t.ts >= ? AND t.ts < ?"
                + " ORDER BY t.ts" + order + " LIMIT ?";
        try (PreparedStatement p = c.prepareStatement(rows)) {
            p.setInt(1, inst.id());
            p.setObject(2, at(from));
            p.setObject(3, at(to));
            p.setInt(4, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    OptionTicker q = table.read(rs);
                    merged.putIfAbsent(q.venueTime(), q);
                }
            }
        }
        List<OptionTicker> all = new ArrayList<>(merged.values());
        return newest ? all.subList(Math.max(0, all.size() - limit), all.size())
                : all.subList(0, Math.min(limit, all.size()));
    }

    /** The {@code limit} oldest quotes of all instruments (of {@code venue} if not null) in [from, to). */
    List<Tagged> across(Connection c, String venue, Instant from, Instant to, int limit) throws SQLException {
        Map<Key, Tagged> merged = new HashMap<>();
        String venueFilter = venue == null ? "" : " AND i.venue = ?";
        String next = "SELECT b.period_start FROM option_quote_block b JOIN instrument i ON i.id = b.instrument_id"
                + " WHERE b.period_start > ? AND b.period_start < ? AND b.last_ts >= ?" + venueFilter
                + " ORDER BY b.period_start LIMIT 1";
        String hour = "SELECT b.instrument_id, i.venue, i.venue_symbol, b.data FROM option_quote_block b"
                + " JOIN instrument i ON i.id = b.instrument_id WHERE b.period_start = ? AND b.last_ts >= ?"
                + venueFilter;
        Instant lo = from.minus(OptionQuoteCompactor.PERIOD);
        int collected = 0;
        try (PreparedStatement pn = c.prepareStatement(next); PreparedStatement ph = c.prepareStatement(hour)) {
            while (collected < limit) {
                pn.setObject(1, at(lo));
                pn.setObject(2, at(to));
                pn.setObject(3, at(from));
                if (venue != null) {
                    pn.setString(4, venue);
                }
                OffsetDateTime period;
                try (ResultSet rs = pn.executeQuery()) {
                    period = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                }
                if (period == null) {
                    break;
                }
                lo = period.toInstant();
                ph.setObject(1, period);
                ph.setObject(2, at(from));
                if (venue != null) {
                    ph.setString(3, venue);
                }
                try (ResultSet rs = ph.executeQuery()) {
                    while (rs.next()) {
                        int id = rs.getInt(1);
                        for (OptionTicker q : OptionQuoteBlock.decode(rs.getBytes(4))
                                .quotes(rs.getString(2), rs.getString(3))) {
                            if (!q.venueTime().isBefore(from) && q.venueTime().isBefore(to)) {
                                merged.put(new Key(id, q.venueTime()), new Tagged(id, q));
                                collected++;
                            }
                        }
                    }
                }
            }
        }
        String rows = "SELECT " + columns + ", i.venue, i.venue_symbol FROM option_ticker t"
                + " JOIN instrument i ON i.id = t.instrument_id WHERE t.ts >= ? AND t.ts < ?" + venueFilter
                + " ORDER BY t.ts, t.instrument_id LIMIT ?";
        try (PreparedStatement p = c.prepareStatement(rows)) {
            int k = 1;
            p.setObject(k++, at(from));
            p.setObject(k++, at(to));
            if (venue != null) {
                p.setString(k++, venue);
            }
            p.setInt(k, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt("instrument_id");
                    OptionTicker q = table.read(rs);
                    merged.putIfAbsent(new Key(id, q.venueTime()), new Tagged(id, q));
                }
            }
        }
        List<Tagged> out = new ArrayList<>(merged.values());
        out.sort(Tagged.TIME_ORDER);
        return out.subList(0, Math.min(limit, out.size()));
    }

    private static Map<Integer, OptionQuoteBlock> blocks(Connection c, List<Probe> probes,
                                                         Map<Integer, Instant> periods) throws SQLException {
        Map<Integer, OptionQuoteBlock> out = new HashMap<>();
        if (periods.isEmpty()) {
            return out;
        }
        List<Integer> order = new ArrayList<>(periods.keySet());
        try (PreparedStatement p = c.prepareStatement("SELECT q.ord, b.data FROM unnest(?::int[], ?::timestamptz[])"
                + " WITH ORDINALITY AS q(id, period, ord) JOIN option_quote_block b"
                + " ON b.instrument_id = q.id AND b.period_start = q.period")) {
            p.setArray(1, c.createArrayOf("integer",
                    order.stream().map(i -> probes.get(i).instrument().id()).toArray()));
            p.setArray(2, c.createArrayOf("timestamptz", order.stream().map(i -> at(periods.get(i))).toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(order.get(rs.getInt(1) - 1), OptionQuoteBlock.decode(rs.getBytes(2)));
                }
            }
        }
        return out;
    }

    private record Key(int instrumentId, Instant venueTime) {
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
