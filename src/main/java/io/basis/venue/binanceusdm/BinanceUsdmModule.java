package io.basis.venue.binanceusdm;

import io.basis.config.VenueConfig;
import io.basis.ingest.CaptureDecoder;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.VenueModule;

import java.net.URI;
import java.util.Set;

/** Binance USD-M futures: {@code fapi}/{@code fstream} hosts and their testnet / demo hosts. */
public final class BinanceUsdmModule implements VenueModule {

    private static final Set<String> HOSTS = Set.of("fapi.binance.com", "fstream.binance.com",
            "demo-fapi.binance.com", "fstream.binancefuture.com", "testnet.binancefuture.com",
            "demo-fstream.binance.com");

    @Override
    public String id() {
        return BinanceUsdmParser.VENUE;
    }

    @Override
    public boolean recognises(URI url) {
        return VenueModule.hostIn(url, HOSTS);
    }

    @Override
    public VenueConnector connector(VenueConfig config, VenueDeps deps) {
        return new BinanceUsdmConnector(config, deps, BinanceUsdmConnector.Tuning.defaults());
    }

    @Override
    public CaptureDecoder captureDecoder(VenueConfig config) {
        return new BinanceUsdmCaptureDecoder(BinanceUsdmSettings.of(config));
    }
}
