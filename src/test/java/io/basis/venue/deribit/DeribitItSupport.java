package io.basis.venue.deribit;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;
import io.basis.ingest.runtime.Escalation;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestSettings;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.simulator.DeribitMarket;
import io.basis.simulator.DeribitVenue;
import io.basis.simulator.SimConnection;
import io.basis.store.EventQueries;
import io.basis.store.StreamGaps;
import io.basis.support.ConnectorTestSupport;
import io.basis.venue.deribit.DeribitConnector.Tuning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Base of the Deribit end-to-end tests: a fresh {@link DeribitVenue} per test (heartbeat unit 50 ms, so the
 * connector's 10 s heartbeat is a 500 ms one), the real {@link DeribitConnector} with shortened {@link Tuning}
 * started against it, and the shared embedded PostgreSQL emptied before each test. Tests wait for conditions with
 * {@link #eventually}, never for time.
 */
abstract class DeribitItSupport extends ConnectorTestSupport {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Duration LONG = Duration.ofHours(1);
    static final String VENUE = "deribit";

    DeribitVenue deribit;
    DeribitMarket market;
    DeribitConnector connector;

    @BeforeEach
    void startVenue() {
        emptyDatabase();
        deribit = DeribitVenue.start();
        deribit.dialect().heartbeatUnit(Duration.ofMillis(50));
        market = deribit.market();
    }

    @AfterEach
    void stopAll() {
        try {
            if (connector != null) {
                connector.close();
            }
        } finally {
            deribit.close();
        }
    }

    /**
     * Test tuning: stale after 2 s (heartbeats come every 500 ms), reconnect 20 → 200 ms, every periodic REST
     * collection hourly (so it runs once, at start), 10028 pause 50 → 200 ms, REST retries 20 → 100 ms, REST
     * budgets (credits and {@code get_instruments}) of 100 requests a second.
     */
    Tuning tuning() {
        RateBudget hundredPerSecond = new RateBudget(100 * DeribitRequests.NON_MATCHING_ENGINE_COST,
                Duration.ofSeconds(1));
        RestSettings rest = RestSettings.of(VENUE, URI.create(deribit.restUrl()), hundredPerSecond)
                .withBudget(DeribitConnector.INSTRUMENTS_BUCKET, hundredPerSecond)
                .withRetries(3, new Escalation(Duration.ofMillis(20), Duration.ofMillis(100)))
                .withPauses(new Escalation(Duration.ofMillis(50), Duration.ofMillis(200)),
                        new Escalation(Duration.ofMillis(50), Duration.ofMillis(200)), null);
        return new Tuning(Duration.ofSeconds(2), new Escalation(Duration.ofMillis(20), Duration.ofMillis(200)), 10,
                LONG, LONG, LONG, LONG, LONG, LONG, Duration.ofHours(48), LONG, LONG,
                new Escalation(Duration.ofMillis(50), Duration.ofMillis(200)), rest, Map.of());
    }

    /** The tuning with other instrument-refresh, top-recompute, book, greeks and funding intervals. */
    Tuning tuning(Duration refresh, Duration recompute, Duration book, Duration greeks, Duration funding) {
        Tuning t = tuning();
        return new Tuning(t.staleAfter(), t.reconnectBackoff(), t.heartbeatSeconds(), refresh, recompute, book,
                greeks, t.bookSummary(), funding, t.fundingBackfill(), t.candlePoll(), t.dvolPoll(),
                t.rateLimitBackoff(), t.rest(), t.environment());
    }

    /** {@code channel → options}; every channel stored ({@code all}). */
    static Map<Channel, ChannelConfig> channels(Object... channelThenOptions) {
        Map<Channel, ChannelConfig> out = new LinkedHashMap<>();
        for (int i = 0; i < channelThenOptions.length; i += 2) {
            Channel c = (Channel) channelThenOptions[i];
            @SuppressWarnings("unchecked")
            Map<String, String> options = (Map<String, String>) channelThenOptions[i + 1];
            out.put(c, new ChannelConfig(c, StoragePolicy.ALL, options));
        }
        return out;
    }

    VenueConfig config(List<String> currencies, Map<Channel, ChannelConfig> channels) {
        return config(currencies, channels, null);
    }

    /** With {@code api-key-env} (the client id variable; the secret is {@code <apiKeyEnv>_SECRET}). */
    VenueConfig config(List<String> currencies, Map<Channel, ChannelConfig> channels, String apiKeyEnv) {
        return new VenueConfig(VENUE, true, URI.create(deribit.restUrl()), URI.create(deribit.wsUrl()), List.of(),
                null, currencies, Map.of("BTC", new BigDecimal("100000"), "ETH", new BigDecimal("50000"),
                "default", new BigDecimal("20000")), apiKeyEnv, channels);
    }

    void start(VenueConfig config, Tuning tuning) throws Exception {
        connector = new DeribitConnector(config, connectorDeps(), tuning);
        connector.start();
    }

    /** The open connection subscribed to {@code channel}. */
    SimConnection subscribed(String channel) {
        return deribit.ws().awaitSubscribed(channel, WAIT);
    }

    List<MarketEvent> rows(EventType type, String symbol) {
        flush();
        return queries.range(type, new EventQueries.Filter(VENUE, symbol, null, null, 10_000)).stream()
                .filter(e -> e.symbol().equals(symbol)).toList();
    }

    <T extends MarketEvent> List<T> rows(Class<T> kind, EventType type, String symbol) {
        return rows(type, symbol).stream().map(kind::cast).toList();
    }

    long count(String sql, Object... args) {
        flush();
        Long n = new JdbcTemplate(dataSource).queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    List<StreamGaps.Gap> gaps() {
        streamGaps.flush();
        return streamGaps.list(VENUE, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100);
    }

    /** Client messages (on any connection) whose text contains every fragment. */
    long messages(String... fragments) {
        return deribit.ws().messages().stream()
                .filter(m -> List.of(fragments).stream().allMatch(m.text()::contains)).count();
    }

    void flush() {
        try {
            writer.awaitStored(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        eventually(condition, () -> what);
    }

    static void eventually(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
