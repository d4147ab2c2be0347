package io.basis.store;

import io.basis.BasisApplication;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A bad value in application.yaml (or its environment override) stops start-up naming the key and the problem. */
class InvalidSettingsIT {

    @Test
    void anInvalidStorageSettingFailsStartUpNamingTheKey() {
        String all = startUpFailure("--basis.storage.batch-size=0");
        assertThat(all).contains("basis.storage").contains("batchSize");
        assertThat(all).contains("must be greater than or equal to 1");
    }

    @Test
    void retentionForAnUnknownTableFailsStartUp() {
        assertThat(startUpFailure("--basis.storage.retention.trades=30d"))
                .contains("basis.storage.retention.trades: no such table");
    }

    private static String startUpFailure(String badArgument) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BasisApplication.class).run(
                "--server.port=0", "--basis.connectors.enabled=false", "--basis.db.url=" + TestDatabase.jdbcUrl(), "--basis.db.user=postgres",
                "--basis.data-dir=" + TestDatabase.tempDir("basis-invalid"), badArgument));
        assertThat(failure).isNotNull();
        return failure + " " + NestedExceptionUtils.getMostSpecificCause(failure);
    }
}
