package io.basis.venue.binanceusdm;

import io.basis.venue.VenueJson;

import io.basis.config.SymbolRule;
import io.basis.model.Instrument;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a symbol rule ({@code top: 20, kind: perpetual, quote: USDT, by: volume}) against exchangeInfo's TRADING
 * instruments and {@code GET /fapi/v1/ticker/24hr} (all symbols, weight 40): instruments of the rule's kind and
 * quote (or settle) asset, ranked by 24 h quote volume, descending, ties by symbol. Pure.
 */
public final class BinanceUsdmSymbolRule {

    private BinanceUsdmSymbolRule() {
    }

    public static List<String> select(SymbolRule rule, List<Instrument> instruments, byte[] ticker24hr) {
        Map<String, BigDecimal> volume = new HashMap<>();
        for (JsonNode t : BinanceUsdmJson.array(VenueJson.tree(ticker24hr, "ticker24hr"), "ticker24hr")) {
            String symbol = BinanceUsdmJson.optionalText(t, "symbol");
            BigDecimal quoteVolume = BinanceUsdmJson.optionalDecimal(t, "quoteVolume");
            if (symbol != null && quoteVolume != null) {
                volume.put(symbol, quoteVolume);
            }
        }
        return instruments.stream()
                .filter(i -> i.kind() == rule.kind())
                .filter(i -> rule.quote() == null || rule.quote().equalsIgnoreCase(i.quote())
                        || rule.quote().equalsIgnoreCase(i.settle()))
                .filter(i -> volume.containsKey(i.symbol()))
                .sorted(Comparator.comparing((Instrument i) -> volume.get(i.symbol())).reversed()
                        .thenComparing(Instrument::symbol))
                .limit(rule.top())
                .map(Instrument::symbol)
                .toList();
    }
}
