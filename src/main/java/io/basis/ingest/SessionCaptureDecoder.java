package io.basis.ingest;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every session-based {@link CaptureDecoder} shares: frames, events by type, parse errors by reason
 * and unsupported frames counted for the {@link Summary}; before each frame, the events its venue session held back
 * by a {@code snapshot-interval} whose interval the frame's capture time has passed (as the live connector's
 * periodic flush stores them), then the frame's own events; the rest at {@link #finish()}. A subclass decodes
 * WebSocket and REST {@code in} frames with its venue's session and reports parse errors and unsupported frames
 * through {@link #parseError} and {@link #unsupported}. Not thread-safe.
 */
public abstract class SessionCaptureDecoder implements CaptureDecoder {

    private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
    private final Map<String, Long> parseErrors = new LinkedHashMap<>();
    private long frames;
    private long unsupported;

    /** The events the session held back whose interval has passed at {@code time}. */
    protected abstract List<MarketEvent> flushDue(Instant time);

    /** The events of one WebSocket {@code in} frame. */
    protected abstract List<MarketEvent> onFrame(String message, Instant time);

    /** The events of one REST {@code in} response. */
    protected abstract List<MarketEvent> rest(CaptureFrame frame);

    /** Everything the session still holds back. */
    protected abstract List<MarketEvent> drain();

    @Override
    public final List<MarketEvent> decode(CaptureFrame frame) {
        frames++;
        List<MarketEvent> due = flushDue(frame.time());
        if (frame.direction() != CaptureFrame.Direction.IN) {
            return counted(due);
        }
        List<MarketEvent> own = frame.isRest() ? rest(frame) : onFrame(frame.message(), frame.time());
        if (due.isEmpty()) {
            return counted(own);
        }
        List<MarketEvent> out = new ArrayList<>(due);
        out.addAll(own);
        return counted(out);
    }

    @Override
    public final List<MarketEvent> finish() {
        return counted(drain());
    }

    @Override
    public final Summary summary() {
        return new Summary(frames, events, parseErrors, unsupported);
    }

    /** Counts a frame that could not be parsed under its reason. */
    protected final void parseError(String reason) {
        parseErrors.merge(reason, 1L, Long::sum);
    }

    /** Counts a well-formed frame (or REST path) Basis does not consume. */
    protected final void unsupported() {
        unsupported++;
    }

    private List<MarketEvent> counted(List<MarketEvent> out) {
        out.forEach(e -> events.merge(e.type(), 1L, Long::sum));
        return out;
    }

    /** The decoded parameters of a raw query string (none for {@code null}); pairs without a name are skipped. */
    protected static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The parameter {@code name} of a request. @throws IllegalArgumentException naming it when it is missing */
    protected static String required(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null) {
            throw new IllegalArgumentException("request has no '" + name + "' parameter");
        }
        return v;
    }
}
