package io.basis.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A venue entry between parsing and validation: fields stay {@code null} where the file had no (valid) value, and
 * line numbers are kept so the environment overrides and the cross-field checks can point into the file.
 * Single-use, confined to one load.
 */
final class VenueDraft {

    final String id;
    final int line;
    /** Line of each key present in the file, by key path relative to the venue (e.g. {@code channels.trades}). */
    final Map<String, Integer> keyLines = new HashMap<>();
    /** Keys set from the environment, so "missing key" is not reported for them. */
    final Set<String> overridden = new HashSet<>();

    Boolean enabled;
    URI restUrl;
    URI wsUrl;
    List<String> symbols = List.of();
    SymbolRule symbolRule;
    List<String> currencies = List.of();
    Map<String, BigDecimal> largeTradeUsd = Map.of();
    String apiKeyEnv;
    final Map<Channel, ChannelConfig> channels = new LinkedHashMap<>();
    /** Entries under {@code channels:}, valid or not; -1 while absent or not a mapping. */
    int channelEntries = -1;

    VenueDraft(String id, int line) {
        this.id = id;
        this.line = line;
    }

    String path() {
        return "venues." + id;
    }

    String path(String key) {
        return path() + "." + key;
    }

    /** The line of the key if the file has it, else the line of the venue itself. */
    int lineOf(String key) {
        return keyLines.getOrDefault(key, line);
    }

    boolean mentions(String key) {
        return keyLines.containsKey(key) || overridden.contains(key);
    }

    /** Only valid once the load found no problems: every required field is then set. */
    VenueConfig build() {
        return new VenueConfig(id, enabled, restUrl, wsUrl, symbols, symbolRule, currencies, largeTradeUsd,
                apiKeyEnv, channels);
    }
}
