package io.basis.venue.binanceusdm;

import io.basis.model.MarketEvent;
import io.basis.venue.binanceusdm.BinanceUsdmMessages.DepthDiff;

import java.util.List;
import java.util.Objects;

/**
 * What one WebSocket frame turned out to be. Frames that are not market data (subscription replies) and diff-depth
 * updates (which only make sense to a per-symbol {@link BinanceUsdmBookSequencer}) are recognised, not forced into
 * events. {@code stream} is the combined-stream name the frame was wrapped in, or null for a raw-mode frame.
 */
public sealed interface Parsed {

    /** Normalized events; one frame may give several (a mark-price update gives mark, index and funding). */
    record Events(String stream, List<MarketEvent> events) implements Parsed {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** A {@code depthUpdate}; the caller routes it to the symbol's book sequencer. */
    record Depth(String stream, DepthDiff diff) implements Parsed {
        public Depth {
            Objects.requireNonNull(diff, "diff");
        }
    }

    /**
     * A reply to a SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY request, e.g.
     * {@code {"result":null,"id":1}}.
     *
     * @param streams the LIST_SUBSCRIPTIONS result; empty for every other reply (a GET_PROPERTY boolean is not kept)
     */
    record Ack(long id, List<String> streams) implements Parsed {
        public Ack {
            streams = List.copyOf(streams);
        }
    }

    /**
     * An error reply, e.g. {@code {"code":2,"msg":"Invalid request: ..."}}; also accepted in the nested form
     * {@code {"error":{"code":..,"msg":..},"id":..}}.
     *
     * @param id the request id when the venue echoes it, else null
     */
    record ErrorReply(Long id, int code, String message) implements Parsed {
    }

    /** A well-formed event of a type Basis does not consume (e.g. {@code bookTicker}); never an error. */
    record Unsupported(String stream, String eventType) implements Parsed {
    }
}
