package io.basis.simulator;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The sending side of one {@link SimConnection}: applies mutators to data frames, suppresses everything while
 * silent, and keeps the log of frames written. All sends are serialized on this object, so frames leave in call
 * order and each one-shot mutator changes exactly one frame.
 */
final class Outbox {
    private final WebSocket socket;
    private final UnaryOperator<String> simulatorMutations;
    private final List<String> sent = new ArrayList<>();
    private final Deque<UnaryOperator<String>> mutators = new ArrayDeque<>();
    private final AtomicInteger suppressed = new AtomicInteger();
    private final AtomicInteger pingsSent = new AtomicInteger();
    private volatile boolean silent;

    Outbox(WebSocket socket, UnaryOperator<String> simulatorMutations) {
        this.socket = socket;
        this.simulatorMutations = simulatorMutations;
    }

    synchronized boolean send(String frame) {
        String out = silenced() ? null : mutators.isEmpty() ? frame : mutators.poll().apply(frame);
        out = out == null ? null : simulatorMutations.apply(out);
        return out != null && write(out);
    }

    synchronized boolean reply(String frame) {
        return !silenced() && write(frame);
    }

    synchronized boolean sendBinary(byte[] data) {
        if (silenced()) {
            return false;
        }
        try {
            socket.send(data);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    synchronized void mutateNext(UnaryOperator<String> mutation) {
        mutators.add(mutation);
    }

    synchronized void ping() {
        if (silenced()) {
            return;
        }
        pingsSent.incrementAndGet(); // before sending, so a fast pong never outruns the count
        try {
            socket.sendPing();
        } catch (WebsocketNotConnectedException e) {
            pingsSent.decrementAndGet();
        }
    }

    synchronized void silent(boolean on) {
        silent = on;
    }

    boolean isSilent() {
        return silent;
    }

    /** Whether a client ping may be answered now; while silent it counts as suppressed. */
    boolean mayAnswerPing() {
        return !silenced();
    }

    int suppressed() {
        return suppressed.get();
    }

    int pingsSent() {
        return pingsSent.get();
    }

    synchronized List<String> sentFrames() {
        return List.copyOf(sent);
    }

    private boolean write(String frame) {
        try {
            socket.send(frame);
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
        sent.add(frame);
        return true;
    }

    private boolean silenced() {
        if (silent) {
            suppressed.incrementAndGet();
        }
        return silent;
    }
}
