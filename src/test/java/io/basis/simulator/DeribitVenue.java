package io.basis.simulator;

import java.time.Clock;

/**
 * A simulated Deribit: one {@link VenueSimulator} speaking the {@link DeribitDialect} on WebSocket and serving the
 * {@link DeribitMethods} over REST, both answering from one {@link DeribitMarket}.
 *
 * <pre>{@code
 * try (DeribitVenue deribit = DeribitVenue.start()) {
 *     deribit.market().list("BTC-PERPETUAL");
 *     deribit.market().list("BTC-27DEC26-100000-C").openInterest("1520.3");
 *     connector.start(deribit.restUrl(), deribit.wsUrl());
 *     deribit.ws().awaitSubscribed("ticker.BTC-PERPETUAL.100ms", timeout);
 *     deribit.market().publishTicker("BTC-PERPETUAL");
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the servers and the heartbeat scheduler.
 */
public final class DeribitVenue implements AutoCloseable {
    /** The venue's WebSocket path. */
    public static final String WS_PATH = "/ws/api/v2";

    private final DeribitMarket market;
    private final DeribitDialect dialect;
    private final VenueSimulator sim;

    private DeribitVenue(Clock clock) {
        market = new DeribitMarket(clock);
        dialect = new DeribitDialect(market);
        sim = VenueSimulator.start(dialect, clock);
        market.attach(sim.ws());
        dialect.methods().install(sim.rest());
    }

    public static DeribitVenue start() {
        return start(Clock.systemUTC());
    }

    public static DeribitVenue start(Clock clock) {
        return new DeribitVenue(clock);
    }

    public DeribitMarket market() {
        return market;
    }

    public DeribitDialect dialect() {
        return dialect;
    }

    public VenueSimulator sim() {
        return sim;
    }

    public WsSimulator ws() {
        return sim.ws();
    }

    public RestSimulator rest() {
        return sim.rest();
    }

    /** {@code http://127.0.0.1:<port>}; methods live under {@code /api/v2/public/}. */
    public String restUrl() {
        return sim.restUrl();
    }

    /** {@code ws://127.0.0.1:<port>/ws/api/v2}. */
    public String wsUrl() {
        return sim.wsUrl() + WS_PATH;
    }

    @Override
    public void close() {
        try {
            sim.close();
        } finally {
            dialect.close();
        }
    }
}
