package io.basis.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Best-effort base asset of a venue-native symbol; the rule is documented on {@link VenuesConfig#cryptosTracked()}. */
final class BaseAssets {

    // Longest first, so BUSD is not read as B + USD.
    private static final List<String> QUOTES = List.of("FDUSD", "BUSD", "USDT", "USDC", "USD");
    private static final String PERP = "PERP";

    private BaseAssets() {
    }

    static String normalize(String asset) {
        return asset.trim().toUpperCase(Locale.ROOT);
    }

    static Optional<String> baseOf(String symbol) {
        String s = normalize(symbol);
        int cut = firstSeparator(s);
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        s = stripSuffix(s, List.of(PERP));
        s = stripSuffix(s, QUOTES);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static int firstSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '_' || c == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String stripSuffix(String s, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (s.length() > suffix.length() && s.endsWith(suffix)) {
                return s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }
}
