package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * JSON plumbing shared by the venue's readers: the streaming factory for WebSocket frames and tree access with
 * venue-specific strictness for REST bodies (small, infrequent, so clarity beats speed there). Both Jackson objects
 * are immutable and thread-safe.
 */
final class BinanceUsdmJson {

    /**
     * Interned property names: the symbol table interns each name once, after which the readers' {@code switch}
     * on names matches by reference instead of comparing characters.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
            .build();

    private BinanceUsdmJson() {
    }

    static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new MalformedFrameException(what + ": expected a JSON array");
        }
        return node;
    }

    static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new MalformedFrameException(what + ": expected a JSON object");
        }
        return node;
    }

    /** A required non-empty string field. */
    static String text(JsonNode obj, String field, String what) {
        String s = optionalText(obj, field);
        if (s == null) {
            throw BinanceUsdmTokens.missing(what, field);
        }
        return s;
    }

    static String optionalText(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v != null && v.isString() && !v.stringValue().isEmpty() ? v.stringValue() : null;
    }

    /** A required decimal, from a string (as Binance sends them) or a number, exactly as written. */
    static BigDecimal decimal(JsonNode obj, String field, String what) {
        BigDecimal d = decimalValue(obj.get(field));
        if (d == null) {
            throw BinanceUsdmTokens.missing(what, field);
        }
        return d;
    }

    static BigDecimal optionalDecimal(JsonNode obj, String field) {
        return decimalValue(obj.get(field));
    }

    /** The decimal of one node; null for absent, null, empty or unparsable values. */
    static BigDecimal decimalValue(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (!v.isString() || v.stringValue().isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v.stringValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A required integer (time, id), as a number or as a numeric string ({@code /futures/data/*} send both). */
    static long integer(JsonNode obj, String field, String what) {
        JsonNode v = obj.get(field);
        if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v != null && v.isString()) {
            try {
                return Long.parseLong(v.stringValue());
            } catch (NumberFormatException e) {
                throw BinanceUsdmTokens.missing(what, field);
            }
        }
        throw BinanceUsdmTokens.missing(what, field);
    }
}
