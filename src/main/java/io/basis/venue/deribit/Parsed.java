package io.basis.venue.deribit;

import io.basis.model.MarketEvent;
import io.basis.venue.deribit.DeribitMessages.BookChange;

import java.util.List;
import java.util.Objects;

/**
 * What one Deribit WebSocket frame turned out to be. Replies, heartbeats and book notifications (which only a
 * per-instrument {@link DeribitBookSequencer} can use) are recognised, not forced into events.
 */
public sealed interface Parsed {

    /** Normalized events of one {@code subscription} notification; {@code channel} is its channel name. */
    record Events(String channel, List<MarketEvent> events) implements Parsed {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** A {@code book.*} notification for the instrument's book sequencer. */
    record Book(String channel, BookChange change) implements Parsed {
        public Book {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * A JSON-RPC reply with a {@code result}.
     *
     * @param channels the string elements of an array result (the channels a {@code public/subscribe} accepted);
     *                 empty for any other result
     */
    record Reply(long id, List<String> channels) implements Parsed {
        public Reply {
            channels = List.copyOf(channels);
        }
    }

    /** A JSON-RPC reply with {@code error:{code,message}}; {@code id} is null when the venue sends none. */
    record ErrorReply(Long id, int code, String message) implements Parsed {
    }

    /**
     * A {@code heartbeat} notification. When {@code testRequest} is true the client must answer with
     * {@link DeribitChannels#test(long)} at once or the server closes the socket.
     */
    record Heartbeat(boolean testRequest) implements Parsed {
    }

    /** A well-formed notification of a channel Basis does not consume; never an error. */
    record Unsupported(String channel) implements Parsed {
    }
}
