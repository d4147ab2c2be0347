package io.basis.support;

import io.basis.store.db.EmbeddedPostgresServer;

import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * Test helper run as a separate JVM: starts an embedded PostgreSQL on the given data directory, creates a marker
 * table, prints {@code ready} and waits to be killed — a Basis that dies without stopping its database.
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(Path.of(args[0]), 0).start();
        try (var c = DriverManager.getConnection(server.jdbcUrl(), server.user(), "")) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS survived (v int); INSERT INTO survived VALUES (1)");
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
