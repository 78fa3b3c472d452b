package dev.voicegate.notifier.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.api.TokenRejectedException;
import dev.voicegate.notifier.api.TokenRejectedException.Reason;
import dev.voicegate.notifier.api.TokenValidator;
import dev.voicegate.notifier.config.NotifierLimits;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Signed local tokens for the demo and for installations without Genesys login.
 *
 * <p>Format: {@code vg1.<payload>.<signature>}, where payload is the base64url (no padding) of a
 * compact JSON object
 * {@code {"sub":userId,"name":displayName,"roles":["AGENT"],"iat":epochSeconds,"exp":epochSeconds}}
 * and signature the base64url HMAC-SHA256 of {@code vg1.<payload>} under the shared secret. Every
 * character is legal in a URL query and in a {@code Sec-WebSocket-Protocol} token.
 *
 * <p><b>Maximum lifetime.</b> Whoever holds the secret can sign any payload, so the signature alone
 * does not bound a token's life: validation also requires an integral {@code iat} no later than
 * now + {@value #MAX_CLOCK_SKEW_SECONDS} s and {@code exp − iat} of at most the configured maximum
 * ({@link NotifierLimits#maxTokenLifetime()}, default 12 h). A token with {@code exp} far in the
 * future, or without {@code iat} (as issued before this check existed), is rejected whatever its
 * roles; {@link #issue} refuses a ttl beyond the maximum.
 *
 * <p>Thread-safe; validation is CPU-only and completes synchronously (no caching needed).
 */
public final class LocalTokenService implements TokenValidator {

    static final String PREFIX = "vg1.";
    /** How far in the future an {@code iat} may be (clock differences between issuer and gateway). */
    public static final long MAX_CLOCK_SKEW_SECONDS = 60;
    private static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_TOKEN_CHARS = 4096;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration maxLifetime;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * A service with the default maximum lifetime ({@link NotifierLimits#DEFAULT_MAX_TOKEN_LIFETIME}).
     *
     * @param secret the HMAC key, at least 32 bytes (copied)
     * @param clock  wall clock for issuing and expiry checks
     */
    public LocalTokenService(byte[] secret, Clock clock) {
        this(secret, clock, NotifierLimits.DEFAULT_MAX_TOKEN_LIFETIME);
    }

    /**
     * @param secret      the HMAC key, at least 32 bytes (copied)
     * @param clock       wall clock for issuing and expiry checks
     * @param maxLifetime longest {@code exp − iat} accepted and issued ({@link NotifierLimits#maxTokenLifetime()})
     */
    public LocalTokenService(byte[] secret, Clock clock, Duration maxLifetime) {
        if (maxLifetime == null || maxLifetime.compareTo(Duration.ofSeconds(1)) < 0
                || maxLifetime.compareTo(NotifierLimits.MAX_TOKEN_LIFETIME_LIMIT) > 0) {
            throw new IllegalArgumentException("agent.limits.maxTokenLifetime: " + maxLifetime
                    + " (expected: PT1S.." + NotifierLimits.MAX_TOKEN_LIFETIME_LIMIT + ")");
        }
        this.maxLifetime = maxLifetime;
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("agent.localTokens.secret: " + (secret == null ? 0 : secret.length)
                    + " bytes (expected: >= " + MIN_SECRET_BYTES + ")");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Issues a token for {@code principal} valid for {@code ttl} (whole seconds, 1 s .. the maximum
     * lifetime).
     */
    public String issue(AgentPrincipal principal, Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: PT1S.." + maxLifetime
                    + ", agent.limits.maxTokenLifetime)");
        }
        long now = clock.instant().getEpochSecond();
        ObjectNode payload = json.createObjectNode()
                .put("sub", principal.userId())
                .put("name", principal.displayName());
        ArrayNode roles = payload.putArray("roles");
        principal.roles().stream().sorted().forEach(r -> roles.add(r.name()));
        payload.put("iat", now);
        payload.put("exp", now + ttl.getSeconds());
        String body = PREFIX + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(sign(body));
    }

    @Override
    public CompletionStage<AgentPrincipal> validate(String token) {
        try {
            return CompletableFuture.completedFuture(verify(token));
        } catch (TokenRejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Synchronous validation; throws {@link TokenRejectedException}. */
    public AgentPrincipal verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS || !token.startsWith(PREFIX)) {
            throw new TokenRejectedException(Reason.MALFORMED, "not a local token");
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            throw new TokenRejectedException(Reason.MALFORMED, "local token has no signature");
        }
        String body = token.substring(0, dot);
        byte[] signature = decode(token.substring(dot + 1), "signature");
        if (!MessageDigest.isEqual(sign(body), signature)) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, "local token signature does not match");
        }
        JsonNode payload = parse(decode(body.substring(PREFIX.length()), "payload"));
        long now = clock.instant().getEpochSecond();
        long exp = epochSeconds(payload, "exp");
        long iat = epochSeconds(payload, "iat");
        if (now >= exp) {
            throw new TokenRejectedException(Reason.EXPIRED, "local token expired");
        }
        if (iat > now + MAX_CLOCK_SKEW_SECONDS) {
            throw new TokenRejectedException(Reason.MALFORMED, "local token issued in the future (iat more than "
                    + MAX_CLOCK_SKEW_SECONDS + " s ahead)");
        }
        // exp > now here, so exp - maxLifetime cannot underflow
        if (exp - maxLifetime.getSeconds() > iat) {
            throw new TokenRejectedException(Reason.EXPIRED, "local token lifetime exceeds the maximum of "
                    + maxLifetime + " (agent.limits.maxTokenLifetime)");
        }
        return principalOf(payload).expiringAt(java.time.Instant.ofEpochSecond(exp));
    }

    /** The maximum lifetime this service accepts and issues. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Whether {@code token} has the local-token form (so its validation is CPU-only and exact). */
    public static boolean isLocalToken(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    private static long epochSeconds(JsonNode payload, String field) {
        JsonNode n = payload.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new TokenRejectedException(Reason.MALFORMED, "local token has no integral '" + field + "'");
        }
        return n.longValue();
    }

    private AgentPrincipal principalOf(JsonNode payload) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode r : payload.path("roles")) {
            try {
                roles.add(Role.valueOf(r.asText()));
            } catch (IllegalArgumentException e) {
                throw new TokenRejectedException(Reason.MALFORMED, "local token has an unknown role");
            }
        }
        try {
            return new AgentPrincipal(payload.path("sub").asText(null), payload.path("name").asText(""), roles);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "local token payload incomplete: " + e.getMessage());
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new TokenRejectedException(Reason.MALFORMED, "local token payload is not a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "local token payload is not JSON");
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return B64D.decode(part);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "local token " + what + " is not base64url");
        }
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
