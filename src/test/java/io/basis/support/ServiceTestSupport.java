package io.basis.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * Base of integration tests that need the whole service: the Spring context on a random port, wired to the shared
 * embedded PostgreSQL ({@link TestDatabase}) and a temporary data directory. Contexts are cached across classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTestSupport {
    private static final Path DATA_DIR = TestDatabase.tempDir("basis-it-data");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("basis.db.url", TestDatabase::jdbcUrl);
        registry.add("basis.db.user", () -> "postgres");
        registry.add("basis.data-dir", DATA_DIR::toString);
        // Venue connectors stay off: no internet in tests; connector tests start them against the simulator.
        registry.add("basis.connectors.enabled", () -> "false");
        // Tests compact option quotes themselves, at instants they choose.
        registry.add("basis.storage.option-compaction.enabled", () -> "false");
        // The shared database holds other tests' streams; gap detection tests run the start-up check themselves.
        registry.add("basis.gaps.startup-check.enabled", () -> "false");
    }
}
