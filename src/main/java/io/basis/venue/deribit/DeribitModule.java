package io.basis.venue.deribit;

import io.basis.config.VenueConfig;
import io.basis.ingest.CaptureDecoder;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.VenueModule;

import java.net.URI;
import java.util.Set;

/**
 * Deribit API v2: {@code www.deribit.com} (WebSocket and REST), the testnet {@code test.deribit.com}, and the
 * Coinbase-hosted mirror {@code drb.coinbase.com} (reference §1).
 */
public final class DeribitModule implements VenueModule {

    private static final Set<String> HOSTS = Set.of("www.deribit.com", "deribit.com", "test.deribit.com",
            "drb.coinbase.com");

    @Override
    public String id() {
        return DeribitParser.VENUE;
    }

    @Override
    public boolean recognises(URI url) {
        return VenueModule.hostIn(url, HOSTS);
    }

    @Override
    public VenueConnector connector(VenueConfig config, VenueDeps deps) {
        return new DeribitConnector(config, deps, DeribitConnector.Tuning.defaults());
    }

    @Override
    public CaptureDecoder captureDecoder(VenueConfig config) {
        return new DeribitCaptureDecoder(DeribitSettings.of(config));
    }
}
