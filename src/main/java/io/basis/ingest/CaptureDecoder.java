package io.basis.ingest;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.util.List;
import java.util.Map;

/**
 * Turns a venue's captured frames back into events through the same parsing, normalizing, storage-policy and
 * order-book code its live connector uses ({@code basis replay}). Frames must be fed in capture order. Not
 * thread-safe.
 */
public interface CaptureDecoder {

    /**
     * The events one frame gives (after the channel storage policies), possibly none: WebSocket {@code in} frames
     * and REST {@code in} responses are decoded; {@code out}, {@code open} and {@code close} frames only count.
     * A frame that cannot be parsed is counted under its reason, never thrown.
     */
    List<MarketEvent> decode(CaptureFrame frame);

    /**
     * The events still held back after the last frame (updates thinned by a {@code snapshot-interval} whose interval
     * had not passed yet, which the live connector stores once it has); call once, at the end of the capture.
     */
    default List<MarketEvent> finish() {
        return List.of();
    }

    /** What has been decoded so far. */
    Summary summary();

    /**
     * Counters for the replay summary.
     *
     * @param frames      frames seen, whatever their direction
     * @param events      events produced, by type
     * @param parseErrors frames that could not be parsed, by reason
     * @param unsupported well-formed frames of a type Basis does not consume (and REST paths it does not read)
     */
    record Summary(long frames, Map<EventType, Long> events, Map<String, Long> parseErrors, long unsupported) {
        public Summary {
            events = Map.copyOf(events);
            parseErrors = Map.copyOf(parseErrors);
        }

        public long totalEvents() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalParseErrors() {
            return parseErrors.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
