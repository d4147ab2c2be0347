package io.basis.ingest.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Opens and subscribes the sockets of one {@link StreamConnection}: numbers them, counts connection attempts
 * (each is a collection in {@link io.basis.ingest.CollectionStatistics}) and reconnects, and sends the
 * heartbeat's opening messages followed by the current subscriptions. Failures are counted and logged once per
 * kind, never thrown. Used only by the connection's control thread.
 */
final class SessionOpener {
    private final StreamSettings settings;
    private final RuntimeContext context;
    private final Heartbeat heartbeat;
    private final Supplier<List<String>> subscriptions;
    private final StreamStats stats;
    private final SocketSession.Events events;
    private final String where;
    private long generations;
    private boolean connectedBefore;

    SessionOpener(StreamSettings settings, RuntimeContext context, Heartbeat heartbeat,
                  Supplier<List<String>> subscriptions, StreamStats stats, FrameDispatcher dispatcher,
                  BiConsumer<SocketSession, String> ended) {
        this.settings = settings;
        this.context = context;
        this.heartbeat = heartbeat;
        this.subscriptions = subscriptions;
        this.stats = stats;
        this.events = events(dispatcher, ended);
        this.where = settings.venue() + "/" + settings.name();
    }

    /** Frames go to the dispatcher; the end of a socket to {@code ended} (the control thread's signal). */
    private static SocketSession.Events events(FrameDispatcher dispatcher, BiConsumer<SocketSession, String> ended) {
        return new SocketSession.Events() {
            @Override
            public void frame(SocketSession session, String text, Instant receivedAt) {
                dispatcher.frame(session, text, receivedAt);
            }

            @Override
            public void binary(SocketSession session) {
                dispatcher.binary(session);
            }

            @Override
            public void ended(SocketSession session, String cause) {
                ended.accept(session, cause);
            }
        };
    }

    /** A newly opened socket, or {@code null} if the attempt failed. */
    SocketSession connect() throws InterruptedException {
        try {
            SocketSession s = SocketSession.open(++generations, settings, context, events);
            stats.connected(settings.uri(), s.openedAt());
            if (connectedBefore) {
                stats.reconnected();
            }
            connectedBefore = true;
            return s;
        } catch (SocketSession.ConnectFailure e) {
            stats.connectFailed();
            context.registry().errorLog().record(where, "connect-" + e.cause, settings.uri().toString(), e);
            return null;
        }
    }

    /** Sends the opening and subscription messages; true once all went out on a still-open socket. */
    boolean subscribe(SocketSession s) throws InterruptedException {
        List<String> messages = new ArrayList<>(heartbeat.onOpen());
        try {
            messages.addAll(subscriptions.get());
        } catch (RuntimeException e) {
            context.registry().errorLog().record(where, "subscriptions-failed", null, e);
            return false;
        }
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        for (String m : messages) {
            last = s.send(m);
        }
        try {
            last.get();
        } catch (ExecutionException | CancellationException e) {
            return false;
        }
        s.markSubscribed();
        return !s.ended();
    }
}
