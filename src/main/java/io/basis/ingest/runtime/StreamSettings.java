package io.basis.ingest.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link StreamConnection} behaves. Start from {@link #of} (defaults noted there) and adjust with the
 * {@code with*} methods.
 *
 * @param venue        venue id as reported in statistics and gaps, e.g. {@code binance-usdm}
 * @param name         the connection's name within the venue, e.g. {@code market}
 * @param outgoingRate most messages the client may send per window on one socket (subscriptions, heartbeats)
 * @param staleAfter   no text frame for this long → close and reconnect (cause {@code stale}); {@code null} = off
 * @param maxLifetime  replace the socket once it is this old (before the venue's own limit); {@code null} = never
 * @param sendTimeout  longest a single outgoing frame may take; longer → the socket is treated as lost
 * @param backoff      ceiling of the full-jitter reconnect delay, by attempt
 * @param healthyAfter a session that stayed up this long resets the backoff
 * @param switchTimeout how long a replacement socket may take to deliver its first frame after subscribing;
 *                     then it takes over anyway
 */
public record StreamSettings(String venue, String name, URI uri, RateBudget outgoingRate, Duration staleAfter,
                             Duration maxLifetime, Duration connectTimeout, Duration sendTimeout,
                             Escalation backoff, Duration healthyAfter, Duration switchTimeout) {

    public StreamSettings {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(outgoingRate, "outgoingRate");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(healthyAfter, "healthyAfter");
        Objects.requireNonNull(switchTimeout, "switchTimeout");
    }

    /**
     * Defaults: 5 outgoing messages per second, stale after 60 s, no planned lifetime, 10 s connect and send
     * timeouts, backoff ceiling 1 s doubling to 60 s, healthy after 60 s, 10 s switch timeout.
     */
    public static StreamSettings of(String venue, String name, URI uri) {
        return new StreamSettings(venue, name, uri, new RateBudget(5, Duration.ofSeconds(1)),
                Duration.ofSeconds(60), null, Duration.ofSeconds(10), Duration.ofSeconds(10),
                new Escalation(Duration.ofSeconds(1), Duration.ofSeconds(60)), Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }

    public StreamSettings withOutgoingRate(int messages, Duration per) {
        return new StreamSettings(venue, name, uri, new RateBudget(messages, per), staleAfter, maxLifetime,
                connectTimeout, sendTimeout, backoff, healthyAfter, switchTimeout);
    }

    public StreamSettings withStaleAfter(Duration after) {
        return new StreamSettings(venue, name, uri, outgoingRate, after, maxLifetime, connectTimeout, sendTimeout,
                backoff, healthyAfter, switchTimeout);
    }

    public StreamSettings withMaxLifetime(Duration lifetime) {
        return new StreamSettings(venue, name, uri, outgoingRate, staleAfter, lifetime, connectTimeout,
                sendTimeout, backoff, healthyAfter, switchTimeout);
    }

    public StreamSettings withTimeouts(Duration connect, Duration send, Duration switchOver) {
        return new StreamSettings(venue, name, uri, outgoingRate, staleAfter, maxLifetime, connect, send, backoff,
                healthyAfter, switchOver);
    }

    public StreamSettings withBackoff(Escalation ceiling, Duration healthy) {
        return new StreamSettings(venue, name, uri, outgoingRate, staleAfter, maxLifetime, connectTimeout,
                sendTimeout, ceiling, healthy, switchTimeout);
    }
}
