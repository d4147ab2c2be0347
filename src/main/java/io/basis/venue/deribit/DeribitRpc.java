package io.basis.venue.deribit;

import io.basis.venue.VenueJson;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON-RPC requests one Deribit connection sends and what each id was for, so a reply (or an error) can be
 * matched to its request (reference §1: the reply carries the request's {@code id}). Ids are unique per instance
 * and increase. At most {@value #MAX_PENDING} unanswered requests are remembered (the oldest are forgotten).
 *
 * <p>Thread-safe.
 */
public final class DeribitRpc {

    static final int MAX_PENDING = 4096;

    /** What a request was for. */
    public enum Kind { SUBSCRIBE, UNSUBSCRIBE, AUTH, HEARTBEAT, TEST }

    /**
     * An unanswered request.
     *
     * @param channels the channels of a (un)subscribe, else empty
     * @param retry    true for a single-channel subscribe re-sent after its chunk failed (never split again)
     */
    public record Pending(Kind kind, List<String> channels, boolean retry) {
        public Pending {
            Objects.requireNonNull(kind, "kind");
            channels = List.copyOf(channels);
        }
    }

    private final Map<Long, Pending> pending = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private long nextId;

    /** Ids start at {@code firstId} (distinct per connection helps reading captures). */
    public DeribitRpc(long firstId) {
        this.nextId = firstId;
    }

    public synchronized String subscribe(List<String> channels, boolean retry) {
        long id = register(new Pending(Kind.SUBSCRIBE, channels, retry));
        return DeribitChannels.subscribe(id, channels);
    }

    public synchronized String unsubscribe(List<String> channels) {
        long id = register(new Pending(Kind.UNSUBSCRIBE, channels, false));
        return DeribitChannels.unsubscribe(id, channels);
    }

    public synchronized String setHeartbeat(int seconds) {
        long id = register(new Pending(Kind.HEARTBEAT, List.of(), false));
        return DeribitChannels.setHeartbeat(id, seconds);
    }

    public synchronized String test() {
        long id = register(new Pending(Kind.TEST, List.of(), false));
        return DeribitChannels.test(id);
    }

    /**
     * {@code public/auth} with {@code grant_type: client_signature}: the secret never leaves the process (it only
     * keys the HMAC), so neither the socket nor a capture of the outgoing frames carries it. Signature =
     * hex(HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + data)) with empty data.
     */
    public synchronized String auth(String clientId, String clientSecret, Instant now, String nonce) {
        long id = register(new Pending(Kind.AUTH, List.of(), false));
        return authMessage(id, clientId, clientSecret, now, nonce);
    }

    /** The request an id was for, forgotten once answered; null for an unknown id. */
    public synchronized Pending answered(long id) {
        return pending.remove(id);
    }

    static String authMessage(long id, String clientId, String clientSecret, Instant now, String nonce) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        long timestamp = now.toEpochMilli();
        String data = "";
        ObjectNode params = VenueJson.mapper().createObjectNode();
        params.put("grant_type", "client_signature");
        params.put("client_id", clientId);
        params.put("timestamp", timestamp);
        params.put("signature", hmacSha256Hex(clientSecret, timestamp + "\n" + nonce + "\n" + data));
        params.put("nonce", nonce);
        params.put("data", data);
        ObjectNode root = VenueJson.mapper().createObjectNode();
        root.put("jsonrpc", "2.0");
        root.put("id", id);
        root.put("method", "public/auth");
        root.set("params", params);
        return VenueJson.mapper().writeValueAsString(root);
    }

    static String hmacSha256Hex(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private long register(Pending p) {
        long id = nextId++;
        pending.put(id, p);
        return id;
    }
}
