package io.basis.ingest.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The single dispatch thread of one {@link StreamConnection}. Frames of all its sockets and the control thread's
 * instructions are queued to one virtual thread and run in submission order, so the handler sees one ordered
 * sequence, and all delivery state below is confined to that thread.
 *
 * <p>Only the <em>active</em> socket's frames are delivered. A replacement socket offered as <em>candidate</em>
 * takes over at its first frame after it has subscribed; from then on the old socket's frames are dropped
 * (make-before-break). When the active socket is lost, the receive time of the last delivered frame opens a
 * pending gap, which the first frame of the next active socket closes and reports to the {@link GapSink}.
 */
final class FrameDispatcher {
    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

    private final StreamSettings settings;
    private final FrameHandler handler;
    private final Heartbeat heartbeat;
    private final StreamStats stats;
    private final RuntimeContext context;
    private final Consumer<SocketSession> switched;
    private final ExecutorService thread;

    private SocketSession active;
    private SocketSession candidate;
    private boolean activeStarted;
    private Instant lastDeliveredAt;
    private Instant gapFrom;
    private String gapCause;
    private boolean stopped;

    FrameDispatcher(StreamSettings settings, FrameHandler handler, Heartbeat heartbeat, StreamStats stats,
                    RuntimeContext context, Consumer<SocketSession> switched) {
        this.settings = settings;
        this.handler = handler;
        this.heartbeat = heartbeat;
        this.stats = stats;
        this.context = context;
        this.switched = switched;
        this.thread = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("basis-ws-dispatch-" + settings.venue() + "-" + settings.name()).factory());
    }

    /** From a listener thread: queue the frame; the socket reads its next message once it has been handled. */
    void frame(SocketSession session, String text, Instant at) {
        run(() -> {
            try {
                deliver(session, text, at);
            } finally {
                session.requestNext();
            }
        }, session);
    }

    void binary(SocketSession session) {
        run(() -> {
            if (session == active) {
                stats.parseError("binary-frame", null);
            }
            session.requestNext();
        }, session);
    }

    /** A freshly connected socket replaces a lost one (no overlap). */
    void activate(SocketSession session) {
        run(() -> {
            active = session;
            activeStarted = false;
        }, null);
    }

    /** A replacement socket that takes over at its first frame after subscribing. */
    void offerCandidate(SocketSession session) {
        run(() -> candidate = session, null);
    }

    /** Makes the candidate active now, without waiting for a frame (quiet streams). */
    void promote(SocketSession session) {
        run(() -> {
            if (session == candidate) {
                takeOver(session);
            }
        }, null);
    }

    /** The socket stopped delivering; if it was the active one the stream is down from its last frame. */
    void lost(SocketSession session, String cause) {
        run(() -> {
            if (session == candidate) {
                candidate = null;
            }
            if (session != active) {
                return;
            }
            active = null;
            if (lastDeliveredAt != null && gapFrom == null) {
                gapFrom = lastDeliveredAt;
                gapCause = cause;
            }
        }, null);
    }

    /**
     * Stops delivery after everything queued so far; a stream still down is reported as a gap ending now.
     * Waits up to {@code wait} for the thread to finish.
     */
    void stop(Duration wait) throws InterruptedException {
        run(() -> {
            if (gapFrom != null) {
                reportGap(context.time().now());
            }
            stopped = true;
        }, null);
        thread.shutdown();
        thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(SocketSession session, String text, Instant at) {
        if (stopped) {
            return;
        }
        if (session == candidate && session.subscribed()) {
            takeOver(session);
        }
        if (session != active) {
            return;
        }
        if (!activeStarted) {
            activeStarted = true;
            if (gapFrom != null) {
                reportGap(at);
            }
            handler.sessionStarted(at);
        }
        lastDeliveredAt = at;
        stats.message(utf8Length(text), at);
        context.tap().frame(settings.uri().toString(), FrameTap.Direction.IN, text, at);
        String reply = heartbeat.replyTo(text);
        if (reply != null) {
            session.send(reply);
        }
        if (heartbeat.consumes(text)) {
            return;
        }
        try {
            handler.frame(text, at);
        } catch (RuntimeException e) {
            stats.parseError("handler-exception", text, e);
        }
    }

    private void takeOver(SocketSession session) {
        active = session;
        candidate = null;
        activeStarted = false;
        switched.accept(session);
    }

    private void reportGap(Instant to) {
        Instant from = gapFrom;
        String cause = gapCause;
        gapFrom = null;
        gapCause = null;
        stats.gap();
        log.info("{}/{}: stream gap {} .. {} ({})", settings.venue(), settings.name(), from, to, cause);
        try {
            context.gaps().streamGap(settings.venue(), settings.name(), from, to, cause);
        } catch (RuntimeException e) {
            context.registry().errorLog().record(settings.venue() + "/" + settings.name(), "gap-sink-failed",
                    from + ".." + to, e);
        }
    }

    private void run(Runnable task, SocketSession session) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException afterStop) {
            if (session != null) {
                session.close(GapSink.DISCONNECT, false);
            }
        }
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
