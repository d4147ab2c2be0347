package io.basis.cli;

import io.basis.model.EventType;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code basis backfill}, parsed and checked without touching the database or the network. Every
 * problem is one {@link Invalid} whose message names the argument, e.g.
 * {@code --from: '2026-13-01' is not a date or ISO-8601 instant like 2026-01-01T00:00Z}.
 *
 * @param venue      the venue id
 * @param from       inclusive start
 * @param to         exclusive end ({@code now} allowed)
 * @param types      event type ids; empty: every type the venue serves history of
 * @param symbols    venue symbols; empty: every tracked symbol
 * @param springArgs {@code --basis.x=y} overrides passed to the tool context
 */
record BackfillArguments(String venue, Instant from, Instant to, List<String> types, List<String> symbols,
                         List<String> springArgs) {

    static final String USAGE = "usage: basis backfill --venue <id> --from <instant> --to <instant|now>"
            + " [--types candles,funding,oi,...] [--symbols BTCUSDT,...] [--basis.key=value ...]";

    /** Names accepted by {@code --types}: event type ids and the venues file's channel names. */
    static final Map<String, EventType> TYPE_NAMES = typeNames();

    /** A bad argument; the message names it. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static BackfillArguments parse(String[] args, Clock clock) throws Invalid {
        String venue = null;
        Instant from = null;
        Instant to = null;
        List<String> types = List.of();
        List<String> symbols = List.of();
        List<String> spring = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ToolContext.isSpringArgument(a)) {
                spring.add(a);
                continue;
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (!a.startsWith("--")) {
                throw new Invalid("unexpected argument '" + a + "'");
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new Invalid(a + " needs a value");
            }
            if (!seen.add(name)) {
                throw new Invalid(name + " is given twice");
            }
            switch (name) {
                case "--venue" -> venue = nonBlank(name, value);
                case "--from" -> from = instant(name, value, clock);
                case "--to" -> to = instant(name, value, clock);
                case "--types" -> types = types(value);
                case "--symbols" -> symbols = list(name, value, false);
                default -> throw new Invalid("unknown option '" + name + "'");
            }
        }
        if (venue == null) {
            throw new Invalid("--venue is required (e.g. --venue binance-usdm)");
        }
        if (from == null) {
            throw new Invalid("--from is required (e.g. --from 2026-01-01T00:00Z)");
        }
        if (to == null) {
            throw new Invalid("--to is required (e.g. --to 2026-01-03T00:00Z or --to now)");
        }
        if (!from.isBefore(to)) {
            throw new Invalid("--from: " + from + " is not before --to " + to);
        }
        if (to.isAfter(clock.instant().plusSeconds(60))) {
            throw new Invalid("--to: " + to + " is in the future (use --to now)");
        }
        return new BackfillArguments(venue, from, to, types, symbols, List.copyOf(spring));
    }

    /**
     * An ISO-8601 instant ({@code 2026-01-01T00:00Z}, seconds and offset optional forms), a date, or now. Units are
     * recognised as done on a rerun by their exact bounds as stored (microseconds), so bounds are cut to that; now is
     * cut to the whole minute, so a rerun within the minute names the same last unit and the minute still running
     * (an open candle) is not fetched.
     */
    static Instant instant(String name, String value, Clock clock) throws Invalid {
        String v = value.strip();
        if (v.equalsIgnoreCase("now")) {
            return clock.instant().truncatedTo(ChronoUnit.MINUTES);
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new Invalid(name + ": '" + value + "' is not a date or ISO-8601 instant like 2026-01-01T00:00Z");
        }
    }

    private static List<String> types(String value) throws Invalid {
        Set<String> out = new LinkedHashSet<>();
        for (String t : list("--types", value, true)) {
            EventType type = TYPE_NAMES.get(t.toLowerCase(Locale.ROOT));
            if (type == null) {
                throw new Invalid("--types: unknown type '" + t + "' (known: " + String.join(", ",
                        TYPE_NAMES.keySet()) + ")");
            }
            out.add(type.id());
        }
        return List.copyOf(out);
    }

    private static List<String> list(String name, String value, boolean lower) throws Invalid {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new Invalid(name + ": empty entry in '" + value + "'");
            }
            if (!out.contains(p)) {
                out.add(lower ? p.toLowerCase(Locale.ROOT) : p);
            }
        }
        return List.copyOf(out);
    }

    private static String nonBlank(String name, String value) throws Invalid {
        if (value.isBlank()) {
            throw new Invalid(name + " needs a value");
        }
        return value.strip();
    }

    private static Map<String, EventType> typeNames() {
        Map<String, EventType> m = new LinkedHashMap<>();
        m.put("candles", EventType.CANDLE);
        m.put("funding", EventType.FUNDING_RATE);
        m.put("oi", EventType.OPEN_INTEREST);
        m.put("trades", EventType.TRADE);
        m.put("liquidations", EventType.LIQUIDATION);
        m.put("long-short-ratio", EventType.LONG_SHORT_RATIO);
        m.put("volatility-index", EventType.VOLATILITY_INDEX);
        for (EventType t : EventType.values()) {
            if (t != EventType.INSTRUMENT) {
                m.putIfAbsent(t.id(), t);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
