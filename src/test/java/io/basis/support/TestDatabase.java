package io.basis.support;

import io.basis.store.db.EmbeddedPostgresServer;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real embedded PostgreSQL per test JVM, shared by every integration test (started on first use, stopped at
 * JVM exit). Tests that need their own server (outage, restart) start an {@link EmbeddedPostgresServer} themselves.
 */
public final class TestDatabase {
    private static EmbeddedPostgresServer server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgresServer shared() {
        if (server == null) {
            server = new EmbeddedPostgresServer(tempDir("basis-it-pg").resolve("pg"), 0).start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    public static String jdbcUrl() {
        return shared().jdbcUrl();
    }

    /** Empties every Basis table (schema stays). */
    public static void truncateAll(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE instrument, trade, liquidation, funding_rate, open_interest, mark_price, index_price,"
                    + " book_snapshot, candle, option_ticker, volatility_index, long_short_ratio, stream_watermark,"
                    + " stored_rows, stream_gap, backfill, option_quote_block RESTART IDENTITY");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
