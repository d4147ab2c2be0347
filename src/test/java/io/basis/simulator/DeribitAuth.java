package io.basis.simulator;

import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The simulated Deribit's {@code public/auth}: with no account configured any request is accepted; with
 * {@link #account(String, String)} only that client id, by {@code client_credentials} (id + secret) or by
 * {@code client_signature} (signature = hex(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + data)), the
 * documented scheme), anything else fails with {@code 13004 invalid_credentials}. Thread-safe.
 */
final class DeribitAuth {
    /** {@code invalid_credentials}. */
    static final int INVALID_CREDENTIALS = 13004;

    private volatile String clientId;
    private volatile String secret;
    private volatile long expiresIn = Duration.ofDays(365).toSeconds();

    void expiresIn(Duration lifetime) {
        expiresIn = Math.max(1, lifetime.toSeconds());
    }

    long expiresInSeconds() {
        return expiresIn;
    }

    void account(String id, String clientSecret) {
        this.clientId = id;
        this.secret = clientSecret;
    }

    /** Whether the {@code public/auth} params are accepted. */
    boolean accepts(JsonNode params) {
        String id = clientId;
        String key = secret;
        if (id == null) {
            return true;
        }
        if (!id.equals(params.path("client_id").asString(""))) {
            return false;
        }
        return switch (params.path("grant_type").asString("")) {
            case "client_credentials" -> key.equals(params.path("client_secret").asString(""));
            case "client_signature" -> hmac(key, params.path("timestamp").asString("") + "\n"
                    + params.path("nonce").asString("") + "\n" + params.path("data").asString(""))
                    .equals(params.path("signature").asString(""));
            default -> false;
        };
    }

    private static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
