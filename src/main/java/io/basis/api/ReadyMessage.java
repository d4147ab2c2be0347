package io.basis.api;

import io.basis.config.BasisProperties;
import io.basis.config.VenuesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One log line when the service is ready: where to find it, its data and its configuration. */
@Component
class ReadyMessage {
    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    private final BasisProperties props;
    private final VenuesConfig venues;

    ReadyMessage(BasisProperties props, VenuesConfig venues) {
        this.props = props;
        this.venues = venues;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        log.info("Basis is up on http://localhost:{} (status /status, metrics /metrics, API docs /docs); database: {};"
                        + " data: {}; venues: {} enabled in {}", port,
                props.db().external() ? "external" : "embedded PostgreSQL in " + props.postgresDir().toAbsolutePath(),
                props.dataDir().toAbsolutePath(), venues.enabled().size(), venues.source());
    }
}
