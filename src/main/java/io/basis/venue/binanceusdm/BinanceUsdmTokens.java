package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.model.PriceLevel;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Value readers over a streaming {@link JsonParser} positioned on a value token. A value of an unexpected JSON type
 * is skipped and reported as absent ({@code null} or {@link #MISSING}), so that fields shared by name with event
 * types Basis does not consume never fail a frame; the message builders then reject absent required fields with one
 * "missing or invalid" reason. Stateless.
 */
final class BinanceUsdmTokens {

    /** Marks an absent or mistyped integer field (no Binance id or time is ever this value). */
    static final long MISSING = Long.MIN_VALUE;

    private BinanceUsdmTokens() {
    }

    static String string(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    /**
     * A string that is usually one of {@code known} (event types, intervals): returns the constant itself, so no
     * String is allocated and later switches and map lookups reuse its cached hash; other text is returned as read.
     */
    static String known(JsonParser p, JsonToken t, String[] known) {
        if (t != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        char[] text = p.getStringCharacters();
        int offset = p.getStringOffset();
        int length = p.getStringLength();
        for (String candidate : known) {
            if (candidate.length() == length && sameChars(candidate, text, offset)) {
                return candidate;
            }
        }
        return new String(text, offset, length);
    }

    private static boolean sameChars(String s, char[] text, int offset) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != text[offset + i]) {
                return false;
            }
        }
        return true;
    }

    static long integer(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        p.skipChildren();
        return MISSING;
    }

    static Boolean bool(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        p.skipChildren();
        return null;
    }

    /**
     * The decimal exactly as written: built straight from the parser's character buffer (no intermediate String),
     * keeping the venue's scale, so {@code "0.0010"} stays {@code 0.0010}. Empty strings (Binance's "no value", e.g.
     * {@code "r":""}) and unparsable text read as null.
     */
    static BigDecimal decimal(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            int length = p.getStringLength();
            if (length == 0) {
                return null;
            }
            try {
                return decimal(p.getStringCharacters(), p.getStringOffset(), length);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return new BigDecimal(p.getString());
        }
        p.skipChildren();
        return null;
    }

    /**
     * Parses {@code [-]digits[.digits]} of at most 18 digits (every Binance price, quantity and rate) straight into
     * an unscaled long and a scale, several times faster than the general {@link BigDecimal} text constructor and
     * with the identical result (same unscaled value, same scale); anything else (exponent, sign {@code +}, more
     * digits) takes the general constructor.
     *
     * @throws NumberFormatException for text that is not a decimal
     */
    static BigDecimal decimal(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && text[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return new BigDecimal(text, offset, length);
                }
                unscaled = unscaled * 10 + (c - '0');
                scale += point ? 1 : 0;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return new BigDecimal(text, offset, length);
            }
        }
        if (digits == 0) {
            return new BigDecimal(text, offset, length);
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /** Reads {@code [["price","qty"], ...]} from its START_ARRAY; extra elements in a level are ignored. */
    static List<PriceLevel> levels(JsonParser p, String context) {
        List<PriceLevel> levels = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            BigDecimal price = decimal(p, p.nextToken());
            BigDecimal amount = decimal(p, p.nextToken());
            if (price == null || amount == null) {
                throw new MalformedFrameException(context + ": level is not [price, quantity]");
            }
            levels.add(new PriceLevel(price, amount));
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                requirePresent(t, context);
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_ARRAY) {
            requirePresent(t, context);
            throw new MalformedFrameException(context + ": level is not an array");
        }
        return levels;
    }

    /** Jackson reports a truncated document as end-of-input (null); say so instead of failing later. */
    static void requirePresent(JsonToken t, String context) {
        if (t == null) {
            throw new MalformedFrameException(context + ": truncated frame");
        }
    }

    static long need(long value, String type, String field) {
        if (value == MISSING) {
            throw missing(type, field);
        }
        return value;
    }

    static <T> T need(T value, String type, String field) {
        if (value == null) {
            throw missing(type, field);
        }
        return value;
    }

    static Long optional(long value) {
        return value == MISSING ? null : value;
    }

    static MalformedFrameException missing(String type, String field) {
        return new MalformedFrameException(type + ": field '" + field + "' missing or invalid");
    }
}
