package io.basis.config;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One venue's entry in the venues file, after environment overrides. Immutable.
 *
 * <p>Secrets are never part of this record: {@link #apiKeyEnv()} is only the <em>name</em> of the environment variable,
 * and {@link #apiKey(Map)} reads the value on demand, so logging or printing a {@code VenueConfig} cannot leak it.
 *
 * @param id            the venue id, one of {@link VenueId#ids()}
 * @param enabled       whether the venue's connector runs
 * @param restUrl       REST base URL (http/https), without a trailing {@code /}; connectors append endpoint paths
 * @param wsUrl         WebSocket base URL (ws/wss) without a trailing {@code /}, or {@code null} for REST-only venues
 * @param symbols       explicit venue-native symbols in file order; empty when {@link #symbolRule()} is set or the
 *                      venue needs no symbols
 * @param symbolRule    rule the connector resolves into symbols, or {@code null}
 * @param currencies    currency scopes for venues that subscribe per currency (e.g. Deribit options); may be empty
 * @param largeTradeUsd USD notional thresholds per base asset for {@link StoragePolicy#LARGE_ONLY}, with the key
 *                      {@code default} for unlisted assets; may be empty
 * @param apiKeyEnv     name of the environment variable holding the API key, or {@code null}
 * @param channels      configured channels in file order
 */
public record VenueConfig(String id, boolean enabled, URI restUrl, URI wsUrl, List<String> symbols,
                          SymbolRule symbolRule, List<String> currencies, Map<String, BigDecimal> largeTradeUsd,
                          String apiKeyEnv, Map<Channel, ChannelConfig> channels) {

    /** Key of {@link #largeTradeUsd()} that applies to assets without their own threshold. */
    public static final String DEFAULT_THRESHOLD = "default";

    public VenueConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(restUrl, "restUrl");
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
        largeTradeUsd = largeTradeUsd == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(largeTradeUsd));
        channels = channels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        if (!symbols.isEmpty() && symbolRule != null) {
            throw new IllegalArgumentException(id + ": set either symbols or symbolRule, not both");
        }
    }

    /** The typed id; fails only for records built by hand with an unknown id (the loader never produces one). */
    public VenueId venueId() {
        return VenueId.fromId(id).orElseThrow(() -> new IllegalStateException("unknown venue id " + id));
    }

    public Optional<ChannelConfig> channel(Channel channel) {
        return Optional.ofNullable(channels.get(channel));
    }

    /** Whether the channel is listed, whatever its storage policy. */
    public boolean has(Channel channel) {
        return channels.containsKey(channel);
    }

    /**
     * The large-trade threshold for a base asset (case-insensitive), falling back to {@code default}; empty when
     * neither is configured.
     */
    public Optional<BigDecimal> largeTradeUsd(String baseAsset) {
        BigDecimal own = largeTradeUsd.get(baseAsset.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(own != null ? own : largeTradeUsd.get(DEFAULT_THRESHOLD));
    }

    /**
     * The API key from the given environment (normally {@code System.getenv()}); empty when the venue has no
     * {@code api-key-env} or the variable is unset or blank. Callers must not log the result.
     */
    public Optional<String> apiKey(Map<String, String> env) {
        if (apiKeyEnv == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(env.get(apiKeyEnv)).filter(v -> !v.isBlank());
    }
}
