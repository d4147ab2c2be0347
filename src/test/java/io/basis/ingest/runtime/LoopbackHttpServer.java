package io.basis.ingest.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scripted HTTP server on 127.0.0.1: answers every request with the next scripted reply (the last one
 * repeats) and records request targets. Status 0 closes the connection without answering.
 */
final class LoopbackHttpServer implements AutoCloseable {
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }

        Reply with(String header, String value) {
            var copy = new java.util.LinkedHashMap<>(headers);
            copy.put(header, value);
            return new Reply(status, body, copy);
        }
    }

    private final HttpServer server;
    private final List<Reply> script = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void script(Reply... replies) {
        script.clear();
        script.addAll(List.of(replies));
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        synchronized (this) {
            requests.add(exchange.getRequestURI().toString());
            reply = script.get(Math.min(requests.size() - 1, script.size() - 1));
        }
        try (exchange) {
            if (reply.status() == 0) {
                return;
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
