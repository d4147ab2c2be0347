package io.basis.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Size of one native time partition: busy tables by day, slow ones by month. UTC boundaries. */
public enum PartitionSpan {
    DAY(DateTimeFormatter.ofPattern("yyyyMMdd")),
    MONTH(DateTimeFormatter.ofPattern("yyyyMM"));

    private final DateTimeFormatter suffix;

    PartitionSpan(DateTimeFormatter suffix) {
        this.suffix = suffix;
    }

    public LocalDate start(Instant t) {
        LocalDate d = t.atOffset(ZoneOffset.UTC).toLocalDate();
        return this == DAY ? d : d.withDayOfMonth(1);
    }

    public LocalDate next(LocalDate start) {
        return this == DAY ? start.plusDays(1) : start.plusMonths(1);
    }

    public String partitionName(String table, LocalDate start) {
        return table + "_p" + suffix.format(start);
    }
}
