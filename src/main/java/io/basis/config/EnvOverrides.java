package io.basis.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Applies {@code BASIS_VENUES_<ID>_<FIELD>} environment variables on top of the parsed file, for testnets,
 * tests and containers. {@code <ID>} is the venue id upper-cased with {@code -} as {@code _}; fields are
 * {@code ENABLED}, {@code REST_URL}, {@code WS_URL} and {@code SYMBOLS} (comma-separated; replaces any symbol rule).
 * Values are validated like the file's; problems name the variable and point at the entry it overrides.
 *
 * <p>Only variables ending in one of the four field suffixes are considered, so other {@code BASIS_VENUES_*}
 * settings (e.g. {@code BASIS_VENUES_FILE}) pass through untouched while a misspelt venue id is still reported.
 */
final class EnvOverrides {

    static final String PREFIX = "BASIS_VENUES_";

    enum Field {
        ENABLED("enabled", (d, v) -> d.enabled = Values.bool(v)),
        REST_URL("rest-url", (d, v) -> d.restUrl = Values.restUrl(v)),
        WS_URL("ws-url", (d, v) -> d.wsUrl = Values.wsUrl(v)),
        SYMBOLS("symbols", (d, v) -> {
            d.symbols = Values.csv(v, "symbol");
            d.symbolRule = null;
        });

        final String key;
        final String suffix;
        private final BiConsumer<VenueDraft, String> apply;

        Field(String key, BiConsumer<VenueDraft, String> apply) {
            this.key = key;
            this.suffix = "_" + name();
            this.apply = apply;
        }
    }

    private EnvOverrides() {
    }

    /** The variable that overrides {@code field} of venue {@code id}, e.g. {@code BASIS_VENUES_BINANCE_USDM_WS_URL}. */
    static String variable(String id, Field field) {
        return PREFIX + VenueId.envName(id) + field.suffix;
    }

    static void apply(Map<String, VenueDraft> drafts, Map<String, String> env, Problems problems) {
        // Sorted so problems come out in the same order whatever the map implementation.
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                field(name).ifPresent(field -> apply(name, field, value, drafts, problems));
            }
        });
    }

    private static Optional<Field> field(String name) {
        return Arrays.stream(Field.values())
                .filter(f -> name.endsWith(f.suffix) && name.length() > PREFIX.length() + f.suffix.length())
                .findFirst();
    }

    private static void apply(String name, Field field, String value, Map<String, VenueDraft> drafts,
                              Problems problems) {
        String envId = name.substring(PREFIX.length(), name.length() - field.suffix.length());
        Optional<VenueId> venue = Arrays.stream(VenueId.values()).filter(v -> v.envName().equals(envId)).findFirst();
        if (venue.isEmpty()) {
            problems.add(null, name, Problems.unknown("venue in environment variable name", envId,
                    Arrays.stream(VenueId.values()).map(VenueId::envName).toList()));
            return;
        }
        VenueDraft draft = drafts.get(venue.get().id());
        if (draft == null) {
            problems.add(null, name, "venue '" + venue.get().id() + "' is not in " + problems.file()
                    + "; overrides only change existing entries, so add it to the file first");
            return;
        }
        try {
            field.apply.accept(draft, value.trim());
            draft.overridden.add(field.key);
        } catch (IllegalArgumentException e) {
            problems.add(draft.lineOf(field.key), draft.path(field.key),
                    "from environment variable " + name + ": " + e.getMessage());
        }
    }
}
