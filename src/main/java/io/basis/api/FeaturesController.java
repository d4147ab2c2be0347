package io.basis.api;

import io.basis.config.ChannelConfig;
import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.ingest.RestCollectors;
import io.basis.model.EventType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /derivatives-features}: what this installation collects, derived from the live configuration — venues,
 * channels with storage policy and options, symbols or symbol rules, currencies — and the event types it stores.
 */
@RestController
@Tag(name = "Operations")
public class FeaturesController {
    private final VenuesConfig venues;
    private final TrackedScope scope;
    private final RestCollectors collectors;
    private final Clock clock;

    public FeaturesController(VenuesConfig venues, TrackedScope scope, RestCollectors collectors, Clock clock) {
        this.venues = venues;
        this.scope = scope;
        this.collectors = collectors;
        this.clock = clock;
    }

    @GetMapping("/derivatives-features")
    @Operation(summary = "What is collected", description = "Venues, channels, storage policies and symbols from the "
            + "venues file as loaded, the periodic REST collections and the stored event types.")
    public Map<String, Object> features() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", "basis");
        out.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS));
        out.put("configuration_source", venues.source().toString());
        out.put("exchanges_tracked", scope.exchangesTracked());
        out.put("cryptos_tracked", scope.cryptosTracked());
        out.put("symbols_tracked", scope.symbolsTracked());
        out.put("event_types", Arrays.stream(EventType.values()).map(EventType::id).toList());
        out.put("venues", venues.venues().values().stream().map(this::venue).toList());
        out.put("rest_collections", collectors.statuses().stream().map(s -> Map.of("venue", s.venue(),
                "name", s.name(), "interval_seconds", s.interval().toSeconds())).toList());
        return out;
    }

    private Map<String, Object> venue(VenueConfig v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("enabled", v.enabled());
        out.put("rest_url", v.restUrl().toString());
        out.put("ws_url", v.wsUrl() == null ? null : v.wsUrl().toString());
        if (v.symbolRule() != null) {
            out.put("symbol_rule", Map.of("top", v.symbolRule().top(), "kind", v.symbolRule().kind().name()
                    .toLowerCase(java.util.Locale.ROOT), "quote", String.valueOf(v.symbolRule().quote()),
                    "by", v.symbolRule().by().id()));
        } else {
            out.put("symbols", v.symbols());
        }
        out.put("currencies", v.currencies());
        out.put("symbols_live", scope.liveSymbols(v.id()));
        Map<String, Object> channels = new LinkedHashMap<>();
        for (ChannelConfig c : v.channels().values()) {
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("storage", c.storage().id());
            ch.putAll(c.options());
            channels.put(c.channel().id(), ch);
        }
        out.put("channels", channels);
        out.put("api_key_configured", v.apiKeyEnv() != null && v.apiKey(System.getenv()).isPresent());
        return out;
    }
}
