package io.basis.api;

import io.basis.config.VenueConfig;
import io.basis.config.VenueId;
import io.basis.config.VenuesConfig;
import io.basis.model.InstrumentKind;
import io.basis.store.MarketQueries;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Validates the names the market endpoints take — venue, symbol, currency, instrument kind — and refuses an unknown
 * one with a 404 (400 for a malformed kind) problem naming it. A name is known when the configuration names it or
 * the store holds an instrument with it, so data replayed from a venue or currency no longer configured stays
 * reachable, and a known name without data answers 200 with an empty list.
 */
@Component
public class MarketScopes {
    /** The venue whose options, DVOL and option currencies the options endpoints serve by default. */
    public static final String OPTIONS_VENUE = VenueId.DERIBIT.id();

    private static final List<String> VENUES = Arrays.stream(VenueId.values()).map(VenueId::id).toList();
    static final List<String> KINDS = Arrays.stream(InstrumentKind.values())
            .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();

    private final VenuesConfig venues;
    private final MarketQueries queries;

    public MarketScopes(VenuesConfig venues, MarketQueries queries) {
        this.venues = venues;
        this.queries = queries;
    }

    /** The venue id, or null when absent or blank; 404 when neither a Basis venue nor present in the store. */
    public String venue(String venue) {
        venue = blankToNull(venue);
        if (venue == null || VENUES.contains(venue) || queries.venueExists(venue)) {
            return venue;
        }
        throw notFound("venue", "There is no venue '" + venue + "'.", VENUES);
    }

    /** The symbol, or null when absent or blank; 404 when no instrument (of the venue, if given) has it. */
    public String symbol(String venue, String symbol) {
        symbol = blankToNull(symbol);
        if (symbol == null || queries.symbolExists(venue, symbol)) {
            return symbol;
        }
        throw notFound("symbol", "There is no instrument '" + symbol + "'"
                + (venue == null ? "" : " on " + venue) + ".", List.of());
    }

    /**
     * A base-asset filter, upper-cased; 404 when no enabled venue names it and no stored instrument (of any venue)
     * has it. Not checked per venue: a currency the venue does not trade is an empty result, not an unknown name.
     */
    public String currency(String currency) {
        currency = blankToNull(currency);
        if (currency == null) {
            return null;
        }
        String c = currency.toUpperCase(Locale.ROOT);
        if (venues.cryptosTracked().contains(c) || queries.currencyExists(null, c)) {
            return c;
        }
        throw notFound("currency", "There is no currency '" + currency + "'.", List.of());
    }

    /**
     * The path currency of the options and volatility-index endpoints, upper-cased: known when the options venue
     * configures it or stores an instrument of it (or the instrument {@code extraSymbol} names for it, e.g. its
     * DVOL index {@code btc_usd}; may be null); else 404 listing the configured currencies.
     */
    public String optionCurrency(String currency, UnaryOperator<String> extraSymbol) {
        String c = currency.strip().toUpperCase(Locale.ROOT);
        List<String> configured = optionCurrencies();
        if (configured.contains(c) || queries.currencyExists(OPTIONS_VENUE, c)
                || (extraSymbol != null && queries.instrumentExists(OPTIONS_VENUE, extraSymbol.apply(c)))) {
            return c;
        }
        throw notFound("currency", "There is no currency '" + currency + "' on " + OPTIONS_VENUE + ".", configured);
    }

    /** The currencies the options venue is configured with, e.g. [BTC, ETH]. */
    public List<String> optionCurrencies() {
        return venues.venue(OPTIONS_VENUE).map(VenueConfig::currencies).orElse(List.of()).stream()
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }

    /** An instrument-kind filter ({@code perpetual}, {@code future}, ...), or null; 400 listing the kinds. */
    public static InstrumentKind kind(String kind) {
        kind = blankToNull(kind);
        if (kind == null) {
            return null;
        }
        String k = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw ParameterException.invalid("kind", "kind must be one of " + String.join(", ", KINDS) + ".", KINDS);
        }
        return InstrumentKind.valueOf(k.toUpperCase(Locale.ROOT));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ParameterException notFound(String parameter, String detail, List<String> allowed) {
        String title = "Unknown " + parameter;
        return new ParameterException(HttpStatus.NOT_FOUND, title, parameter, detail, allowed);
    }
}
