package io.basis.ingest.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One logical venue stream kept alive over a succession of WebSockets. On every (re)connect it sends the
 * heartbeat's opening messages and then the subscriptions from the supplier (asked anew each time, so it may
 * reflect the current instrument set), rate-limited per socket. It then supervises the socket:
 * <ul>
 *   <li>closed or failed → reconnect after a full-jitter backoff (cause {@code disconnect}, or {@code rejected}
 *       for a policy close code);</li>
 *   <li>no text frame for {@code staleAfter} → abort and reconnect (cause {@code stale});</li>
 *   <li>older than {@code maxLifetime}, or {@link #requestReconnect} → make-before-break: open and subscribe a
 *       new socket, switch at its first frame, then close the old one; if the new socket fails, close the old
 *       one and reconnect normally (cause as given, default {@code planned-reconnect});</li>
 *   <li>the heartbeat's keep-alive messages are sent when due.</li>
 * </ul>
 * Periods without a delivering socket are reported to the {@link GapSink}; frames reach the {@link FrameHandler}
 * in order on one dispatch thread (see {@link FrameDispatcher}).
 *
 * <p>Threads: one virtual control thread (connect, subscribe, supervise, backoff), one dispatch thread, one sender
 * thread per socket. Public methods may be called from any thread.
 */
public final class StreamConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private enum Kind { ENDED, SWITCHED, RECONNECT }

    private record Signal(Kind kind, long generation, String cause) {
    }

    private final StreamSettings settings;
    private final Heartbeat heartbeat;
    private final RuntimeContext context;
    private final StreamStats stats;
    private final FrameDispatcher dispatcher;
    private final ReconnectBackoff backoff;
    private final SessionOpener opener;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Set<SocketSession> sockets = ConcurrentHashMap.newKeySet();
    private boolean backoffFirst;
    private volatile Thread control;
    private volatile boolean stopping;
    private volatile SocketSession current;

    public StreamConnection(StreamSettings settings, Heartbeat heartbeat, Supplier<List<String>> subscriptions,
                            FrameHandler handler, RuntimeContext context) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.context = Objects.requireNonNull(context, "context");
        this.stats = context.registry().stream(settings.venue(), settings.name());
        this.backoff = new ReconnectBackoff(settings.backoff(), settings.healthyAfter(), context.random());
        this.dispatcher = new FrameDispatcher(settings, Objects.requireNonNull(handler, "handler"), heartbeat,
                stats, context, s -> signals.add(new Signal(Kind.SWITCHED, s.generation(), null)));
        this.opener = new SessionOpener(settings, context, heartbeat,
                Objects.requireNonNull(subscriptions, "subscriptions"), stats, dispatcher,
                (session, cause) -> signals.add(new Signal(Kind.ENDED, session.generation(), cause)));
    }

    /** Starts connecting on a new control thread; a connection starts once. */
    public synchronized void start() {
        if (control != null) {
            throw new IllegalStateException(settings.venue() + "/" + settings.name() + " already started");
        }
        control = Thread.ofVirtual().name("basis-ws-" + settings.venue() + "-" + settings.name()).start(this::run);
    }

    /**
     * Asks for a make-before-break replacement of the socket, e.g. on a venue's "service upgrade" notice;
     * {@code cause} is recorded if a gap results. Ignored while not connected.
     */
    public void requestReconnect(String cause) {
        signals.add(new Signal(Kind.RECONNECT, 0, cause));
    }

    /** Stops: closes the socket, delivers what was received, waits up to a few seconds. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        Thread t = control;
        if (t == null) {
            stats.state(ConnectionState.STOPPED);
            return;
        }
        t.interrupt();
        try {
            t.join(STOP_WAIT.multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends a message on the current socket, rate-limited with the subscriptions (e.g. a venue's per-instrument
     * unsubscribe/resubscribe, or subscriptions for instruments listed after connecting). Returns false when no
     * socket is connected; the message is then not sent (a reconnect subscribes from the supplier anew).
     */
    public boolean send(String text) {
        SocketSession s = current;
        if (s == null || s.ended()) {
            return false;
        }
        s.send(text);
        return true;
    }

    /** Reports a frame the connector could not use; see {@link StreamStats#parseError}. */
    public void parseError(String kind, String sample) {
        stats.parseError(kind, sample);
    }

    public ConnectionState state() { return stats.state(); }
    public StreamStats stats() { return stats; }
    public StreamSnapshot snapshot() { return stats.snapshot(context.time().now()); }
    public StreamSettings settings() { return settings; }

    /** The outgoing limiter of the current socket (for diagnostics and tests); {@code null} while not connected. */
    public MessageRateLimiter outgoingLimiter() {
        SocketSession s = current;
        return s == null ? null : s.limiter();
    }

    private void run() {
        SocketSession session = null;
        try {
            while (!stopping) {
                session = step(session);
            }
        } catch (InterruptedException e) {
            log.debug("{}/{}: control thread interrupted", settings.venue(), settings.name());
        } finally {
            shutDown();
        }
    }

    /** One turn of the control loop; a bug in it costs a reconnect, never the connection. */
    private SocketSession step(SocketSession session) throws InterruptedException {
        try {
            return session == null ? establish() : supervise(session);
        } catch (RuntimeException e) {
            context.registry().errorLog().record(settings.venue() + "/" + settings.name(), "control-failure",
                    null, e);
            return session == null ? null : lose(session, GapSink.DISCONNECT);
        }
    }

    private void shutDown() {
        Thread.interrupted();
        try {
            dispatcher.stop(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.forEach(s -> s.close("stopped", true));
        sockets.clear();
        current = null;
        stats.disconnected();
        stats.state(ConnectionState.STOPPED);
    }

    /** Connects and subscribes, with backoff between failed attempts; {@code null} once stopping. */
    private SocketSession establish() throws InterruptedException {
        while (!stopping) {
            if (backoffFirst) {
                stats.state(ConnectionState.RECONNECTING);
                context.time().sleep(backoff.nextDelay());
            }
            backoffFirst = true;
            stats.state(ConnectionState.CONNECTING);
            SocketSession s = opener.connect();
            if (s == null) {
                continue;
            }
            sockets.add(s);
            current = s;
            dispatcher.activate(s);
            stats.state(ConnectionState.SUBSCRIBING);
            if (opener.subscribe(s)) {
                signals.removeIf(signal -> signal.kind == Kind.RECONNECT);
                stats.state(ConnectionState.LIVE);
                return s;
            }
            drop(s, s.endCause(GapSink.DISCONNECT));
        }
        return null;
    }

    private SocketSession supervise(SocketSession s) throws InterruptedException {
        long now = context.time().nanoTime();
        long wait = nextWakeNanos(s, now);
        Signal signal = wait == Long.MAX_VALUE ? signals.take() : signals.poll(wait, TimeUnit.NANOSECONDS);
        if (signal != null) {
            return onSignal(s, signal);
        }
        now = context.time().nanoTime();
        if (settings.staleAfter() != null && now - s.lastInboundNanos() >= settings.staleAfter().toNanos()) {
            log.info("{}/{}: no message for {}, reconnecting", settings.venue(), settings.name(),
                    settings.staleAfter());
            return lose(s, GapSink.STALE);
        }
        if (settings.maxLifetime() != null && s.age(now).compareTo(settings.maxLifetime()) >= 0) {
            return replace(s, GapSink.PLANNED_RECONNECT);
        }
        sendHeartbeat(s, now);
        return s;
    }

    private long nextWakeNanos(SocketSession s, long now) {
        long wait = Long.MAX_VALUE;
        if (settings.staleAfter() != null) {
            wait = Math.min(wait, s.lastInboundNanos() + settings.staleAfter().toNanos() - now);
        }
        if (settings.maxLifetime() != null) {
            wait = Math.min(wait, s.openedNanos() + settings.maxLifetime().toNanos() - now);
        }
        if (heartbeat.checkEvery() != null) {
            wait = Math.min(wait, heartbeat.checkEvery().toNanos());
        }
        return Math.max(0, wait);
    }

    private SocketSession onSignal(SocketSession s, Signal signal) throws InterruptedException {
        if (signal.kind == Kind.RECONNECT) {
            return replace(s, signal.cause == null ? GapSink.PLANNED_RECONNECT : signal.cause);
        }
        if (signal.kind == Kind.ENDED && signal.generation == s.generation()) {
            log.info("{}/{}: socket closed ({}), reconnecting", settings.venue(), settings.name(), signal.cause);
            return lose(s, signal.cause);
        }
        return s;
    }

    private void sendHeartbeat(SocketSession s, long now) {
        if (heartbeat.checkEvery() == null) {
            return;
        }
        String message = heartbeat.due(Duration.ofNanos(now - s.lastInboundNanos()),
                Duration.ofNanos(now - s.lastPingNanos()));
        if (message != null) {
            s.markPinged(now);
            s.send(message);
        }
    }

    /** The socket is gone: close it, mark the stream down, and back off before the next connect. */
    private SocketSession lose(SocketSession s, String cause) {
        backoff.sessionEnded(s.age(context.time().nanoTime()));
        drop(s, cause);
        return null;
    }

    private void drop(SocketSession s, String cause) {
        s.close(cause, false);
        sockets.remove(s);
        if (current == s) {
            current = null;
        }
        dispatcher.lost(s, cause);
        stats.disconnected();
        backoffFirst = true;
    }

    /** Make-before-break replacement of {@code old}; see the class comment. */
    private SocketSession replace(SocketSession old, String cause) throws InterruptedException {
        log.info("{}/{}: replacing socket ({})", settings.venue(), settings.name(), cause);
        SocketSession fresh = opener.connect();
        if (fresh == null) {
            return lose(old, cause);
        }
        sockets.add(fresh);
        dispatcher.offerCandidate(fresh);
        if (!opener.subscribe(fresh) || !awaitSwitch(old, fresh)) {
            drop(fresh, cause);
            return lose(old, cause);
        }
        old.close(cause, true);
        sockets.remove(old);
        current = fresh;
        stats.state(ConnectionState.LIVE);
        return fresh;
    }

    /** Waits for {@code fresh} to take over; false if it ended first. Forces the switch at the timeout. */
    private boolean awaitSwitch(SocketSession old, SocketSession fresh) throws InterruptedException {
        long deadline = context.time().nanoTime() + settings.switchTimeout().toNanos();
        while (true) {
            long left = deadline - context.time().nanoTime();
            Signal signal = left > 0 ? signals.poll(left, TimeUnit.NANOSECONDS) : null;
            if (signal == null) {
                dispatcher.promote(fresh);
                return true;
            }
            if (signal.generation == old.generation() && signal.kind == Kind.ENDED) {
                dispatcher.lost(old, signal.cause);
            } else if (signal.generation == fresh.generation()) {
                return signal.kind == Kind.SWITCHED;
            }
        }
    }
}
