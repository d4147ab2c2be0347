package io.basis.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.basis.store.db.DatabaseConfiguration;
import io.basis.store.db.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fresh database for one benchmark run: the embedded PostgreSQL the service uses, started in a new temporary
 * directory, migrated with the service's Flyway scripts (native partitions), behind a Hikari pool configured like
 * the service's. {@link #close()} stops the server and deletes the directory unless asked to keep it.
 */
final class BenchDatabase implements AutoCloseable {
    private final Path dir;
    private final EmbeddedPostgresServer server;
    private final boolean keep;
    private HikariDataSource ds;

    private BenchDatabase(Path dir, boolean keep) {
        this.dir = dir;
        this.server = new EmbeddedPostgresServer(dir.resolve("postgres"), 0);
        this.keep = keep;
    }

    /**
     * Starts and migrates a new database in a temporary directory named {@code prefix...}. With {@code pgStats}
     * the server is restarted once to preload pg_stat_statements (see {@link PgStatements}).
     */
    static BenchDatabase start(String prefix, boolean keep, boolean pgStats) throws Exception {
        BenchDatabase db = new BenchDatabase(Files.createTempDirectory(prefix), keep);
        try {
            db.server.start();
            if (pgStats) {
                PgStatements.preload(db.server);
            }
            db.ds = dataSource(db.server);
            Flyway.configure().dataSource(db.ds).locations("classpath:db/migration")
                    .placeholders(Map.of("time_partitioning", "PARTITION BY RANGE (ts)")).load().migrate();
            if (pgStats) {
                PgStatements.install(db.ds);
            }
            return db;
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    /** The temporary directory: PostgreSQL's data under {@code postgres/}, room for the benchmark's own files. */
    Path dir() {
        return dir;
    }

    HikariDataSource dataSource() {
        return ds;
    }

    EmbeddedPostgresServer server() {
        return server;
    }

    /** "18.6" */
    String serverVersion() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        }
    }

    /** Runs one statement in autocommit mode. */
    void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(statement);
        }
    }

    /** Exact row count of a table (all partitions). */
    long count(String table) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return count(c, table);
        }
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Bytes of a table on disk, every partition with its indexes and TOAST. */
    long totalSize(String table) throws SQLException {
        return sizes(table)[0];
    }

    /**
     * Bytes of a table over all its partitions: {total, table (heap, TOAST, free space and visibility maps), indexes}.
     */
    long[] sizes(String table) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(relid)), 0),"
                     + " coalesce(sum(pg_table_size(relid)), 0), coalesce(sum(pg_indexes_size(relid)), 0)"
                     + " FROM pg_partition_tree(?::regclass)")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** Bytes of a table's indexes over all its partitions, by access method ("btree", "brin"). */
    Map<String, Long> indexSizes(String table) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT am.amname, sum(pg_relation_size(i.indexrelid))"
                     + " FROM pg_partition_tree(?::regclass) t JOIN pg_index i ON i.indrelid = t.relid"
                     + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam"
                     + " GROUP BY am.amname")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            if (ds != null) {
                ds.close();
            }
            server.stop();
        } finally {
            if (keep) {
                System.out.println("data kept in " + dir);
            } else {
                deleteRecursively(dir);
            }
        }
    }

    private static HikariDataSource dataSource(EmbeddedPostgresServer server) {
        return DatabaseConfiguration.pool("basis-bench", server.jdbcUrl(), server.user(), null, 8);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
