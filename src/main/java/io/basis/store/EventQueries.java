package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.Instrument;
import io.basis.model.MarketEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read side of the store for the API. Every query is index-driven: the instrument filter resolves ids on the small
 * instrument table, then each instrument is read through the natural-key index {@code (instrument_id, ts, ...)},
 * or all instruments through the {@code ts} index; time bounds prune partitions. {@code bench query} measures
 * every shape on 20 million rows (docs/BENCHMARKS.md). Option quotes, stored in two tiers, are read by
 * {@link OptionQuotes} with the same semantics. SQL text is assembled only from fixed fragments; values are always parameters.
 * Thread-safe.
 */
public final class EventQueries {
    /** Optional filters; {@code symbol} matches the venue symbol or the normalized symbol. */
    public record Filter(String venue, String symbol, Instant from, Instant to, int limit) {
        public static Filter all(int limit) {
            return new Filter(null, null, null, null, limit);
        }
    }

    private final DataSource dataSource;
    private final OptionQuotes optionQuotes;

    public EventQueries(DataSource dataSource) {
        this.dataSource = dataSource;
        this.optionQuotes = new OptionQuotes(dataSource);
    }

    /**
     * Events in [from, to) ordered by time, oldest first, at most {@code limit}. With a symbol, each matching
     * instrument is read through its own key index, at most {@code limit} rows each, so the cost follows the limit
     * and not the instrument's history; without one, the {@code ts} index walks all instruments in time order.
     */
    public List<MarketEvent> range(EventType type, Filter f) {
        EventTable<?> table = EventTables.of(type);
        if (type == EventType.INSTRUMENT) {
            return new ArrayList<>(instruments(f.venue(), f.symbol()));
        }
        if (type == EventType.OPTION_TICKER) {
            return optionQuotes.events(f);
        }
        List<Object> params = new ArrayList<>();
        String sql;
        if (f.symbol() != null) {
            String perInstrument = "SELECT " + columns(table) + " FROM " + table.table() + " t"
                    + " WHERE t.instrument_id = i.id" + timeFilter(f, params) + " ORDER BY t.ts LIMIT ?";
            params.add(f.limit());
            sql = "SELECT t.*, i.venue, i.venue_symbol FROM instrument i CROSS JOIN LATERAL (" + perInstrument + ") t"
                    + " WHERE true" + instrumentFilter(f, params) + " ORDER BY t.ts, t.instrument_id LIMIT ?";
        } else {
            sql = "SELECT " + columns(table) + ", i.venue, i.venue_symbol FROM " + table.table() + " t"
                    + " JOIN instrument i ON i.id = t.instrument_id WHERE true" + instrumentFilter(f, params)
                    + timeFilter(f, params) + " ORDER BY t.ts, t.instrument_id LIMIT ?";
        }
        params.add(f.limit());
        return query(sql, params, table);
    }

    /**
     * The newest event of each instrument matching the filter. The stream watermark bounds each lookup to the last
     * month of partitions, so this stays cheap however long the history is.
     */
    public List<MarketEvent> latest(EventType type, Filter f) {
        EventTable<?> table = EventTables.of(type);
        if (type == EventType.INSTRUMENT) {
            return new ArrayList<>(instruments(f.venue(), f.symbol()));
        }
        if (type == EventType.OPTION_TICKER) {
            return optionQuotes.latestEvents(f);
        }
        List<Object> params = new ArrayList<>();
        params.add(type.id());
        String sql = "SELECT t.*, i.venue, i.venue_symbol FROM stream_watermark w"
                + " JOIN instrument i ON i.id = w.instrument_id"
                + " CROSS JOIN LATERAL (SELECT " + columns(table) + " FROM " + table.table() + " t"
                + " WHERE t.instrument_id = w.instrument_id AND t.ts >= w.newest_ts - interval '31 days'"
                + " ORDER BY t.ts DESC LIMIT 1) t"
                + " WHERE w.event_type = ?" + instrumentFilter(f, params)
                + " ORDER BY i.venue, i.venue_symbol LIMIT ?";
        params.add(f.limit());
        return query(sql, params, table);
    }

    public List<Instrument> instruments(String venue, String symbol) {
        List<Object> params = new ArrayList<>();
        Filter f = new Filter(venue, symbol, null, null, Integer.MAX_VALUE);
        String sql = "SELECT i.* FROM instrument i WHERE i.kind IS NOT NULL" + instrumentFilter(f, params)
                + " ORDER BY i.venue, i.venue_symbol";
        List<Instrument> out = new ArrayList<>();
        for (MarketEvent e : query(sql, params, EventTables.of(EventType.INSTRUMENT))) {
            out.add((Instrument) e);
        }
        return out;
    }

    /** Venue time of the newest stored market event, if any. */
    public Optional<Instant> newestVenueTime() {
        return Optional.ofNullable(scalar("SELECT max(newest_ts) FROM stream_watermark", Timestamp.class))
                .map(Timestamp::toInstant);
    }

    /** Rows inserted per event type since the database was created (duplicates never counted). */
    public Map<EventType, Long> storedRows() {
        Map<EventType, Long> out = new EnumMap<>(EventType.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_type, rows FROM stored_rows")) {
            while (rs.next()) {
                EventType.fromId(rs.getString(1)).ifPresent(t -> {
                    try {
                        out.put(t, rs.getLong(2));
                    } catch (SQLException e) {
                        throw new StoreException(e);
                    }
                });
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Exact row count of one table (option quotes: of both tiers); a full scan, meant for tests and tools. */
    public long count(EventType type) {
        if (type == EventType.OPTION_TICKER) {
            return optionQuotes.count();
        }
        Long n = scalar("SELECT count(*) FROM " + EventTables.of(type).table(), Long.class);
        return n == null ? 0 : n;
    }

    private static String columns(EventTable<?> table) {
        return "t." + String.join(", t.", table.columns());
    }

    private static String instrumentFilter(Filter f, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (f.venue() != null) {
            sql.append(" AND i.venue = ?");
            params.add(f.venue());
        }
        if (f.symbol() != null) {
            sql.append(" AND (i.venue_symbol = ? OR i.symbol = ?)");
            params.add(f.symbol());
            params.add(f.symbol());
        }
        return sql.toString();
    }

    private static String timeFilter(Filter f, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (f.from() != null) {
            sql.append(" AND t.ts >= ?");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND t.ts < ?");
            params.add(Timestamp.from(f.to()));
        }
        return sql.toString();
    }

    private List<MarketEvent> query(String sql, List<Object> params, EventTable<?> table) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            List<MarketEvent> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(table.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private <T> T scalar(String sql, Class<T> type) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1, type) : null;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
