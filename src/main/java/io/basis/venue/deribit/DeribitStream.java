package io.basis.venue.deribit;

import io.basis.config.VenueConfig;
import io.basis.ingest.VenueModule.VenueDeps;
import io.basis.ingest.runtime.FrameHandler;
import io.basis.ingest.runtime.Heartbeat;
import io.basis.ingest.runtime.StreamConnection;
import io.basis.ingest.runtime.StreamSettings;
import io.basis.model.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The one Deribit WebSocket: a {@link StreamConnection} to {@code ws-url} whose subscriptions are a function of the
 * current tracked set, and the {@link DeribitSession} its frames go through. On every (re)connect it sends
 * {@code public/set_heartbeat} (the heartbeat answers each {@code test_request} with {@code public/test}), then
 * {@code public/auth} when credentials are configured, then {@code public/subscribe} in chunks. Between reconnects it
 * applies tracked-set changes (subscribe the added, unsubscribe the removed), resubscribes one instrument's book
 * channel when its {@code prev_change_id} chain breaks (the first notification after subscribing is a snapshot),
 * re-sends a refused subscribe chunk channel by channel so one bad channel (e.g. a delisted instrument) does not cost
 * the others, re-authenticates before the access token expires, and falls back to {@code 100ms} channels if
 * authentication is refused.
 *
 * <p>Session-listener calls run on the connection's dispatch thread; {@link #apply} on a collector thread.
 */
final class DeribitStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeribitStream.class);
    static final String NAME = "ws";
    /** Outgoing messages per second on the socket (reference §2: ~200/s per connection, unconfirmed; far below). */
    static final int MAX_MESSAGES_PER_SECOND = 20;

    /** The client id and secret; {@link #toString()} never shows the secret. */
    record Credentials(String clientId, String secret) {
        /** {@code api-key-env} names the client id variable, {@code <api-key-env>_SECRET} the secret. */
        static Optional<Credentials> from(VenueConfig config, Map<String, String> env) {
            if (config.apiKeyEnv() == null) {
                return Optional.empty();
            }
            String secret = env.get(config.apiKeyEnv() + "_SECRET");
            return config.apiKey(env).filter(id -> secret != null && !secret.isBlank())
                    .map(id -> new Credentials(id, secret));
        }

        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + ", secret=***]";
        }
    }

    private final VenueConfig config;
    private final DeribitSettings settings;
    private final DeribitConnector.Tuning tuning;
    private final VenueDeps deps;
    private final DeribitRestCalls calls;
    private final Supplier<DeribitTracking.Tracked> tracked;
    private final ToLongFunction<List<MarketEvent>> publish;
    private final Optional<Credentials> credentials;
    private final DeribitSession session;
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();
    /** Channels Deribit refused one by one: left out of resubscriptions until the next tracked-set refresh. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean authRefused;
    private final AtomicLong authGeneration = new AtomicLong();
    private final AtomicBoolean authLogged = new AtomicBoolean();
    private volatile boolean closed;
    private volatile StreamConnection connection;

    DeribitStream(VenueConfig config, DeribitSettings settings, DeribitConnector.Tuning tuning, VenueDeps deps,
                  DeribitRestCalls calls, Supplier<DeribitTracking.Tracked> tracked,
                  ToLongFunction<List<MarketEvent>> publish) {
        this.config = config;
        this.settings = settings;
        this.tuning = tuning;
        this.deps = deps;
        this.calls = calls;
        this.tracked = tracked;
        this.publish = publish;
        this.credentials = Credentials.from(config, tuning.environment());
        this.session = new DeribitSession(settings, new Listener());
        if (config.apiKeyEnv() != null && credentials.isEmpty()) {
            log.warn("{}: {} or {}_SECRET is not set; connecting unauthenticated (100ms channels)", DeribitParser.VENUE,
                    config.apiKeyEnv(), config.apiKeyEnv());
        }
    }

    void start() {
        StreamSettings s = StreamSettings.of(DeribitParser.VENUE, NAME, config.wsUrl())
                .withOutgoingRate(MAX_MESSAGES_PER_SECOND, Duration.ofSeconds(1))
                .withStaleAfter(tuning.staleAfter())
                .withBackoff(tuning.reconnectBackoff(), Duration.ofSeconds(60));
        Heartbeat heartbeat = Heartbeat.replyingTo(List.of(session.rpc().setHeartbeat(tuning.heartbeatSeconds())),
                DeribitSession::isTestRequest, session::replyTo);
        FrameHandler handler = new FrameHandler() {
            @Override
            public void frame(String text, Instant receivedAt) {
                publish.applyAsLong(session.onFrame(text, receivedAt));
            }

            @Override
            public void sessionStarted(Instant firstFrameAt) {
                publish.applyAsLong(session.resetBooks());
            }
        };
        StreamConnection c = new StreamConnection(s, heartbeat, this::subscriptions, handler, deps.runtime());
        connection = c;
        c.start();
    }

    /** True while credentials are configured and Deribit has not refused them. */
    boolean authenticated() {
        return credentials.isPresent() && !authRefused;
    }

    String interval() {
        return settings.interval(authenticated());
    }

    /** The messages for a fresh socket (after the heartbeat's): auth if configured, then every channel. */
    List<String> subscriptions() {
        List<String> out = new ArrayList<>();
        credentials.filter(c -> !authRefused).ifPresent(c -> out.add(session.rpc().auth(c.clientId(), c.secret(),
                deps.clock().instant(), UUID.randomUUID().toString().substring(0, 8))));
        List<String> channels = DeribitSubscriptions.channels(tracked.get(), settings, interval()).stream()
                .filter(c -> !refused.contains(c)).toList();
        for (List<String> chunk : DeribitSubscriptions.chunks(channels, DeribitSubscriptions.MAX_CHANNELS_PER_MESSAGE)) {
            out.add(session.rpc().subscribe(chunk, false));
        }
        return out;
    }

    /**
     * Subscribes the added instruments and unsubscribes the removed ones on the live socket. Called after every
     * tracked-set refresh (also with an empty diff): channels refused before are tried again from the next reconnect.
     */
    void apply(DeribitTracking.Diff diff) {
        refused.clear();
        if (loggedRefusals.size() > 10_000) {
            loggedRefusals.clear();
        }
        if (diff.isEmpty()) {
            return;
        }
        String interval = interval();
        List<String> gone = DeribitSubscriptions.channelsOf(diff.removed(), settings, interval);
        for (List<String> chunk : DeribitSubscriptions.chunks(gone, DeribitSubscriptions.MAX_CHANNELS_PER_MESSAGE)) {
            send(session.rpc().unsubscribe(chunk));
        }
        diff.removed().forEach(instrument -> publish.applyAsLong(session.dropBook(instrument)));
        List<String> added = DeribitSubscriptions.channelsOf(diff.added(), settings, interval);
        for (List<String> chunk : DeribitSubscriptions.chunks(added, DeribitSubscriptions.MAX_CHANNELS_PER_MESSAGE)) {
            send(session.rpc().subscribe(chunk, false));
        }
    }

    DeribitSession session() {
        return session;
    }

    StreamConnection connection() {
        return connection;
    }

    private void send(String message) {
        StreamConnection c = connection;
        if (c != null) {
            c.send(message);
        }
    }

    /**
     * A subscribe refused with {@code 10028}: sent again once the rate-limit pause is over. Deribit may close the
     * session (the reconnect then subscribes everything anyway; subscribing twice is harmless) or keep it open.
     */
    private void resubscribeAfterPause(List<String> channels, boolean retry) {
        Thread.ofVirtual().name("basis-deribit-resubscribe").start(() -> {
            try {
                calls.awaitPause();
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                send(session.rpc().subscribe(channels, retry));
            }
        });
    }

    /**
     * Re-authenticates on the live socket at 80 % of the token's lifetime (a fresh {@code client_signature}; a
     * reconnect authenticates anew and supersedes the timer).
     */
    private void scheduleReauth(Duration lifetime) {
        long generation = authGeneration.incrementAndGet();
        Duration wait = lifetime.multipliedBy(4).dividedBy(5);
        Thread.ofVirtual().name("basis-deribit-reauth").start(() -> {
            try {
                deps.runtime().time().sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed && generation == authGeneration.get()) {
                credentials.filter(c -> !authRefused).ifPresent(c -> send(session.rpc().auth(c.clientId(),
                        c.secret(), deps.clock().instant(), UUID.randomUUID().toString().substring(0, 8))));
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        StreamConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** What the session reports, turned into actions. Runs on the dispatch thread: sends only, never blocks. */
    private final class Listener implements DeribitSession.Listener {
        @Override
        public void parseError(String reason, String frame) {
            deps.runtime().registry().stream(DeribitParser.VENUE, NAME).parseError(reason, frame);
            deps.statistics().error(DeribitParser.VENUE);
        }

        @Override
        public void venueError(Long id, int code, String message) {
            deps.statistics().error(DeribitParser.VENUE);
        }

        @Override
        public void rateLimited() {
            calls.rateLimited("websocket");
        }

        @Override
        public void subscribeFailed(List<String> channels, boolean retry, int code, String message) {
            if (authRefused) {
                return; // the socket is being replaced; the reconnect resubscribes everything
            }
            if (code == DeribitApiException.TOO_MANY_REQUESTS) {
                resubscribeAfterPause(channels, retry);
                return;
            }
            if (!retry && channels.size() > 1) {
                log.info("{}: subscribe of {} channels refused ({} {}); retrying them one by one",
                        DeribitParser.VENUE, channels.size(), code, message);
                channels.forEach(c -> send(session.rpc().subscribe(List.of(c), true)));
                return;
            }
            for (String c : channels) {
                refused.add(c);
                if (loggedRefusals.add(c)) {
                    log.warn("{}: subscription {} refused: {} {}", DeribitParser.VENUE, c, code, message);
                }
            }
        }

        @Override
        public void notSubscribed(List<String> channels) {
            if (loggedRefusals.add(String.join(",", channels))) {
                log.warn("{}: subscribe reply did not confirm {}", DeribitParser.VENUE, channels);
            }
        }

        @Override
        public void authenticated(boolean ok, String message) {
            if (ok) {
                if (authLogged.compareAndSet(false, true)) {
                    log.info("{}: authenticated; using {} channels", DeribitParser.VENUE, interval());
                }
                return;
            }
            boolean first = !authRefused;
            authRefused = true;
            log.warn("{}: public/auth refused ({}); reconnecting with 100ms channels", DeribitParser.VENUE, message);
            StreamConnection c = connection;
            if (first && c != null) {
                c.requestReconnect("auth-refused");
            }
        }

        @Override
        public void authExpiresIn(Duration lifetime) {
            scheduleReauth(lifetime);
        }

        @Override
        public void snapshotNeeded(String instrument) {
            if (!tracked.get().contains(instrument)) {
                return;
            }
            String channel = DeribitSubscriptions.book(instrument, interval());
            send(session.rpc().unsubscribe(List.of(channel)));
            send(session.rpc().subscribe(List.of(channel), true));
        }

        @Override
        public void bookGap(String instrument, Instant from, Instant to) {
            deps.runtime().gaps().streamGap(DeribitParser.VENUE, "book:" + instrument, from, to,
                    DeribitConnector.SEQUENCE_GAP);
        }
    }
}
