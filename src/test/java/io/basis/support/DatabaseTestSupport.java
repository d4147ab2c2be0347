package io.basis.support;

import io.basis.model.MarketEvent;
import io.basis.store.EventWriter;
import io.basis.store.InstrumentIds;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Base of integration tests that store events through the service's writer into the shared database. */
public abstract class DatabaseTestSupport extends ServiceTestSupport {
    @Autowired protected DataSource dataSource;
    @Autowired protected EventWriter writer;
    @Autowired protected InstrumentIds instrumentIds;

    /** Empties the shared database; instrument ids restart with the emptied tables. */
    protected void emptyDatabase() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
    }

    /** Publishes the events through the writer and waits (at most 30 s) until they are stored. */
    protected void store(List<? extends MarketEvent> events) throws InterruptedException {
        writer.publishAll(events);
        assertThat(writer.awaitStored(Duration.ofSeconds(30))).isTrue();
    }
}
