package io.basis.api;

import io.basis.model.EventType;
import io.basis.store.GapState;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validation of the gap and backfill endpoints' inputs. Path variables arrive as text and are parsed here, so
 * {@code /backfill/abc} or {@code /backfill/1.5} get the same 400 naming the parameter and its range as
 * {@code /backfill/169}, never a conversion failure.
 */
final class GapParams {
    static final int MIN_HOURS = 1;
    static final int MAX_HOURS = 168;
    static final int MAX_LIMIT = 1000;
    /** Gap states of the ledger (open → backfilling → filled | unfillable; ignored; expanded). */
    static final List<String> STATES = Arrays.stream(GapState.values()).map(GapState::id).toList();
    /** Data types a gap can concern: every stored event type but instruments. */
    static final List<String> TYPES = Arrays.stream(EventType.values()).filter(t -> t != EventType.INSTRUMENT)
            .map(EventType::id).toList();

    private GapParams() {
    }

    /**
     * The {@code hours} of {@code POST /backfill/{hours}}: ASCII digits only, a whole number 1..168 ({@code 05} is 5),
     * else 400 naming the range - signs, spaces, exponents and decimals included, as no client means them.
     */
    static int hours(String text) {
        String s = text == null ? "" : text;
        if (s.matches("[0-9]{1,9}")) {
            int h = Integer.parseInt(s);
            if (h >= MIN_HOURS && h <= MAX_HOURS) {
                return h;
            }
        }
        throw ParameterException.invalid("hours", "hours must be a whole number of hours from " + MIN_HOURS
                        + " to " + MAX_HOURS + " (7 days), e.g. /backfill/24; got '" + text + "'.", List.of())
                .with("minimum", MIN_HOURS).with("maximum", MAX_HOURS);
    }

    /** A backfill job id: a positive whole number, else 400. */
    static long jobId(String text) {
        String s = text == null ? "" : text;
        if (s.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(s);
            if (id > 0) {
                return id;
            }
        }
        throw ParameterException.invalid("id", "id must be a backfill job number (a positive integer), e.g. "
                + "/api/v1/backfills/12; got '" + text + "'.", List.of());
    }

    /** A gap-state filter: one state or a comma-separated list; empty for any; 400 listing the states. */
    static Set<GapState> states(String states) {
        Set<GapState> out = EnumSet.noneOf(GapState.class);
        if (states != null) {
            for (String s : states.split(",")) {
                String id = oneOf("state", s, STATES);
                if (id != null) {
                    out.add(GapState.fromId(id).orElseThrow());
                }
            }
        }
        return out;
    }

    /** A data-type filter ({@code trade}, {@code candle}, ...), or null; 400 listing the types. */
    static String type(String type) {
        return oneOf("type", type, TYPES);
    }

    /** 1..{@value #MAX_LIMIT}, else 400. */
    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ParameterException.invalid("limit", "limit must be from 1 to " + MAX_LIMIT + "; got " + limit
                    + ".", List.of()).with("minimum", 1).with("maximum", MAX_LIMIT);
        }
        return limit;
    }

    /** An optional [from, to) overlap filter; from after to is 400 naming {@code from}. */
    static void window(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ParameterException.invalid("from", "from must not be after to.", List.of());
        }
    }

    /** 404 for a backfill job id that names nothing. */
    static ParameterException unknownJob(long id) {
        return new ParameterException(HttpStatus.NOT_FOUND, "Unknown backfill", "id",
                "There is no backfill job " + id + ".", List.of());
    }

    private static String oneOf(String parameter, String value, List<String> allowed) {
        String v = MarketScopes.blankToNull(value);
        if (v == null) {
            return null;
        }
        v = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ParameterException.invalid(parameter, parameter + " must be one of " + String.join(", ", allowed)
                    + "; got '" + value + "'.", allowed);
        }
        return v;
    }
}
