package io.basis.store;

import io.basis.model.EventType;
import io.basis.model.OptionTicker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves closed hours of option quotes from the row tier ({@code option_ticker}) into the block tier
 * ({@code option_quote_block}, one {@link OptionQuoteBlock} per instrument and hour); see the V3 migration.
 *
 * <p>Each group of instruments of one hour is one transaction: the rows are deleted ({@code DELETE ... RETURNING},
 * so a row committed concurrently is either moved or left for the next run, never lost), merged into the existing
 * block of that hour if there is one (a late quote), and the block is upserted. On the same venue time the quote
 * already in the block wins, as the first write wins in {@code option_ticker}; such duplicates are taken off
 * {@code stored_rows}, so it keeps counting distinct stored quotes. A crash leaves every group either moved or
 * untouched, and a run repeats nothing that is done. Day partitions emptied this way are dropped (no dead rows or
 * index pages stay behind). One compaction at a time; thread-safe.
 */
public final class OptionQuoteCompactor {
    private static final Logger log = LoggerFactory.getLogger(OptionQuoteCompactor.class);
    /** The period of one block. */
    public static final Duration PERIOD = Duration.ofHours(1);
    /** Rows moved per transaction (about 40 MB of quotes in memory at most). */
    static final int ROWS_PER_TRANSACTION = 50_000;

    /** What one run did. */
    public record Result(int hours, int blocks, long quotes, long duplicates, Set<String> droppedPartitions) {
    }

    private final DataSource dataSource;
    private final PartitionManager partitions;
    private final EventTable<OptionTicker> table = EventTables.of(EventType.OPTION_TICKER);

    public OptionQuoteCompactor(DataSource dataSource, PartitionManager partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    /** Compacts every hour that ends at or before {@code cutoff}, then drops day partitions left empty. */
    public synchronized Result compact(Instant cutoff) throws SQLException {
        Instant limit = cutoff.truncatedTo(ChronoUnit.HOURS);
        int hours = 0;
        int blocks = 0;
        long quotes = 0;
        long duplicates = 0;
        Instant previous = null;
        for (Instant oldest = oldestRowBefore(limit); oldest != null; oldest = oldestRowBefore(limit)) {
            Instant hour = oldest.truncatedTo(ChronoUnit.HOURS);
            long moved = 0;
            for (List<Integer> group : groups(hour)) {
                long[] r = compactGroup(group, hour);
                blocks += (int) r[0];
                moved += r[1];
                duplicates += r[2];
            }
            if (moved == 0 && hour.equals(previous)) {
                log.warn("option quote compaction: no progress on the hour {}; retrying next run", hour);
                break;
            }
            quotes += moved;
            hours++;
            previous = hour;
        }
        Set<String> dropped = partitions.dropEmpty(table, limit);
        if (quotes > 0) {
            log.debug("compacted {} option quotes of {} hours into {} blocks; dropped {}", quotes, hours, blocks,
                    dropped);
        }
        return new Result(hours, blocks, quotes, duplicates, dropped);
    }

    /** Deletes the blocks of days that end at or before {@code now - keep}, as retention drops day partitions. */
    public int dropExpired(Instant now, Duration keep) throws SQLException {
        if (keep == null || keep.isZero() || keep.isNegative()) {
            return 0;
        }
        Instant dayStart = now.minus(keep).truncatedTo(ChronoUnit.DAYS);
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("DELETE FROM option_quote_block WHERE period_start < ?")) {
            c.setAutoCommit(true);
            p.setObject(1, at(dayStart));
            return p.executeUpdate();
        }
    }

    private Instant oldestRowBefore(Instant limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT min(ts) FROM option_ticker WHERE ts < ?")) {
            p.setObject(1, at(limit));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        }
    }

    /** The instruments with rows in the hour, in groups of at most {@link #ROWS_PER_TRANSACTION} rows. */
    private List<List<Integer>> groups(Instant hour) throws SQLException {
        List<List<Integer>> groups = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT instrument_id, count(*) FROM option_ticker"
                     + " WHERE ts >= ? AND ts < ? GROUP BY instrument_id ORDER BY instrument_id")) {
            p.setObject(1, at(hour));
            p.setObject(2, at(hour.plus(PERIOD)));
            try (ResultSet rs = p.executeQuery()) {
                List<Integer> group = new ArrayList<>();
                long rows = 0;
                while (rs.next()) {
                    long n = rs.getLong(2);
                    if (!group.isEmpty() && rows + n > ROWS_PER_TRANSACTION) {
                        groups.add(group);
                        group = new ArrayList<>();
                        rows = 0;
                    }
                    group.add(rs.getInt(1));
                    rows += n;
                }
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** @return {blocks written, rows moved, duplicates of quotes already in a block} */
    private long[] compactGroup(List<Integer> ids, Instant hour) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Array idArray = c.createArrayOf("integer", ids.toArray());
                Map<Integer, TreeMap<Instant, OptionTicker>> quotes = new HashMap<>();
                long moved = takeRows(c, idArray, hour, quotes);
                long duplicates = mergeExistingBlocks(c, idArray, hour, quotes);
                int blocks = upsertBlocks(c, hour, quotes);
                if (duplicates > 0) {
                    try (PreparedStatement p = c.prepareStatement(
                            "UPDATE stored_rows SET rows = rows - ? WHERE event_type = ?")) {
                        p.setLong(1, duplicates);
                        p.setString(2, EventType.OPTION_TICKER.id());
                        p.executeUpdate();
                    }
                }
                c.commit();
                return new long[]{blocks, moved, duplicates};
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long takeRows(Connection c, Array ids, Instant hour, Map<Integer, TreeMap<Instant, OptionTicker>> quotes)
            throws SQLException {
        long n = 0;
        try (PreparedStatement p = c.prepareStatement("DELETE FROM option_ticker t WHERE t.instrument_id = ANY (?)"
                + " AND t.ts >= ? AND t.ts < ? RETURNING t.*, ''::text AS venue, ''::text AS venue_symbol")) {
            p.setArray(1, ids);
            p.setObject(2, at(hour));
            p.setObject(3, at(hour.plus(PERIOD)));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    OptionTicker q = table.read(rs);
                    quotes.computeIfAbsent(rs.getInt("instrument_id"), k -> new TreeMap<>()).put(q.venueTime(), q);
                    n++;
                }
            }
        }
        return n;
    }

    /** Puts the quotes of existing blocks over the rows; returns how many rows they replaced. */
    private static long mergeExistingBlocks(Connection c, Array ids, Instant hour,
                                            Map<Integer, TreeMap<Instant, OptionTicker>> quotes) throws SQLException {
        long duplicates = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT instrument_id, data FROM option_quote_block"
                + " WHERE instrument_id = ANY (?) AND period_start = ? FOR UPDATE")) {
            p.setArray(1, ids);
            p.setObject(2, at(hour));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    TreeMap<Instant, OptionTicker> merged = quotes.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>());
                    for (OptionTicker q : OptionQuoteBlock.decode(rs.getBytes(2)).quotes("", "")) {
                        if (merged.put(q.venueTime(), q) != null) {
                            duplicates++;
                        }
                    }
                }
            }
        }
        return duplicates;
    }

    private static int upsertBlocks(Connection c, Instant hour, Map<Integer, TreeMap<Instant, OptionTicker>> quotes)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO option_quote_block"
                + " (instrument_id, period_start, first_ts, last_ts, quotes, data) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (instrument_id, period_start) DO UPDATE SET first_ts = excluded.first_ts,"
                + " last_ts = excluded.last_ts, quotes = excluded.quotes, data = excluded.data")) {
            for (Map.Entry<Integer, TreeMap<Instant, OptionTicker>> e : quotes.entrySet()) {
                TreeMap<Instant, OptionTicker> q = e.getValue();
                p.setInt(1, e.getKey());
                p.setObject(2, at(hour));
                p.setObject(3, at(q.firstKey()));
                p.setObject(4, at(q.lastKey()));
                p.setInt(5, q.size());
                p.setBytes(6, OptionQuoteBlock.encode(new ArrayList<>(q.values())));
                p.addBatch();
            }
            p.executeBatch();
        }
        return quotes.size();
    }

    static OffsetDateTime at(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
