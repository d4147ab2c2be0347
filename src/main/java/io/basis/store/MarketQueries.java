package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.MarketEvent;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read side of the market endpoints (funding, open interest, volatility index, option instruments): what
 * {@link EventQueries} does not answer — newest per instrument filtered by currency and kind, instruments by key,
 * existence checks that tell an unknown name from an empty result, and OHLC buckets computed in the database.
 * Every query starts from the small instrument table ({@code (venue, venue_symbol)} unique index) and reads events
 * per instrument through the natural-key index {@code (instrument_id, ts)}; time bounds prune partitions. SQL text
 * is assembled only from fixed fragments; values are always parameters. Thread-safe.
 */
public final class MarketQueries {
    /**
     * Optional filters of a newest-per-instrument read.
     *
     * @param symbol   venue symbol or normalized symbol
     * @param currency base asset, e.g. BTC
     */
    public record Scope(String venue, String symbol, String currency, InstrumentKind kind) {
    }

    /** One OHLC bucket of a value series: {@code start} is the bucket's start, {@code samples} the values in it. */
    public record Bucket(Instant start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                         long samples) {
    }

    private final DataSource dataSource;

    public MarketQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The newest event of each instrument in scope, by venue and venue symbol. The stream watermark names the
     * instruments that have events of the type and bounds each lookup to the last month of partitions.
     */
    public List<MarketEvent> latest(EventType type, Scope scope, int limit) {
        EventTable<?> table = EventTables.of(type);
        List<Object> params = new ArrayList<>();
        params.add(type.id());
        String sql = "SELECT t.*, i.venue, i.venue_symbol FROM stream_watermark w"
                + " JOIN instrument i ON i.id = w.instrument_id"
                + " CROSS JOIN LATERAL (SELECT t." + String.join(", t.", table.columns()) + " FROM " + table.table()
                + " t WHERE t.instrument_id = w.instrument_id AND t.ts >= w.newest_ts - interval '31 days'"
                + " ORDER BY t.ts DESC LIMIT 1) t"
                + " WHERE w.event_type = ?" + scopeFilter(scope, params)
                + " ORDER BY i.venue, i.venue_symbol LIMIT ?";
        params.add(limit);
        return query(sql, params, rs -> table.read(rs));
    }

    /** The listed instruments among {@code keys} (bare rows without a listing are left out), by key. */
    public Map<InstrumentIds.Key, Instrument> instruments(Collection<InstrumentIds.Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT i.* FROM unnest(?::text[], ?::text[]) AS k(venue, symbol)"
                + " JOIN instrument i ON i.venue = k.venue AND i.venue_symbol = k.symbol WHERE i.kind IS NOT NULL";
        List<Object> params = List.of(keys.stream().map(InstrumentIds.Key::venue).toArray(String[]::new),
                keys.stream().map(InstrumentIds.Key::symbol).toArray(String[]::new));
        EventTable<Instrument> table = EventTables.of(EventType.INSTRUMENT);
        Map<InstrumentIds.Key, Instrument> out = new LinkedHashMap<>();
        for (Instrument i : query(sql, params, table::read)) {
            out.put(new InstrumentIds.Key(i.venue(), i.symbol()), i);
        }
        return out;
    }

    /**
     * Options of {@code venue} on base asset {@code currency} that have not expired at {@code aliveAt}, by expiry,
     * strike, then calls before puts.
     */
    public List<Instrument> options(String venue, String currency, Instant aliveAt) {
        String sql = "SELECT i.* FROM instrument i WHERE i.venue = ? AND i.base = ? AND i.kind = 'OPTION'"
                + " AND i.expiry > ? ORDER BY i.expiry, i.strike, i.option_type, i.venue_symbol";
        EventTable<Instrument> table = EventTables.of(EventType.INSTRUMENT);
        return query(sql, List.of(venue, currency, Timestamp.from(aliveAt)), table::read);
    }

    /** True when any instrument row of the venue exists (listed or only seen in events). */
    public boolean venueExists(String venue) {
        return exists("SELECT 1 FROM instrument WHERE venue = ? LIMIT 1", List.of(venue));
    }

    /** True when an instrument matches the venue symbol or normalized symbol, on {@code venue} unless it is null. */
    public boolean symbolExists(String venue, String symbol) {
        if (venue == null) {
            return exists("SELECT 1 FROM instrument WHERE venue_symbol = ? OR symbol = ? LIMIT 1",
                    List.of(symbol, symbol));
        }
        return exists("SELECT 1 FROM instrument WHERE venue = ? AND (venue_symbol = ? OR symbol = ?) LIMIT 1",
                List.of(venue, symbol, symbol));
    }

    /** True when a listed instrument of the venue (any venue when null) has base asset {@code currency}. */
    public boolean currencyExists(String venue, String currency) {
        if (venue == null) {
            return exists("SELECT 1 FROM instrument WHERE base = ? LIMIT 1", List.of(currency));
        }
        return exists("SELECT 1 FROM instrument WHERE venue = ? AND base = ? LIMIT 1", List.of(venue, currency));
    }

    /** True when the exact (venue, venue symbol) row exists, listed or not. */
    public boolean instrumentExists(String venue, String venueSymbol) {
        return exists("SELECT 1 FROM instrument WHERE venue = ? AND venue_symbol = ?", List.of(venue, venueSymbol));
    }

    /**
     * Volatility-index values of one instrument in [from, to) aggregated into buckets of {@code interval} aligned
     * on the Unix epoch (UTC): first, highest, lowest and last value by venue time. Buckets without values are
     * absent. First and last come from the minimum and maximum of {@code [epoch, value]} arrays, so the buckets
     * aggregate in one hash pass without sorting the rows.
     */
    public List<Bucket> volatilityBuckets(String venue, String venueSymbol, Instant from, Instant to,
                                          Duration interval) {
        List<Integer> id = query("SELECT id FROM instrument WHERE venue = ? AND venue_symbol = ?",
                List.of(venue, venueSymbol), rs -> rs.getInt(1));
        if (id.isEmpty()) {
            return List.of();
        }
        // A constant instrument id (not a join) lets the planner estimate the rows and aggregate by hash.
        String sql = "SELECT date_bin(make_interval(secs => ?), t.ts, timestamptz '1970-01-01 00:00:00+00') AS b,"
                + " (min(ARRAY[extract(epoch FROM t.ts), t.value]))[2] AS open, max(t.value) AS high,"
                + " min(t.value) AS low, (max(ARRAY[extract(epoch FROM t.ts), t.value]))[2] AS close,"
                + " count(*) AS samples FROM volatility_index t WHERE t.instrument_id = ? AND t.ts >= ? AND t.ts < ?"
                + " GROUP BY b ORDER BY b";
        List<Object> params = List.of((double) interval.toSeconds(), id.getFirst(), Timestamp.from(from),
                Timestamp.from(to));
        return query(sql, params, rs -> new Bucket(rs.getTimestamp("b").toInstant(), rs.getBigDecimal("open"),
                rs.getBigDecimal("high"), rs.getBigDecimal("low"), rs.getBigDecimal("close"), rs.getLong("samples")));
    }

    private static String scopeFilter(Scope s, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (s.venue() != null) {
            sql.append(" AND i.venue = ?");
            params.add(s.venue());
        }
        if (s.symbol() != null) {
            sql.append(" AND (i.venue_symbol = ? OR i.symbol = ?)");
            params.add(s.symbol());
            params.add(s.symbol());
        }
        if (s.currency() != null) {
            sql.append(" AND i.base = ?");
            params.add(s.currency());
        }
        if (s.kind() != null) {
            sql.append(" AND i.kind = ?");
            params.add(s.kind().name());
        }
        return sql.toString();
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> params, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            bind(c, p, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private boolean exists(String sql, List<Object> params) {
        return !query(sql, params, rs -> Boolean.TRUE).isEmpty();
    }

    private static void bind(Connection c, PreparedStatement p, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof String[] texts) {
                p.setArray(i + 1, c.createArrayOf("text", texts));
            } else {
                p.setObject(i + 1, v);
            }
        }
    }
}
