package io.basis.simulator;

import java.util.Set;

/**
 * Which Deribit channel names the simulated venue accepts (reference §1.1, §4): per instrument
 * {@code ticker|book|trades.<instrument>.<interval>}, {@code book.<instrument>.<group>.<depth>.<interval>},
 * {@code incremental_ticker|quote.<instrument>}, {@code chart.trades.<instrument>.<resolution>}; per currency
 * {@code trades.<kind>.<currency>.<interval>}; per index {@code deribit_volatility_index|deribit_price_index|
 * markprice.options|estimated_expiration_price.<index>}; listings {@code instrument.state.<kind>.<currency>}.
 * Intervals {@code 100ms}, {@code agg2}, and {@code raw} only when authorized. Stateless.
 */
final class DeribitChannelCheck {
    enum Verdict {
        /** Subscribe it. */
        ACCEPT,
        /** Leave it out of the result (a {@code raw} channel without auth, a malformed name). */
        SKIP,
        /** Names an instrument that is not listed. */
        UNKNOWN,
        /** Scripted by the test to fail. */
        REJECTED
    }

    private static final Set<String> INTERVALS = Set.of("100ms", "agg2", "raw");
    private static final Set<String> INDEX_FAMILIES = Set.of("deribit_volatility_index", "deribit_price_index",
            "estimated_expiration_price");

    private DeribitChannelCheck() {
    }

    static Verdict check(String channel, DeribitMarket market, boolean authorized) {
        if (market.isRejected(channel)) {
            return Verdict.REJECTED;
        }
        String[] p = channel.split("\\.", -1);
        String interval = p[p.length - 1];
        if (interval.equals("raw") && !authorized) {
            return Verdict.SKIP;
        }
        String instrument = switch (p[0]) {
            case "ticker" -> p.length == 3 && INTERVALS.contains(interval) ? p[1] : null;
            case "book" -> (p.length == 3 || p.length == 5) && INTERVALS.contains(interval) ? p[1] : null;
            case "trades" -> p.length == 3 && INTERVALS.contains(interval) ? p[1] : null;
            case "incremental_ticker", "quote" -> p.length == 2 ? p[1] : null;
            case "chart" -> p.length == 4 && p[1].equals("trades") ? p[2] : null;
            default -> null;
        };
        if (instrument != null) {
            return market.find(instrument).isPresent() ? Verdict.ACCEPT : Verdict.UNKNOWN;
        }
        if (p[0].equals("trades") && p.length == 4 && INTERVALS.contains(interval)
                || p[0].equals("markprice") && p.length == 3 && p[1].equals("options")
                || INDEX_FAMILIES.contains(p[0]) && p.length == 2
                || p[0].equals("instrument") && p.length == 4 && p[1].equals("state")) {
            return Verdict.ACCEPT;
        }
        return Verdict.SKIP;
    }

    /** The instrument of an incremental {@code book.<instrument>.<interval>} channel, else null. */
    static String incrementalBook(String channel) {
        String[] p = channel.split("\\.", -1);
        return p.length == 3 && p[0].equals("book") ? p[1] : null;
    }
}
