package io.basis.store;

import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Option quotes for the chain and surface endpoints and for {@link EventQueries}: the newest quote of many options
 * at one instant, and the history of one option, over both storage tiers (rows of the current hours, blocks of
 * compacted hours; see {@link OptionQuoteReader}). Every lookup is an index probe per instrument, so the cost
 * follows the number of symbols, not the history. Thread-safe.
 */
public final class OptionQuotes {
    /** How far back {@link #latest(String, Collection, Instant)} looks for a quote. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(1);
    /** {@link EventQueries#latest} looks this far behind the stream watermark, as for the other types. */
    private static final Duration WATERMARK_LOOKBACK = Duration.ofDays(31);

    private final DataSource dataSource;
    private final OptionQuoteReader reader = new OptionQuoteReader();

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
        try (Connection c = dataSource.getConnection()) {
            Map<String, OptionQuoteReader.Instrument> known = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, venue, venue_symbol FROM instrument"
                    + " WHERE venue = ? AND venue_symbol = ANY (?)")) {
                p.setString(1, venue);
                p.setArray(2, c.createArrayOf("text", symbols.toArray()));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        known.put(rs.getString(3), new OptionQuoteReader.Instrument(rs.getInt(1), rs.getString(2),
                                rs.getString(3)));
                    }
                }
            }
            List<OptionQuoteReader.Probe> probes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String s : new LinkedHashSet<>(symbols)) {
                OptionQuoteReader.Instrument i = known.get(s);
                if (i != null) {
                    probes.add(new OptionQuoteReader.Probe(i, asOf, asOf.minus(lookback)));
                    names.add(s);
                }
            }
            if (probes.isEmpty()) {
                return out;
            }
            Map<Integer, OptionTicker> found = reader.newest(c, probes);
            for (int i = 0; i < names.size(); i++) {
                OptionTicker q = found.get(i);
                if (q != null) {
                    out.put(names.get(i), q);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Quotes of one option with {@code from <= venueTime < to}, oldest first, at most the {@code limit} newest. */
    public List<OptionTicker> range(String venue, String symbol, Instant from, Instant to, int limit) {
        try (Connection c = dataSource.getConnection()) {
            List<OptionTicker> out = new ArrayList<>();
            for (OptionQuoteReader.Instrument i : instruments(c, venue, symbol, false)) {
                out.addAll(reader.history(c, i, from, to, limit, true));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** {@link EventQueries#range} for option quotes: oldest first, at most {@code limit}. */
    List<MarketEvent> events(EventQueries.Filter f) {
        Instant from = f.from() == null ? OptionQuoteReader.EARLIEST : f.from();
        Instant to = f.to() == null ? OptionQuoteReader.LATEST : f.to();
        try (Connection c = dataSource.getConnection()) {
            List<OptionQuoteReader.Tagged> quotes = new ArrayList<>();
            if (f.symbol() == null) {
                quotes.addAll(reader.across(c, f.venue(), from, to, f.limit()));
            } else {
                for (OptionQuoteReader.Instrument i : instruments(c, f.venue(), f.symbol(), true)) {
                    for (OptionTicker q : reader.history(c, i, from, to, f.limit(), false)) {
                        quotes.add(new OptionQuoteReader.Tagged(i.id(), q));
                    }
                }
                quotes.sort(OptionQuoteReader.Tagged.TIME_ORDER);
            }
            return new ArrayList<>(quotes.stream().limit(f.limit()).map(t -> (MarketEvent) t.quote()).toList());
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** {@link EventQueries#latest} for option quotes: the newest quote of each instrument with a watermark. */
    List<MarketEvent> latestEvents(EventQueries.Filter f) {
        StringBuilder sql = new StringBuilder("SELECT i.id, i.venue, i.venue_symbol, w.newest_ts FROM stream_watermark w"
                + " JOIN instrument i ON i.id = w.instrument_id WHERE w.event_type = 'option-ticker'");
        List<Object> params = new ArrayList<>();
        if (f.venue() != null) {
            sql.append(" AND i.venue = ?");
            params.add(f.venue());
        }
        if (f.symbol() != null) {
            sql.append(" AND (i.venue_symbol = ? OR i.symbol = ?)");
            params.add(f.symbol());
            params.add(f.symbol());
        }
        sql.append(" ORDER BY i.venue, i.venue_symbol LIMIT ?");
        params.add(f.limit());
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int k = 0; k < params.size(); k++) {
                p.setObject(k + 1, params.get(k));
            }
            List<OptionQuoteReader.Probe> probes = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Instant newest = rs.getObject(4, OffsetDateTime.class).toInstant();
                    probes.add(new OptionQuoteReader.Probe(new OptionQuoteReader.Instrument(rs.getInt(1),
                            rs.getString(2), rs.getString(3)), OptionQuoteReader.LATEST,
                            newest.minus(WATERMARK_LOOKBACK)));
                }
            }
            List<MarketEvent> out = new ArrayList<>();
            if (probes.isEmpty()) {
                return out;
            }
            Map<Integer, OptionTicker> found = reader.newest(c, probes);
            for (int k = 0; k < probes.size(); k++) {
                if (found.containsKey(k)) {
                    out.add(found.get(k));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Stored quotes in both tiers; a full count, meant for tests and tools. */
    long count() {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT (SELECT count(*) FROM option_ticker) + (SELECT coalesce(sum(quotes), 0) FROM option_quote_block)");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static List<OptionQuoteReader.Instrument> instruments(Connection c, String venue, String symbol,
                                                                  boolean orNormalized) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, venue, venue_symbol FROM instrument WHERE true");
        List<Object> params = new ArrayList<>();
        if (venue != null) {
            sql.append(" AND venue = ?");
            params.add(venue);
        }
        sql.append(orNormalized ? " AND (venue_symbol = ? OR symbol = ?)" : " AND venue_symbol = ?");
        params.add(symbol);
        if (orNormalized) {
            params.add(symbol);
        }
        try (PreparedStatement p = c.prepareStatement(sql + " ORDER BY id")) {
            for (int k = 0; k < params.size(); k++) {
                p.setObject(k + 1, params.get(k));
            }
            List<OptionQuoteReader.Instrument> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new OptionQuoteReader.Instrument(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        }
    }
}
