package io.basis.bench;

import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.CopyRow;
import io.basis.store.EventTable;
import io.basis.store.EventTables;
import io.basis.store.InstrumentIds;
import io.basis.store.StreamWatermarks;
import io.basis.store.PartitionManager;

import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the history of {@code bench query} as fast as PostgreSQL takes it, without the writer: listings into the
 * instrument table, partitions for every day (and the week ahead, as the service keeps them), then the
 * {@link QueryDataset} with {@link RawCopy} (one generator thread feeding one COPY connection, one transaction per
 * chunk, in time order as the writer appends). Afterwards the bookkeeping the writer keeps: {@code stream_watermark}
 * (newest venue and receive time per instrument x event type, the writer's semantics) and {@code stored_rows}; then
 * what autovacuum would do to insert-only partitions: VACUUM (ANALYZE) of every leaf partition (autovacuum never
 * analyzes the partitioned parents).
 */
final class QueryLoader {
    /** The event tables the history fills. */
    static final List<EventType> TYPES = List.of(EventType.TRADE, EventType.MARK_PRICE, EventType.CANDLE,
            EventType.FUNDING_RATE);


    /** What the load did: rows per type, the COPY timings, the time of the bookkeeping and the VACUUM/ANALYZE. */
    record Loaded(Map<EventType, Long> rows, RawCopy.Result copy, double wallSeconds, int streams,
                  double bookkeepingSeconds, double analyzeSeconds, int partitions) {
        long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final BenchDatabase db;
    private final DataSource ds;
    private final QueryOptions o;
    private final BenchInstruments universe;
    private final Instant end;
    private final InstrumentIds ids;

    QueryLoader(BenchDatabase db, QueryOptions o, BenchInstruments universe, Instant end) {
        this.db = db;
        this.ds = db.dataSource();
        this.o = o;
        this.universe = universe;
        this.end = end;
        this.ids = new InstrumentIds(ds);
    }

    Loaded load(QueryDataset dataset) throws Exception {
        long t0 = System.nanoTime();
        listInstruments();
        int partitions = createPartitions();
        StreamWatermarks watermarks = new StreamWatermarks(0);
        Map<EventType, Long> rows = new EnumMap<>(EventType.class);
        ChunkPipe pipe = new ChunkPipe(o.batch(), dataset, e -> {
            watermarks.observe(e, ids.cached(new InstrumentIds.Key(e.venue(), e.symbol())));
            rows.merge(e.type(), 1L, Long::sum);
        });
        RawCopy.Result copy;
        try {
            copy = RawCopy.load(ds, ids, pipe.start(), o.batch());
        } finally {
            pipe.close();
        }
        double wall = BenchCli.seconds(System.nanoTime() - t0);
        long b0 = System.nanoTime();
        int streams = watermarks.size();
        writeWatermarks(watermarks);
        writeStoredRows(rows);
        double bookkeeping = BenchCli.seconds(System.nanoTime() - b0);
        long a0 = System.nanoTime();
        analyze();
        return new Loaded(rows, copy, wall, streams, bookkeeping, BenchCli.seconds(System.nanoTime() - a0),
                partitions);
    }

    /** Listings of every instrument, so ids exist before the COPY and the instrument queries find metadata. */
    private void listInstruments() throws SQLException {
        Instant listed = end.minus(Duration.ofDays(o.days() + 1L));
        List<InstrumentIds.Key> keys = new ArrayList<>();
        List<MarketEvent> listings = new ArrayList<>();
        for (Inst inst : universe.all()) {
            listings.add(BenchListings.listing(inst, listed));
            keys.add(new InstrumentIds.Key(inst.venue(), inst.symbol()));
        }
        EventTable<MarketEvent> table = EventTables.of(EventType.INSTRUMENT);
        CopyRow text = new CopyRow(listings.size() * 200);
        for (MarketEvent listing : listings) {
            table.appendRow(listing, 0, text);
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY instrument (" + String.join(", ", table.columns())
                    + ") FROM STDIN", new ByteArrayInputStream(text.toBytes()));
        } catch (IOException e) {
            throw new SQLException("COPY of the listings failed: " + e.getMessage(), e);
        }
        ids.resolve(keys);
    }

    /** Partitions of the history for the loaded tables, and of the coming week for all tables (as the service). */
    private int createPartitions() throws SQLException {
        PartitionManager partitions = new PartitionManager(ds);
        partitions.load();
        partitions.createAhead(end, Duration.ofDays(7));
        Instant start = end.minus(Duration.ofDays(o.days()));
        for (EventType type : TYPES) {
            List<Instant> days = new ArrayList<>();
            for (Instant d = start; !d.isAfter(end.plus(Duration.ofDays(1))); d = d.plus(Duration.ofDays(1))) {
                days.add(d);
            }
            partitions.ensure(EventTables.of(type), days);
        }
        int n = 0;
        for (EventTable<?> t : EventTables.timeSeries()) {
            n += leafPartitions(t.table()).size();
        }
        return n;
    }

    /** The writer's own watermark upsert, all streams at once. */
    private void writeWatermarks(StreamWatermarks watermarks) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            watermarks.write(c);
            watermarks.flushed();
        }
    }

    private void writeStoredRows(Map<EventType, Long> rows) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO stored_rows (event_type, rows) VALUES (?, ?)"
                        + " ON CONFLICT (event_type) DO UPDATE SET rows = stored_rows.rows + excluded.rows")) {
            c.setAutoCommit(true);
            for (Map.Entry<EventType, Long> e : rows.entrySet()) {
                p.setString(1, e.getKey().id());
                p.setLong(2, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** What autovacuum does to insert-only tables: every leaf partition and the small tables, one by one. */
    private void analyze() throws SQLException {
        String command = o.vacuum() ? "VACUUM (ANALYZE) " : "ANALYZE ";
        for (EventType type : TYPES) {
            for (String leaf : leafPartitions(EventTables.of(type).table())) {
                db.sql(command + leaf);
            }
        }
        db.sql(command + "instrument");
        db.sql(command + "stream_watermark");
        db.sql(command + "stored_rows");
    }

    private List<String> leafPartitions(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT relid::regclass::text FROM pg_partition_tree(?::regclass) WHERE isleaf ORDER BY 1")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
