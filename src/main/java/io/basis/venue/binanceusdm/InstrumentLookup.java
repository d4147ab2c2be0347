package io.basis.venue.binanceusdm;

import io.basis.model.Instrument;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the parser needs to know about an instrument beyond the frame itself: its base asset, to pick the
 * large-trade threshold. USD-M contracts are always one base unit, so no contract size is needed.
 *
 * <p>Implementations must be safe to call from any thread; the ones here are immutable.
 */
@FunctionalInterface
public interface InstrumentLookup {

    /** The base asset of a venue symbol (e.g. {@code BTC} for {@code BTCUSDT}), or null when unknown. */
    String baseAsset(String symbol);

    /** Quote assets USD-M has listed, longest first so {@code FDUSD} is not read as {@code FD} + {@code USD}. */
    List<String> QUOTES = List.of("FDUSD", "BUSD", "USDT", "USDC", "USD");

    /**
     * Derives the base from the symbol alone: drops a quarterly {@code _YYMMDD} suffix, then a known quote suffix.
     * Good enough for thresholds before exchangeInfo is loaded; {@code 1000PEPEUSDT} gives {@code 1000PEPE}, exactly
     * as exchangeInfo's {@code baseAsset} does.
     */
    static InstrumentLookup fromSymbol() {
        Map<String, String> derived = new ConcurrentHashMap<>();
        return symbol -> cachedBase(derived, symbol);
    }

    /** Base assets from listed instruments, falling back to {@link #fromSymbol()} for symbols not listed. */
    static InstrumentLookup of(Collection<Instrument> instruments) {
        Map<String, String> bases = new HashMap<>();
        for (Instrument i : instruments) {
            if (i.base() != null) {
                bases.put(i.symbol(), i.base());
            }
        }
        Map<String, String> frozen = Map.copyOf(bases);
        Map<String, String> derived = new ConcurrentHashMap<>();
        return symbol -> {
            String base = frozen.get(symbol);
            return base != null ? base : cachedBase(derived, symbol);
        };
    }

    /** Derived bases are remembered per lookup, up to a bound so that junk symbols cannot grow it without end. */
    private static String cachedBase(Map<String, String> derived, String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return null;
        }
        String base = derived.get(symbol);
        if (base == null) {
            base = deriveBase(symbol);
            if (derived.size() < 10_000) {
                derived.put(symbol, base);
            }
        }
        return base;
    }

    private static String deriveBase(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            return null;
        }
        int cut = symbol.indexOf('_');
        String pair = cut >= 0 ? symbol.substring(0, cut) : symbol;
        for (String quote : QUOTES) {
            if (pair.length() > quote.length() && pair.endsWith(quote)) {
                return pair.substring(0, pair.length() - quote.length());
            }
        }
        return pair;
    }
}
