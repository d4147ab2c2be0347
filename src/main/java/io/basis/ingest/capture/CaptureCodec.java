package io.basis.ingest.capture;

import io.basis.ingest.capture.CaptureFrame.Direction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;

/**
 * Converts one {@link CaptureFrame} to and from one capture line (format in
 * {@link io.basis.ingest.capture the package documentation}). Stateless and thread-safe.
 */
public final class CaptureCodec {
    /** The longest line, in bytes without its line end, that writers produce and readers accept: 64 MiB. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_BYTES).build())
            .build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CaptureCodec() {
    }

    /** The line for {@code frame}, without line end. */
    public static String encode(CaptureFrame frame) {
        StringBuilder line = new StringBuilder(frame.message().length() + frame.connection().length() + 64);
        line.append("{\"t\":\"").append(TIME.format(frame.time())).append("\",\"c\":");
        appendString(line, frame.connection());
        line.append(",\"d\":\"").append(frame.direction().wire()).append("\",\"m\":");
        appendString(line, frame.message());
        frame.status().ifPresent(s -> line.append(",\"s\":").append(s));
        return line.append('}').toString();
    }

    /**
     * The frame a line holds.
     *
     * @throws IllegalArgumentException naming what is wrong when the line is malformed
     */
    public static CaptureFrame decode(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length);
    }

    static CaptureFrame decode(byte[] buffer, int offset, int length) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), buffer, offset, length)) {
            return readFrame(parser);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + where);
        }
    }

    private static CaptureFrame readFrame(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String time = null;
        String connection = null;
        String direction = null;
        String message = null;
        Integer status = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            parser.nextToken();
            switch (key) {
                case "t" -> time = once(key, time, string(parser, key));
                case "c" -> connection = once(key, connection, string(parser, key));
                case "d" -> direction = once(key, direction, string(parser, key));
                case "m" -> message = once(key, message, string(parser, key));
                case "s" -> status = once(key, status, integer(parser));
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new IllegalArgumentException("content after the JSON object");
        }
        return toFrame(time, connection, direction, message, status);
    }

    private static CaptureFrame toFrame(String time, String connection, String direction, String message,
                                        Integer status) {
        require("t", time);
        require("c", connection);
        require("d", direction);
        require("m", message);
        Direction d = Direction.fromWire(direction)
                .orElseThrow(() -> new IllegalArgumentException("unknown \"d\": \"" + direction + "\""));
        Instant at;
        try {
            at = DateTimeFormatter.ISO_INSTANT.parse(time, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"t\" is not an ISO-8601 instant: \"" + time + "\"");
        }
        return new CaptureFrame(at, connection, d, message,
                status == null ? OptionalInt.empty() : OptionalInt.of(status));
    }

    private static <T> T once(String key, T previous, T value) {
        if (previous != null) {
            throw new IllegalArgumentException("duplicate key \"" + key + "\"");
        }
        return value;
    }

    private static void require(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("missing key \"" + key + "\"");
        }
    }

    private static String string(JsonParser parser, String key) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("\"" + key + "\" is not a string");
        }
        return parser.getString();
    }

    private static Integer integer(JsonParser parser) {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                || !(parser.getNumberValue() instanceof Integer value)) {
            throw new IllegalArgumentException("\"s\" is not an HTTP status code");
        }
        return value;
    }

    /** Appends {@code value} as a JSON string: escapes quotes, backslashes, controls and lone surrogates. */
    private static void appendString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        appendEscape(out, ch);
                    } else if (Character.isHighSurrogate(ch) && i + 1 < length
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(ch).append(value.charAt(++i));
                    } else if (Character.isSurrogate(ch)) {
                        appendEscape(out, ch);
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendEscape(StringBuilder out, char ch) {
        out.append("\\u").append(HEX[ch >> 12 & 0xF]).append(HEX[ch >> 8 & 0xF])
                .append(HEX[ch >> 4 & 0xF]).append(HEX[ch & 0xF]);
    }
}
