package io.basis.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * A loopback stand-in for a venue that connector tests run against: an HTTP server ({@link #rest()}) and a WebSocket
 * server ({@link #ws()}) on free 127.0.0.1 ports. Tests script what it answers, inject faults, record what the
 * client did and wait for it with bounded {@code await} helpers (which fail with an {@link AssertionError} on
 * timeout), never with sleeps. Venue behaviour is a pluggable {@link WsDialect}, e.g. {@link BinanceDialect}, or
 * {@link DeribitDialect} with its scriptable market ({@link DeribitVenue}).
 *
 * <pre>{@code
 * try (VenueSimulator sim = VenueSimulator.start(BinanceDialect.usdm())) {
 *     sim.rest().on("/fapi/v1/depth").respond(BinanceResponses.tooManyRequests(2), RestResponse.json(snapshot));
 *     connector.start(sim.restUrl(), sim.wsUrl());
 *     sim.ws().awaitSubscribed("btcusdt@depth@100ms", Duration.ofSeconds(5));
 *     sim.ws().publish("btcusdt@depth@100ms", diff);
 *     sim.rest().awaitRequests("/fapi/v1/depth", 2, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Every recorded event (REST request, WebSocket open/close, client message) carries a sequence number from one
 * counter, so a test can assert the order in which the client did things; timestamps come from the injected clock.
 * Thread-safe. {@link #close()} stops both servers.
 */
public final class VenueSimulator implements AutoCloseable {
    static {
        SimLogging.quietLibraries();
    }

    private final RestSimulator rest;
    private final WsSimulator ws;

    private VenueSimulator(WsDialect dialect, Clock clock) throws IOException {
        SimTimeline timeline = new SimTimeline(clock);
        rest = new RestSimulator(timeline);
        try {
            ws = new WsSimulator(timeline, dialect);
        } catch (IOException | RuntimeException e) {
            rest.close();
            throw e;
        }
    }

    /** A simulator with no venue behaviour ({@link WsDialect#PLAIN}) and the system clock. */
    public static VenueSimulator start() {
        return start(WsDialect.PLAIN, Clock.systemUTC());
    }

    public static VenueSimulator start(WsDialect dialect) {
        return start(dialect, Clock.systemUTC());
    }

    /** A simulator whose recorded times come from {@code clock}. */
    public static VenueSimulator start(WsDialect dialect, Clock clock) {
        try {
            return new VenueSimulator(dialect, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the venue simulator", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String restUrl() {
        return rest.url();
    }

    /** {@code ws://127.0.0.1:<port>} */
    public String wsUrl() {
        return ws.url();
    }

    public RestSimulator rest() {
        return rest;
    }

    public WsSimulator ws() {
        return ws;
    }

    @Override
    public void close() {
        try {
            ws.close();
        } finally {
            rest.close();
        }
    }
}
