package io.basis.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class StoreUnitTest {

    @Test
    void partitionsAreNamedAndBoundedInUtc() {
        Instant t = Instant.parse("2026-02-28T23:59:59.999999Z");
        assertThat(PartitionSpan.DAY.start(t)).isEqualTo(LocalDate.parse("2026-02-28"));
        assertThat(PartitionSpan.DAY.next(LocalDate.parse("2026-02-28"))).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(PartitionSpan.MONTH.start(t)).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(PartitionSpan.DAY.partitionName("trade", LocalDate.parse("2026-02-28"))).isEqualTo("trade_p20260228");
        assertThat(PartitionSpan.MONTH.partitionName("candle", LocalDate.parse("2026-02-01"))).isEqualTo("candle_p202602");
    }

    @Test
    void databaseOutagesAreToldApartFromRefusedData() {
        assertThat(DatabaseFailures.isUnavailable(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("terminating", "57P01"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("disk full", "53100"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new IOException("broken pipe")))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("invalid byte sequence", "22021"))).isFalse();
        assertThat(DatabaseFailures.isUniqueViolation(new SQLException("duplicate key", "23505"))).isTrue();
    }

    @Test
    void everyTableMappingIsConsistent() {
        for (EventTable<?> t : EventTables.all()) {
            assertThat(t.columns()).as(t.table()).containsAll(t.keyColumns());
            if (t.partitionSpan() != null) {
                assertThat(t.keyColumns()).as(t.table() + " key must contain the partition column").contains("ts");
                assertThat(t.columns().getFirst()).isEqualTo("instrument_id");
            }
        }
    }
}
