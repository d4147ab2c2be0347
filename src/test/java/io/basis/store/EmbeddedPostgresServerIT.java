package io.basis.store;

import io.basis.config.StartupException;
import io.basis.store.db.EmbeddedPostgresServer;
import io.basis.support.ServerProcess;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One Basis per data directory, and recovery from a Basis that was killed with its PostgreSQL still running. */
class EmbeddedPostgresServerIT {

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedWithAClearMessage() {
        Path dir = TestDatabase.tempDir("basis-lock").resolve("postgres");
        try (EmbeddedPostgresServer first = new EmbeddedPostgresServer(dir, 0).start()) {
            assertThatThrownBy(() -> new EmbeddedPostgresServer(dir, 0).start())
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("in use by another running Basis");
            assertThat(first.running()).isTrue();
        }
        try (EmbeddedPostgresServer again = new EmbeddedPostgresServer(dir, 0).start()) {
            assertThat(again.running()).isTrue();
        }
    }

    @Test
    void thePostgresOfAKilledBasisIsStoppedAndItsDataKept() throws Exception {
        Path dir = TestDatabase.tempDir("basis-orphan").resolve("postgres");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process killed = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServerProcess.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // PostgreSQL start-up output
            }
            assertThat(line).as("child JVM started its PostgreSQL").isEqualTo("ready");
            killed.destroyForcibly();           // SIGKILL: no shutdown hook runs
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, 0).start();
             var c = DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM survived")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }
}
