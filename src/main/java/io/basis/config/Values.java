package io.basis.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parsing of scalar values shared by the file and the environment overrides, so both are validated the same way.
 * Each method returns the parsed value or throws {@link IllegalArgumentException} whose message is the problem text
 * (without file or key: the caller knows where the value came from).
 */
final class Values {

    private Values() {
    }

    /** A REST base URL: absolute http/https with a host, no query, fragment or credentials, no trailing slash. */
    static URI restUrl(String raw) {
        return url(raw, "a REST URL", "http", "https");
    }

    /** A WebSocket base URL: like {@link #restUrl} with ws/wss. */
    static URI wsUrl(String raw) {
        return url(raw, "a WebSocket URL", "ws", "wss");
    }

    static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(Problems.notOneOf(raw, "a boolean", List.of("true", "false")));
        };
    }

    /** A comma-separated list of distinct, non-blank items, e.g. {@code BTCUSDT,ETHUSDT}. */
    static List<String> csv(String raw, String itemName) {
        List<String> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : raw.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty " + itemName + " in '" + raw
                        + "'; expected a comma-separated list like BTCUSDT,ETHUSDT");
            }
            if (!seen.add(item)) {
                throw new IllegalArgumentException("duplicate " + itemName + " '" + item + "'");
            }
            items.add(item);
        }
        return items;
    }

    private static URI url(String raw, String what, String plainScheme, String secureScheme) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a valid URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new IllegalArgumentException("'" + raw + "' is not an absolute URL; " + what + " starts with "
                    + secureScheme + "://");
        }
        // The scheme is checked before anything else so the message points at the likely mix-up (ws vs https).
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(plainScheme) && !scheme.equals(secureScheme)) {
            throw new IllegalArgumentException("'" + raw + "' has scheme '" + scheme + "'; " + what + " must use "
                    + plainScheme + " or " + secureScheme);
        }
        // Credentials and queries are where secrets end up, so they are refused without echoing the value.
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must be a base URL without user:password@, ?query or "
                    + "#fragment; put API keys in the variable named by api-key-env");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + raw + "' has no host name");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getRawAuthority();
        return URI.create(scheme + "://" + authority + path);
    }
}
