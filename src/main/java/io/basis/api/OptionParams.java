package io.basis.api;

import io.basis.model.OptionType;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/** Parsing of the options endpoints' parameters and the venue-style expiry code. */
final class OptionParams {
    static final List<String> TYPES = List.of("call", "put");
    private static final DateTimeFormatter DERIBIT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d").appendPattern("MMM").appendPattern("uu").toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter CODE = DateTimeFormatter.ofPattern("dMMMyy", Locale.ROOT);
    private static final double SECONDS_PER_YEAR = Duration.ofDays(365).toSeconds();

    private OptionParams() {
    }

    /** {@code 2026-12-25} or Deribit's {@code 25DEC26} (case-insensitive), or null; 400 naming expiry otherwise. */
    static LocalDate expiry(String value) {
        String v = MarketScopes.blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Character.isDigit(v.charAt(0)) && v.length() == 10 ? LocalDate.parse(v)
                    : LocalDate.parse(v, DERIBIT);
        } catch (DateTimeParseException e) {
            throw ParameterException.invalid("expiry", "expiry must be a date, 2026-12-25 or 25DEC26; got '" + v
                    + "'.", List.of());
        }
    }

    /** {@code call} or {@code put} (case-insensitive), or null; 400 listing them otherwise. */
    static OptionType type(String value) {
        String v = MarketScopes.blankToNull(value);
        if (v == null) {
            return null;
        }
        String t = v.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(t)) {
            throw ParameterException.invalid("type", "type must be call or put.", TYPES);
        }
        return OptionType.valueOf(t.toUpperCase(Locale.ROOT));
    }

    /** {@code at}, defaulting to now; 400 when it lies ahead of now. */
    static Instant at(Instant at, Instant now) {
        if (at == null) {
            return now;
        }
        if (at.isAfter(now)) {
            throw ParameterException.invalid("at", "at must not be in the future.", List.of());
        }
        return at;
    }

    /** Deribit's expiry code of an instant's UTC date: {@code 25DEC26}, {@code 5JAN27}. */
    static String code(Instant expiry) {
        try {
            return CODE.format(expiry.atZone(ZoneOffset.UTC)).toUpperCase(Locale.ROOT);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Years from {@code asOf} to {@code expiry}, ACT/365, to 8 decimals. */
    static double years(Instant asOf, Instant expiry) {
        return round(Duration.between(asOf, expiry).toSeconds() / SECONDS_PER_YEAR, 8);
    }

    static Double round(Double v, int decimals) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
