package io.basis.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated contents of the venues file (see {@link VenuesConfigLoader}). Immutable.
 *
 * @param source the file it was read from, as given (or {@code classpath:basis/venues.yaml})
 * @param venues venue id to entry, in file order
 */
public record VenuesConfig(Path source, Map<String, VenueConfig> venues) {

    public VenuesConfig {
        Objects.requireNonNull(source, "source");
        venues = venues == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(venues));
    }

    /** The enabled venues in file order. */
    public List<VenueConfig> enabled() {
        return venues.values().stream().filter(VenueConfig::enabled).toList();
    }

    public Optional<VenueConfig> venue(String id) {
        return Optional.ofNullable(venues.get(id));
    }

    public Optional<VenueConfig> venue(VenueId id) {
        return venue(id.id());
    }

    /**
     * The distinct base assets (upper case, sorted) that the <em>enabled</em> venues name explicitly, for components
     * that need the crypto universe before any connector has resolved its instruments. Sources, per venue:
     * <ul>
     *   <li>{@code currencies}, as written;</li>
     *   <li>{@code large-trade-usd} keys except {@code default};</li>
     *   <li>explicit {@code symbols}, reduced to the part before the first
     *       {@code -}, {@code _} or {@code /}, then one trailing {@code PERP} and one quote suffix
     *       ({@code FDUSD, BUSD, USDT, USDC, USD}) removed - so {@code BTCUSDT}, {@code BTC-USD},
     *       {@code BTC-USDT-SWAP}, {@code BTCUSD_PERP} and {@code BTC-PERPETUAL} all give {@code BTC}.</li>
     * </ul>
     * Symbol rules contribute nothing (they resolve at run time), and crosses quoted in another crypto
     * (e.g. {@code ETHBTC}) yield the whole symbol, since nothing in the name marks where the base ends.
     */
    public Set<String> cryptosTracked() {
        TreeSet<String> assets = new TreeSet<>();
        for (VenueConfig venue : enabled()) {
            venue.currencies().forEach(c -> assets.add(BaseAssets.normalize(c)));
            venue.largeTradeUsd().keySet().stream()
                    .filter(k -> !k.equals(VenueConfig.DEFAULT_THRESHOLD))
                    .forEach(k -> assets.add(BaseAssets.normalize(k)));
            venue.symbols().forEach(s -> BaseAssets.baseOf(s).ifPresent(assets::add));
        }
        return Collections.unmodifiableSortedSet(assets);
    }
}
