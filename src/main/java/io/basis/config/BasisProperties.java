package io.basis.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings under {@code basis.*} in application.yaml; every key can be overridden by an environment variable in
 * Spring's relaxed form, e.g. {@code BASIS_DB_URL}, {@code BASIS_STORAGE_BATCH_SIZE}. Invalid values stop start-up
 * with a message naming the key.
 */
@Validated
@ConfigurationProperties("basis")
public record BasisProperties(@NotNull Path dataDir, @Valid @NotNull Db db, @Valid @NotNull Storage storage,
                              String apiKey) {

    /** When an API key is configured, control endpoints (collect, backfill) require it. */
    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Never prints the API key or the database password. */
    @Override
    public String toString() {
        return "BasisProperties[dataDir=" + dataDir + ", db.external=" + db.external() + ", storage=" + storage
                + ", apiKey=" + (apiKeyRequired() ? "***" : "none") + "]";
    }

    /**
     * @param url      JDBC URL of an existing PostgreSQL; empty starts the embedded server under {@code dataDir}
     * @param embeddedPort port of the embedded server; 0 picks a free one
     * @param timescale {@code auto} uses TimescaleDB when the server has it, {@code off} never does
     */
    public record Db(String url, String user, String password, @Min(0) @Max(65535) int embeddedPort,
                     @NotNull Timescale timescale, @Min(2) @Max(200) int poolSize) {
        public boolean external() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Db[external=" + external() + ", user=" + user + ", password=***]";
        }
    }

    public enum Timescale { AUTO, OFF }

    /**
     * @param retention per table (e.g. {@code trade: 90d}); absent or 0 keeps data forever
     */
    public record Storage(@Min(1024) int queueCapacity, @Min(1) @Max(100_000) int batchSize,
                          @NotNull Duration maxDelay, @NotNull Duration retryInterval,
                          @Min(100) int spoolSegmentEvents, @NotNull Duration partitionsAhead,
                          Map<String, Duration> retention) {
        public Storage {
            retention = retention == null ? Map.of() : Map.copyOf(retention);
        }
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path spoolDir() {
        return dataDir.resolve("spool");
    }
}
