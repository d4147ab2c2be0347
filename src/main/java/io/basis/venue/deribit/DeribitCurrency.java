package io.basis.venue.deribit;

import io.basis.model.Instrument;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one configured Deribit currency means for the API calls. Deribit's {@code currency} parameter only takes
 * settlement currencies (reference §3: BTC, ETH, USDC, USDT, EURR); every other coin (SOL, XRP, ...) is listed only
 * as USDC-settled linear instruments ({@code SOL_USDC-PERPETUAL}, {@code SOL_USDC-27DEC26-200-C}), so such a
 * currency is asked for as {@code USDC} and narrowed to its base coin. Pure.
 *
 * @param code        the configured code, upper case ({@code BTC}, {@code SOL})
 * @param apiCurrency what {@code get_instruments} / {@code get_book_summary_by_currency} are asked for
 * @param linearOnly  true when only the USDC-linear instruments of {@link #code()} belong to it
 */
public record DeribitCurrency(String code, String apiCurrency, boolean linearOnly) {

    /** The values Deribit accepts as {@code currency} (besides {@code any}). */
    public static final Set<String> SETTLEMENT_CURRENCIES = Set.of("BTC", "ETH", "USDC", "USDT", "EURR");
    /** Currencies with a DVOL index ({@code deribit_volatility_index.<cur>_usd}). */
    private static final Set<String> WITH_DVOL = Set.of("BTC", "ETH");

    public DeribitCurrency {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(apiCurrency, "apiCurrency");
    }

    public static DeribitCurrency of(String configured) {
        String code = configured.trim().toUpperCase(Locale.ROOT);
        return SETTLEMENT_CURRENCIES.contains(code)
                ? new DeribitCurrency(code, code, false)
                : new DeribitCurrency(code, "USDC", true);
    }

    /** Whether a listed instrument belongs to this currency. */
    public boolean covers(Instrument instrument) {
        return !linearOnly || code.equals(instrument.base());
    }

    /** Whether an instrument name ({@code SOL_USDC-PERPETUAL}) belongs to this currency. */
    public boolean covers(String instrumentName) {
        return !linearOnly || instrumentName.startsWith(code + "_");
    }

    /** The price index: {@code btc_usd} for inverse currencies, {@code sol_usdc} for USDC-linear coins. */
    public String indexName() {
        return code.toLowerCase(Locale.ROOT) + (linearOnly ? "_usdc" : "_usd");
    }

    /** Whether Deribit publishes a DVOL for it (BTC and ETH). */
    public boolean hasVolatilityIndex() {
        return WITH_DVOL.contains(code);
    }
}
