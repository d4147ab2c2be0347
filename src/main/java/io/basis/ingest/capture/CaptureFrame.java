package io.basis.ingest.capture;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of a capture (format in {@link io.basis.ingest.capture the package documentation}): a WebSocket frame or
 * connection event, or one half of a REST exchange. Immutable; {@code time} is truncated to microseconds, the
 * precision the format keeps, so a frame equals itself after a round trip.
 *
 * @param time       when the frame was sent or received
 * @param connection the WebSocket URL as opened, or the full REST request URL
 * @param direction  in, out, open or close
 * @param message    the frame text as on the wire; empty for {@code open}
 * @param status     the HTTP status, present exactly on REST {@code in} frames
 */
public record CaptureFrame(Instant time, String connection, Direction direction, String message, OptionalInt status) {

    /** The {@code "d"} value of a line. */
    public enum Direction {
        /** Venue to us. */
        IN,
        /** Us to venue. */
        OUT,
        /** Connection established (WebSocket handshake done). */
        OPEN,
        /** Connection ended, or a REST request failed without a response. */
        CLOSE;

        /** The spelling in a capture line: {@code in}, {@code out}, {@code open}, {@code close}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The direction spelled {@code wire}, exact lower case, if any. */
        public static Optional<Direction> fromWire(String wire) {
            return switch (wire) {
                case "in" -> Optional.of(IN);
                case "out" -> Optional.of(OUT);
                case "open" -> Optional.of(OPEN);
                case "close" -> Optional.of(CLOSE);
                default -> Optional.empty();
            };
        }
    }

    /**
     * Validates and normalises the frame.
     *
     * @throws IllegalArgumentException when {@code connection} is blank, or {@code status} is out of 100..599, or is
     *                                  present on anything but a REST {@code in} frame, or missing from one
     */
    public CaptureFrame {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        if (connection.isBlank()) {
            throw new IllegalArgumentException("connection must not be blank");
        }
        boolean response = direction == Direction.IN && isHttp(connection);
        if (status.isPresent() && !response) {
            throw new IllegalArgumentException("an HTTP status belongs only on a REST \"in\" frame");
        }
        if (response && status.isEmpty()) {
            throw new IllegalArgumentException("a REST \"in\" frame needs its HTTP status");
        }
        if (status.isPresent() && (status.getAsInt() < 100 || status.getAsInt() > 599)) {
            throw new IllegalArgumentException("HTTP status out of 100..599: " + status.getAsInt());
        }
        time = time.truncatedTo(ChronoUnit.MICROS);
    }

    /** A WebSocket message received from the venue. */
    public static CaptureFrame received(Instant time, String url, String message) {
        return new CaptureFrame(time, url, Direction.IN, message, OptionalInt.empty());
    }

    /** A WebSocket message sent to the venue. */
    public static CaptureFrame sent(Instant time, String url, String message) {
        return new CaptureFrame(time, url, Direction.OUT, message, OptionalInt.empty());
    }

    /** A WebSocket connection whose handshake completed. */
    public static CaptureFrame opened(Instant time, String url) {
        return new CaptureFrame(time, url, Direction.OPEN, "", OptionalInt.empty());
    }

    /** A WebSocket connection that ended ({@code "<code> <reason>"} or a cause), or a REST request that failed. */
    public static CaptureFrame closed(Instant time, String url, String cause) {
        return new CaptureFrame(time, url, Direction.CLOSE, cause, OptionalInt.empty());
    }

    /** A REST request: {@code m} becomes the request line without HTTP version, e.g. {@code GET /x?y=1}. */
    public static CaptureFrame restRequest(Instant time, String url, String method) {
        URI uri = URI.create(url);
        String target = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        return new CaptureFrame(time, url, Direction.OUT, method.toUpperCase(Locale.ROOT) + " " + target,
                OptionalInt.empty());
    }

    /** A REST response with its HTTP status and body. */
    public static CaptureFrame restResponse(Instant time, String url, int status, String body) {
        return new CaptureFrame(time, url, Direction.IN, body, OptionalInt.of(status));
    }

    /** Whether this frame belongs to a REST exchange ({@code http://} or {@code https://} connection). */
    public boolean isRest() {
        return isHttp(connection);
    }

    static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
    }
}
