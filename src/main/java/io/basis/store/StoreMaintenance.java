package io.basis.store;

import io.basis.config.BasisProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Store housekeeping. Hourly: keeps partitions created {@code partitions-ahead} into the future and drops those
 * wholly past their table's retention (option quote blocks of the same days with them). Every
 * {@code basis.storage.option-compaction.interval} (5 minutes): compacts the option quotes of hours that ended at
 * least {@code basis.storage.option-compaction.lag} (10 minutes) ago into blocks ({@link OptionQuoteCompactor});
 * {@code basis.storage.option-compaction.enabled=false} leaves them in rows. A failure (e.g. the database is down)
 * is logged and retried on the next run; writes never depend on it because the writer creates missing partitions
 * itself.
 */
@Component
public class StoreMaintenance {
    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    private final PartitionManager partitions;
    private final OptionQuoteCompactor compactor;
    private final BasisProperties props;
    private final Clock clock;
    private final boolean compactionEnabled;
    private final Duration compactionLag;

    public StoreMaintenance(PartitionManager partitions, OptionQuoteCompactor compactor, BasisProperties props,
                            Clock clock,
                            @Value("${basis.storage.option-compaction.enabled:true}") boolean compactionEnabled,
                            @Value("${basis.storage.option-compaction.lag:PT10M}") Duration compactionLag) {
        this.partitions = partitions;
        this.compactor = compactor;
        this.props = props;
        this.clock = clock;
        this.compactionEnabled = compactionEnabled;
        this.compactionLag = compactionLag;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void run() {
        try {
            partitions.createAhead(clock.instant(), props.storage().partitionsAhead());
            partitions.dropExpired(clock.instant(), props.storage().retention());
            compactor.dropExpired(clock.instant(), props.storage().retention().get("option_ticker"));
        } catch (SQLException e) {
            log.warn("partition maintenance failed, retrying in an hour: {}", e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "${basis.storage.option-compaction.interval:PT5M}",
            fixedDelayString = "${basis.storage.option-compaction.interval:PT5M}")
    public void compactOptionQuotes() {
        if (!compactionEnabled) {
            return;
        }
        try {
            compactor.compact(clock.instant().minus(compactionLag));
        } catch (SQLException | RuntimeException e) {
            log.warn("option quote compaction failed, retrying at the next run: {}", e.getMessage());
        }
    }
}
