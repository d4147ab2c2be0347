package io.basis.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The venues Basis has connectors for. The venues file may only use these ids, so a typo is caught at start-up
 * instead of silently configuring nothing. Adding a venue means adding a connector, hence a code change.
 */
public enum VenueId {
    BINANCE_USDM("binance-usdm"),
    BINANCE_COINM("binance-coinm"),
    BYBIT("bybit"),
    OKX("okx"),
    DERIBIT("deribit"),
    COINBASE("coinbase"),
    CME("cme"),
    COINGECKO("coingecko"),
    FEAR_GREED("fear-greed"),
    COINGLASS("coinglass"),
    LUNARCRUSH("lunarcrush"),
    COINAPI("coinapi");

    private final String id;

    VenueId(String id) {
        this.id = id;
    }

    /** The spelling used in the venues file, e.g. {@code binance-usdm}. */
    public String id() {
        return id;
    }

    /**
     * The id as it appears inside environment variable names: upper-cased, {@code -} replaced by {@code _}
     * (e.g. {@code BINANCE_USDM} in {@code BASIS_VENUES_BINANCE_USDM_WS_URL}).
     */
    public String envName() {
        return envName(id);
    }

    static String envName(String id) {
        return id.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static Optional<VenueId> fromId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(VenueId::id).toList();
    }
}
