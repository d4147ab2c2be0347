package io.basis.simulator;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Adapts Java-WebSocket's server callbacks to {@link WsSimulator}. The library's own keep-alive pings are off
 * ({@code connectionLostTimeout 0}) so that only the test decides when pings are sent. Callbacks of one connection
 * run on one library worker thread, in order.
 */
final class SimServer extends WebSocketServer {
    private final WsSimulator owner;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    SimServer(WsSimulator owner) throws IOException {
        super(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        this.owner = owner;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
    }

    void startAndWait() throws IOException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IOException("WebSocket server did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting the WebSocket server", e);
        }
        if (startFailure != null) {
            throw new IOException("WebSocket server failed to start", startFailure);
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        if (owner.refuse()) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "connection refused by simulator");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        owner.opened(conn, handshake.getResourceDescriptor());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        SimConnection connection = conn.getAttachment();
        if (connection != null) {
            owner.received(connection, message);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        SimConnection connection = conn.getAttachment();
        if (connection != null) {
            connection.recordClose(code, reason, remote);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && started.getCount() > 0) {
            startFailure = ex;
            started.countDown();
        } else {
            owner.recordError(ex);
        }
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        SimConnection connection = conn.getAttachment();
        if (connection == null || connection.mayAnswerPing()) {
            super.onWebsocketPing(conn, ping);
        }
        if (connection != null) {
            connection.recordClientPing();
        }
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata pong) {
        SimConnection connection = conn.getAttachment();
        if (connection != null) {
            connection.recordPong();
        }
    }
}
