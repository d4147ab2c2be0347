package io.basis.bench;

import io.basis.store.db.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * {@code --pg-stats}: where PostgreSQL spends its time, per statement, from {@code pg_stat_statements} (utility
 * statements such as COPY, SAVEPOINT, TRUNCATE and COMMIT included). Needs a restart of the embedded server to
 * preload the module.
 */
final class PgStatements {
    private PgStatements() {
    }

    /** Preloads pg_stat_statements: written to postgresql.auto.conf, effective after the restart done here. */
    static void preload(EmbeddedPostgresServer server) throws SQLException {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(server.jdbcUrl());
        direct.setUser(server.user());
        try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            s.execute("ALTER SYSTEM SET pg_stat_statements.track_utility = on");
            s.execute("ALTER SYSTEM SET pg_stat_statements.max = 10000");
        }
        server.stop();
        server.start();
    }

    /** After the migration (Flyway wants an empty schema to start from). */
    static void install(DataSource ds) throws SQLException {
        execute(ds, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    static void reset(DataSource ds) throws SQLException {
        execute(ds, "SELECT pg_stat_statements_reset()");
    }

    /** The statements that took the most time since the last reset, and the total. */
    static void print(DataSource ds, String title, int limit) throws SQLException {
        String sql = """
                SELECT calls, total_exec_time, rows,
                       left(regexp_replace(regexp_replace(query, '\\s+', ' ', 'g'),
                            '\\((instrument_id|event_type), [a-z_, ]*\\)', '(..)', 'g'), 120) AS q,
                       sum(total_exec_time) OVER () AS all_ms
                FROM pg_stat_statements
                WHERE query NOT LIKE '%pg_stat_statements%'
                ORDER BY total_exec_time DESC
                """ + " LIMIT " + limit;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            boolean first = true;
            while (rs.next()) {
                if (first) {
                    System.out.printf(Locale.ROOT, "pg-stats : %s — %,.0f ms of statement time in PostgreSQL%n",
                            title, rs.getDouble("all_ms"));
                    System.out.printf(Locale.ROOT, "           %9s %9s %8s %11s  %s%n", "ms", "calls", "ms/call",
                            "rows", "statement");
                    first = false;
                }
                long calls = rs.getLong("calls");
                double ms = rs.getDouble("total_exec_time");
                System.out.printf(Locale.ROOT, "           %9.0f %9d %8.2f %11d  %s%n", ms, calls,
                        calls == 0 ? 0.0 : ms / calls, rs.getLong("rows"), rs.getString("q"));
            }
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }
}
