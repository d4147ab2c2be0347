package io.basis.ingest;

import io.basis.venue.binanceusdm.BinanceUsdmModule;
import io.basis.venue.deribit.DeribitModule;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The venues Basis has code for: one line per venue. */
public final class VenueModules {

    private static final List<VenueModule> ALL = List.of(
            new BinanceUsdmModule(),
            new DeribitModule()
    );

    private VenueModules() {
    }

    public static List<VenueModule> all() {
        return ALL;
    }

    public static Optional<VenueModule> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The module whose hosts include the URL's host, e.g. for a capture's connection URL. */
    public static Optional<VenueModule> recognising(URI url) {
        return ALL.stream().filter(m -> m.recognises(url)).findFirst();
    }
}
