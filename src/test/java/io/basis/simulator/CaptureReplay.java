package io.basis.simulator;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureFrame.Direction;
import io.basis.ingest.capture.CaptureReader;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Feeds a capture ({@link io.basis.ingest.capture}) into the simulator: received WebSocket frames are pushed to the
 * simulator connections that stand in for the captured ones, and REST responses become scripted routes. The capture
 * is read once, streaming, on the calling thread.
 */
public final class CaptureReplay {
    /**
     * What a WebSocket replay did.
     *
     * @param frames    received WebSocket frames in the capture
     * @param delivered frames that reached at least one connection
     * @param unmatched frames with no open connection on their path (or skipped by the mapping)
     */
    public record Stats(long frames, long delivered, long unmatched) {
    }

    private CaptureReplay() {
    }

    /** The default mapping: the URL's path, e.g. {@code wss://fstream.binance.com/market/stream?streams=x} gives
     * {@code /market/stream}. */
    public static String pathOf(String url) {
        String path = URI.create(url).getPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    static Stats replayWebSocket(WsSimulator ws, CaptureReader capture, Function<String, String> pathFor) {
        long frames = 0;
        long delivered = 0;
        while (capture.hasNext()) {
            CaptureFrame frame = capture.next();
            if (frame.isRest() || frame.direction() != Direction.IN) {
                continue;
            }
            frames++;
            String path = pathFor.apply(frame.connection());
            if (path != null && ws.broadcast(path, frame.message()) > 0) {
                delivered++;
            }
        }
        return new Stats(frames, delivered, frames - delivered);
    }

    static int loadRest(RestSimulator rest, CaptureReader capture) {
        Map<String, List<RestResponse>> byUrl = new LinkedHashMap<>();
        while (capture.hasNext()) {
            CaptureFrame frame = capture.next();
            if (frame.isRest() && frame.direction() == Direction.IN) {
                byUrl.computeIfAbsent(frame.connection(), url -> new ArrayList<>())
                        .add(RestResponse.status(frame.status().orElseThrow(), frame.message()));
            }
        }
        int loaded = 0;
        for (Map.Entry<String, List<RestResponse>> entry : byUrl.entrySet()) {
            URI uri = URI.create(entry.getKey());
            RestRoute route = rest.on(uri.getPath());
            QueryParams.parse(uri.getRawQuery()).forEach((name, values) -> route.withQuery(name, values.getFirst()));
            route.respond(entry.getValue().toArray(RestResponse[]::new));
            loaded += entry.getValue().size();
        }
        return loaded;
    }
}
