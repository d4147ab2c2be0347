package io.basis.cli;

import io.basis.BasisApplication;
import io.basis.config.VenuesConfig;
import io.basis.ingest.CollectionStatistics;
import io.basis.ingest.RestCollectors;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.VenueModule;
import io.basis.ingest.runtime.ConnectionRegistry;
import io.basis.ingest.runtime.FrameTap;
import io.basis.ingest.runtime.GapSink;
import io.basis.ingest.runtime.RuntimeContext;
import io.basis.ingest.runtime.TimeSource;
import io.basis.store.EventWriter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The service's storage side without its web server or live connectors, for command-line tools (replay, record,
 * backfill):
 * the same configuration, database (embedded or external), writer and spool as {@code basis run}.
 */
final class ToolContext {
    private ToolContext() {
    }

    /** Starts the context; {@code springArgs} are {@code --key=value} overrides passed through from the command. */
    static ConfigurableApplicationContext start(List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--basis.connectors.enabled=false");
        args.add("--logging.level.root=warn");
        return new SpringApplicationBuilder(BasisApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run(args.toArray(String[]::new));
    }

    /** Splits {@code --key=value} Spring overrides from the tool's own arguments. */
    static boolean isSpringArgument(String arg) {
        return arg.startsWith("--basis.") || arg.startsWith("--spring.") || arg.startsWith("--logging.");
    }

    /**
     * The venue's connector (not started) over the context's writer, HTTP client, registry and gap sink, with the
     * venue's entry of the venues file.
     *
     * @throws IllegalStateException when the venues file has no entry for the venue
     */
    static VenueConnector connector(ConfigurableApplicationContext ctx, VenueModule module, FrameTap tap) {
        VenuesConfig venues = ctx.getBean(VenuesConfig.class);
        RuntimeContext runtime = new RuntimeContext(ctx.getBean(TimeSource.class), ctx.getBean(HttpClient.class),
                ctx.getBean(ConnectionRegistry.class), ctx.getBean(GapSink.class), tap, new Random());
        VenueModule.VenueDeps deps = new VenueModule.VenueDeps(ctx.getBean(EventWriter.class), runtime,
                ctx.getBean(RestCollectors.class), ctx.getBean(CollectionStatistics.class), ctx.getBean(Clock.class));
        return module.connector(venues.venue(module.id()).orElseThrow(() -> new IllegalStateException(
                "venue '" + module.id() + "' has no entry in " + venues.source())), deps);
    }
}
