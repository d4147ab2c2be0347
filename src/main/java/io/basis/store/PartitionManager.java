package io.basis.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Native time partitions: created on demand before a batch lands in a period that has none (so old captures and
 * backfills always have a home), created ahead for the coming days, and dropped once wholly past retention.
 * Does nothing for tables that are not natively partitioned (TimescaleDB hypertables). Thread-safe.
 *
 * <p>A batch writer holds {@link #writing()} from creating its partitions to its commit; dropping a partition takes
 * the exclusive side, so a batch never meets a partition dropped after it was ensured. Lock order: that lock, then
 * this object's monitor.
 */
public final class PartitionManager {
    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private static final Duration DROP_LOCK_TIMEOUT = Duration.ofSeconds(2);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;
    private final Set<String> partitionedTables = new HashSet<>();
    private final Set<String> knownPartitions = new HashSet<>();
    private final ReadWriteLock dropLock = new ReentrantReadWriteLock();

    public PartitionManager(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public synchronized void load() throws SQLException {
        partitionedTables.clear();
        knownPartitions.clear();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_partitioned_table p"
                    + " JOIN pg_class c ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = current_schema()")) {
                while (rs.next()) {
                    partitionedTables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT child.relname FROM pg_inherits i"
                    + " JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent"
                    + " JOIN pg_partitioned_table p ON p.partrelid = parent.oid")) {
                while (rs.next()) {
                    knownPartitions.add(rs.getString(1));
                }
            }
        }
    }

    /** Held (shared) while a batch ensures its partitions and writes into them; drops wait for it. */
    public Lock writing() {
        return dropLock.readLock();
    }

    public synchronized boolean isNativelyPartitioned(String table) {
        return partitionedTables.contains(table);
    }

    /** Makes sure the partition holding each instant exists. */
    public void ensure(EventTable<?> table, Iterable<Instant> instants) throws SQLException {
        PartitionSpan span = table.partitionSpan();
        if (span == null || !isNativelyPartitioned(table.table())) {
            return;
        }
        Set<LocalDate> starts = new HashSet<>();
        for (Instant t : instants) {
            starts.add(span.start(t));
        }
        for (LocalDate start : starts) {
            ensure(table.table(), span, start);
        }
    }

    private synchronized void ensure(String table, PartitionSpan span, LocalDate start) throws SQLException {
        String name = span.partitionName(table, start);
        if (knownPartitions.contains(name)) {
            return;
        }
        String sql = "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ('"
                + start + " 00:00:00+00') TO ('" + span.next(start) + " 00:00:00+00')";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
        knownPartitions.add(name);
        log.debug("created partition {}", name);
    }

    /** Creates the partitions of every time-series table from the current period to {@code ahead} from now. */
    public void createAhead(Instant now, Duration ahead) throws SQLException {
        for (EventTable<?> table : EventTables.timeSeries()) {
            PartitionSpan span = table.partitionSpan();
            if (!isNativelyPartitioned(table.table())) {
                continue;
            }
            LocalDate end = span.start(now.plus(ahead));
            for (LocalDate d = span.start(now); !d.isAfter(end); d = span.next(d)) {
                ensure(table.table(), span, d);
            }
        }
    }

    /**
     * Drops partitions that end at or before {@code now - retention} for each table with a positive retention.
     *
     * @return the names of the dropped partitions
     */
    public Set<String> dropExpired(Instant now, Map<String, Duration> retention) throws SQLException {
        dropLock.writeLock().lock();
        try {
            synchronized (this) {
                Set<String> dropped = new HashSet<>();
                for (EventTable<?> table : EventTables.timeSeries()) {
                    Duration keep = retention.get(table.table());
                    if (keep == null || keep.isZero() || keep.isNegative() || !isNativelyPartitioned(table.table())) {
                        continue;
                    }
                    for (String name : partitionsEndingBy(table, now.minus(keep))) {
                        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                            s.execute("DROP TABLE IF EXISTS " + name);
                        }
                        knownPartitions.remove(name);
                        dropped.add(name);
                        log.info("retention: dropped partition {} (older than {})", name, keep);
                    }
                }
                return dropped;
            }
        } finally {
            dropLock.writeLock().unlock();
        }
    }

    /**
     * Drops the partitions of {@code table} that end at or before {@code cutoff} and hold no row (e.g. emptied by
     * compaction). A partition that still has rows stays. A later write into that period creates it again.
     *
     * @return the names of the dropped partitions
     */
    public Set<String> dropEmpty(EventTable<?> table, Instant cutoff) throws SQLException {
        if (!isNativelyPartitioned(table.table())) {
            return Set.of();
        }
        dropLock.writeLock().lock();
        try {
            synchronized (this) {
                Set<String> dropped = new HashSet<>();
                for (String name : partitionsEndingBy(table, cutoff)) {
                    if (dropIfEmpty(name)) {
                        knownPartitions.remove(name);
                        dropped.add(name);
                        log.debug("dropped empty partition {}", name);
                    }
                }
                return dropped;
            }
        } finally {
            dropLock.writeLock().unlock();
        }
    }

    /**
     * Drops the partition if it has no row. Waits at most {@link #DROP_LOCK_TIMEOUT} for readers of the table (the
     * drop locks the parent too, and batches wait meanwhile); if they take longer the partition stays until the
     * next call.
     */
    private boolean dropIfEmpty(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("SET LOCAL lock_timeout = '" + DROP_LOCK_TIMEOUT.toMillis() + "ms'");
                s.execute("LOCK TABLE " + name + " IN ACCESS EXCLUSIVE MODE");
                boolean empty;
                try (ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + name + ")")) {
                    rs.next();
                    empty = rs.getBoolean(1);
                }
                if (empty) {
                    s.execute("DROP TABLE " + name);
                }
                c.commit();
                return empty;
            } catch (SQLException e) {
                c.rollback();
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    log.debug("partition {} busy, not dropped this time", name);
                    return false;
                }
                throw e;
            }
        }
    }

    private Set<String> partitionsEndingBy(EventTable<?> table, Instant cutoff) {
        Set<String> out = new TreeSet<>();
        for (String name : knownPartitions) {
            LocalDate start = startOf(table.table(), table.partitionSpan(), name);
            if (start != null
                    && !table.partitionSpan().next(start).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
                out.add(name);
            }
        }
        return out;
    }

    private static LocalDate startOf(String table, PartitionSpan span, String partition) {
        String prefix = table + "_p";
        if (!partition.startsWith(prefix)) {
            return null;
        }
        String suffix = partition.substring(prefix.length());
        if (!suffix.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return span == PartitionSpan.DAY ? LocalDate.parse(suffix, DAY)
                    : suffix.length() == 6 ? LocalDate.parse(suffix + "01", DAY) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
