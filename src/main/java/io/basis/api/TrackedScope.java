package io.basis.api;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.ingest.ConnectorsStarter;
import io.basis.ingest.VenueConnector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What the service tracks, as reported by /health, /status, /metrics and /derivatives-features: the venues file,
 * and for venues whose connector has resolved its symbols (e.g. a "top 20 by volume" rule), the live symbols.
 */
@Component
public class TrackedScope {
    private final VenuesConfig venues;
    private final ObjectProvider<ConnectorsStarter> connectors;

    public TrackedScope(VenuesConfig venues, ObjectProvider<ConnectorsStarter> connectors) {
        this.venues = venues;
        this.connectors = connectors;
    }

    /** The symbols a venue's running connector collects; empty when it has not resolved them (or is not running). */
    public List<String> liveSymbols(String venue) {
        ConnectorsStarter starter = connectors.getIfAvailable();
        if (starter == null) {
            return List.of();
        }
        return starter.connectors().stream().filter(c -> c.venue().equals(venue)).findFirst()
                .map(VenueConnector::symbols).orElse(List.of());
    }

    /** Ids of the enabled venues, in file order. */
    public List<String> exchangeIds() {
        return venues.enabled().stream().map(VenueConfig::id).toList();
    }

    /** Number of enabled venues. */
    public int exchangesTracked() {
        return venues.enabled().size();
    }

    /** Number of distinct base assets the enabled venues name ({@link VenuesConfig#cryptosTracked()}). */
    public int cryptosTracked() {
        return venues.cryptosTracked().size();
    }

    /**
     * Symbols the enabled venues collect: the live symbols where a connector resolved them, else explicit symbols
     * one each and a symbol rule its {@code top} (the most it can resolve to).
     */
    public int symbolsTracked() {
        int n = 0;
        for (VenueConfig v : venues.enabled()) {
            List<String> live = liveSymbols(v.id());
            n += !live.isEmpty() ? live.size() : v.symbolRule() != null ? v.symbolRule().top() : v.symbols().size();
        }
        return n;
    }
}
