package io.basis.venue.deribit;

import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Tree access to Deribit JSON with exact decimals. Deribit sends every price and amount as a JSON number, so the
 * mapper reads floats as {@link BigDecimal} straight from the token text (never through {@code double}) and keeps
 * trailing zeros ({@code 53270.0} stays {@code 53270.0}). The mapper is immutable and thread-safe.
 */
final class DeribitJson {

    private DeribitJson() {
    }

    static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new MalformedFrameException(what + ": expected a JSON object");
        }
        return node;
    }

    static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new MalformedFrameException(what + ": expected a JSON array");
        }
        return node;
    }

    static String text(JsonNode obj, String field, String what) {
        String s = optionalText(obj, field);
        if (s == null) {
            throw VenueJson.missing(what, field);
        }
        return s;
    }

    static String optionalText(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v != null && v.isString() && !v.stringValue().isEmpty() ? v.stringValue() : null;
    }

    static BigDecimal decimal(JsonNode obj, String field, String what) {
        BigDecimal d = optionalDecimal(obj, field);
        if (d == null) {
            throw VenueJson.missing(what, field);
        }
        return d;
    }

    /** The number exactly as written; null when absent or JSON null. A non-number is malformed. */
    static BigDecimal optionalDecimal(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new MalformedFrameException("field '" + field + "' is not a number");
        }
        return v.decimalValue();
    }

    static long integer(JsonNode obj, String field, String what) {
        JsonNode v = obj.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw VenueJson.missing(what, field);
        }
        return v.longValue();
    }

    static Long optionalInteger(JsonNode obj, String field, String what) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return integer(obj, field, what);
    }
}
