package io.basis.api;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What the service is configured to track, as reported by /health, /status and /metrics. Derived from the venues
 * file only; live instrument counts replace {@link #symbolsTracked()} once connectors resolve them.
 */
@Component
public class TrackedScope {
    private final VenuesConfig venues;

    public TrackedScope(VenuesConfig venues) {
        this.venues = venues;
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
     * Symbols the enabled venues subscribe: explicit symbols count one each, a symbol rule counts its {@code top}
     * (the most it can resolve to). The single place to switch to live instrument counts.
     */
    public int symbolsTracked() {
        int n = 0;
        for (VenueConfig v : venues.enabled()) {
            n += v.symbolRule() != null ? v.symbolRule().top() : v.symbols().size();
        }
        return n;
    }
}
