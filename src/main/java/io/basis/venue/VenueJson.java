package io.basis.venue;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tree reads of venue JSON with exact decimals, shared by the venue packages: JSON numbers are read as
 * {@link java.math.BigDecimal} straight from the token text (never through {@code double}) with trailing zeros
 * kept ({@code 53270.0} stays {@code 53270.0}). Failures become {@link MalformedFrameException}s with short, stable
 * reasons. Immutable and thread-safe.
 */
public final class VenueJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private VenueJson() {
    }

    /** The shared mapper, also for building outgoing messages. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static JsonNode tree(byte[] body, String what) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalid(what, e);
        }
    }

    public static JsonNode tree(String body, String what) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalid(what, e);
        }
    }

    /**
     * A stable, short reason for a Jackson failure (the original message names positions, which would make every
     * occurrence a distinct reason).
     */
    public static MalformedFrameException invalid(String what, JacksonException e) {
        String original = e.getOriginalMessage();
        boolean truncated = original != null && original.startsWith("Unexpected end-of-input");
        return new MalformedFrameException(what + (truncated ? ": truncated JSON" : ": invalid JSON"), e);
    }

    public static MalformedFrameException missing(String what, String field) {
        return new MalformedFrameException(what + ": field '" + field + "' missing or invalid");
    }
}
