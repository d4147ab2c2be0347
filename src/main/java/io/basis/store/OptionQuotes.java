package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.OptionTicker;

import javax.sql.DataSource;
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
 * Option quotes for the chain and surface endpoints: the newest quote of many options at one instant, and the
 * history of one option. Every lookup is an index probe per instrument, so the cost follows the number of symbols,
 * not the history. Thread-safe.
 */
public final class OptionQuotes {
    /** How far back {@link #latest(String, Collection, Instant)} looks for a quote. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(1);

    private final DataSource dataSource;
    private final EventTable<OptionTicker> table = EventTables.of(EventType.OPTION_TICKER);

    public OptionQuotes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@link #latest(String, Collection, Instant, Duration)} with {@link #DEFAULT_LOOKBACK}. */
    public Map<String, OptionTicker> latest(String venue, Collection<String> symbols, Instant asOf) {
        return latest(venue, symbols, asOf, DEFAULT_LOOKBACK);
    }

    /**
     * For each symbol (venue symbol, e.g. {@code BTC-27DEC26-100000-C}), the newest stored quote with
     * {@code asOf - lookback < venueTime <= asOf}. Symbols without such a quote are absent from the map; the map
     * iterates in the order of {@code symbols}.
     */
    public Map<String, OptionTicker> latest(String venue, Collection<String> symbols, Instant asOf, Duration lookback) {
        Map<String, OptionTicker> out = new LinkedHashMap<>();
        if (symbols.isEmpty()) {
            return out;
        }
        String sql = "SELECT t.*, i.venue, i.venue_symbol FROM instrument i CROSS JOIN LATERAL (SELECT "
                + columns() + " FROM option_ticker t WHERE t.instrument_id = i.id AND t.ts <= ? AND t.ts > ?"
                + " ORDER BY t.ts DESC LIMIT 1) t WHERE i.venue = ? AND i.venue_symbol = ANY (?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setTimestamp(1, Timestamp.from(asOf));
            p.setTimestamp(2, Timestamp.from(asOf.minus(lookback)));
            p.setString(3, venue);
            p.setArray(4, c.createArrayOf("text", symbols.toArray()));
            Map<String, OptionTicker> found = new LinkedHashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    OptionTicker q = table.read(rs);
                    found.put(q.symbol(), q);
                }
            }
            for (String s : symbols) {
                OptionTicker q = found.get(s);
                if (q != null) {
                    out.put(s, q);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Quotes of one option with {@code from <= venueTime < to}, oldest first, at most the {@code limit} newest. */
    public List<OptionTicker> range(String venue, String symbol, Instant from, Instant to, int limit) {
        String sql = "SELECT t.*, i.venue, i.venue_symbol FROM instrument i CROSS JOIN LATERAL (SELECT "
                + columns() + " FROM option_ticker t WHERE t.instrument_id = i.id AND t.ts >= ? AND t.ts < ?"
                + " ORDER BY t.ts DESC LIMIT ?) t WHERE i.venue = ? AND i.venue_symbol = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setTimestamp(1, Timestamp.from(from));
            p.setTimestamp(2, Timestamp.from(to));
            p.setInt(3, limit);
            p.setString(4, venue);
            p.setString(5, symbol);
            List<OptionTicker> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(table.read(rs));
                }
            }
            return out.reversed();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private String columns() {
        return "t." + String.join(", t.", table.columns());
    }
}
