package io.basis.store;

import io.basis.config.BasisProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Clock;

/**
 * Hourly partition housekeeping: keeps partitions created {@code partitions-ahead} into the future and drops
 * those wholly past their table's retention. A failure (e.g. the database is down) is logged and retried on the
 * next run; writes never depend on it because the writer creates missing partitions itself.
 */
@Component
public class StoreMaintenance {
    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    private final PartitionManager partitions;
    private final BasisProperties props;
    private final Clock clock;

    public StoreMaintenance(PartitionManager partitions, BasisProperties props, Clock clock) {
        this.partitions = partitions;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void run() {
        try {
            partitions.createAhead(clock.instant(), props.storage().partitionsAhead());
            partitions.dropExpired(clock.instant(), props.storage().retention());
        } catch (SQLException e) {
            log.warn("partition maintenance failed, retrying in an hour: {}", e.getMessage());
        }
    }
}
