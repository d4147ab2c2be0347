package io.basis.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps (venue, venue symbol) to the integer id that event rows carry, creating a bare instrument row for a symbol
 * seen before its listing. Ids are cached forever: rows are never deleted while Basis runs. Thread-safe.
 */
public final class InstrumentIds {
    public record Key(String venue, String symbol) {
    }

    private final DataSource dataSource;
    private final Map<Key, Integer> cache = new ConcurrentHashMap<>();

    public InstrumentIds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Integer cached(Key key) {
        return cache.get(key);
    }

    /** Ensures every key has an id (one round trip for all missing keys) and returns the complete mapping. */
    public Map<Key, Integer> resolve(Collection<Key> keys) throws SQLException {
        List<Key> missing = new ArrayList<>();
        for (Key k : keys) {
            if (!cache.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            load(missing);
        }
        return cache;
    }

    private void load(List<Key> missing) throws SQLException {
        String[] venues = missing.stream().map(Key::venue).toArray(String[]::new);
        String[] symbols = missing.stream().map(Key::symbol).toArray(String[]::new);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO instrument (venue, venue_symbol) SELECT * FROM unnest(?::text[], ?::text[])"
                            + " ON CONFLICT (venue, venue_symbol) DO NOTHING")) {
                insert.setArray(1, c.createArrayOf("text", venues));
                insert.setArray(2, c.createArrayOf("text", symbols));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT i.id, i.venue, i.venue_symbol FROM instrument i"
                            + " JOIN unnest(?::text[], ?::text[]) AS k(venue, symbol)"
                            + " ON i.venue = k.venue AND i.venue_symbol = k.symbol")) {
                select.setArray(1, c.createArrayOf("text", venues));
                select.setArray(2, c.createArrayOf("text", symbols));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        cache.put(new Key(rs.getString(2), rs.getString(3)), rs.getInt(1));
                    }
                }
            }
        }
    }

    /** Forgets every id; only for tests and tools that empty the instrument table. */
    public void invalidate() {
        cache.clear();
    }
}
