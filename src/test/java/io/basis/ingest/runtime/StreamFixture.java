package io.basis.ingest.runtime;

import io.basis.ingest.CollectionStatistics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A loopback server plus everything a {@link StreamConnection} needs, closed together after each test. */
final class StreamFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final LoopbackWsServer server;
    final CollectionStatistics collection = new CollectionStatistics(Clock.systemUTC());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Recorders.Handler handler = new Recorders.Handler();
    final Recorders.Gaps gaps = new Recorders.Gaps();
    final Recorders.Tap tap = new Recorders.Tap();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<StreamConnection> connections = new ArrayList<>();
    ConnectionRegistry registry;

    StreamFixture() throws InterruptedException {
        server = new LoopbackWsServer();
    }

    /** Settings with fast backoff (20 ms doubling to 200 ms) and short timeouts, for the server's /market. */
    StreamSettings settings() {
        return StreamSettings.of("sim", "market", server.uri("/market"))
                .withOutgoingRate(100, Duration.ofSeconds(1))
                .withBackoff(new Escalation(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(60))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    StreamConnection start(StreamSettings settings, Heartbeat heartbeat, List<String> subscriptions) {
        return start(settings, heartbeat, subscriptions, TimeSource.system());
    }

    StreamConnection start(StreamSettings settings, Heartbeat heartbeat, List<String> subscriptions,
                           TimeSource time) {
        registry = new ConnectionRegistry(time, meters, collection);
        RuntimeContext context = RuntimeContext.of(time, http, registry).withGaps(gaps).withTap(tap)
                .withRandom(new Random(7));
        StreamConnection connection = new StreamConnection(settings, heartbeat, () -> subscriptions, handler,
                context);
        connections.add(connection);
        connection.start();
        return connection;
    }

    void awaitFrames(int count) throws InterruptedException {
        LoopbackWsServer.await(count + " frames, got " + handler.texts(), WAIT,
                () -> handler.texts().size() >= count);
    }

    void awaitLive(StreamConnection connection) throws InterruptedException {
        LoopbackWsServer.await("LIVE", WAIT, () -> connection.state() == ConnectionState.LIVE);
    }

    @Override
    public void close() throws InterruptedException {
        connections.forEach(StreamConnection::close);
        scheduler.shutdownNow();
        server.close();
        http.close();
    }
}
