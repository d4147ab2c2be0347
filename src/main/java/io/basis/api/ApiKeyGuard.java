package io.basis.api;

import io.basis.config.BasisProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Control endpoints (collect, backfill) need the configured API key, sent as {@code X-API-Key: <key>} or
 * {@code Authorization: Bearer <key>}. Without a configured key they are open (a local, single-user install).
 * The comparison is constant-time; the key is never logged or echoed.
 */
@Component
public class ApiKeyGuard {
    private final byte[] key;

    public ApiKeyGuard(BasisProperties props) {
        this.key = props.apiKeyRequired() ? props.apiKey().getBytes(StandardCharsets.UTF_8) : null;
    }

    public void require(HttpServletRequest request) {
        if (key == null) {
            return;
        }
        String given = request.getHeader("X-API-Key");
        String auth = request.getHeader("Authorization");
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        }
        if (given == null || !MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ParameterException(HttpStatus.UNAUTHORIZED, "API key required", "X-API-Key",
                    given == null ? "This endpoint needs the API key in the X-API-Key header."
                            : "The API key is not valid.", List.of());
        }
    }
}
