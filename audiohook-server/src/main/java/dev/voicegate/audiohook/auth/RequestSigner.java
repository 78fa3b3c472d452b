package dev.voicegate.audiohook.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs an AudioHook upgrade request the way Genesys Cloud and the reference client do (fact sheet
 * {@code audiohook-protocol.md} §1.3 "What the reference client signs"): label {@code sig1}, the six
 * components {@code @request-target @authority audiohook-organization-id audiohook-session-id
 * audiohook-correlation-id x-api-key} in that order, parameters {@code keyid nonce alg created expires}
 * in that order, HMAC-SHA256 keyed with the base64-decoded secret.
 *
 * <p>Stateless and thread-safe ({@link SecureRandom} is thread-safe; on Linux it reads the
 * non-blocking {@code /dev/urandom}).
 */
public final class RequestSigner {

    /** The label the reference client uses. */
    public static final String LABEL = "sig1";
    /** Lifetime the reference client gives its signatures ({@code expires = created + 30}). */
    public static final long LIFETIME_SECONDS = 30;
    private static final int NONCE_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestSigner() {
    }

    /**
     * Computes the signature headers for an upgrade request.
     *
     * @param requestTarget  path plus query, e.g. {@code "/api/v1/audiohook/ws"}
     * @param authority      host, with the port only when it is not the default, e.g. {@code "example.com:8443"}
     * @param organizationId the {@code audiohook-organization-id} header value
     * @param sessionId      the {@code audiohook-session-id} header value
     * @param correlationId  the {@code audiohook-correlation-id} header value
     * @param apiKey         the {@code x-api-key} header value, also the {@code keyid}
     * @param secretBase64   the client secret in base64; {@code ""} means "do not sign"
     * @param clock          supplies {@code created} (whole seconds)
     * @return the headers to add, {@code "signature-input"} then {@code "signature"}; an empty map when
     *         {@code secretBase64} is empty
     * @throws IllegalArgumentException if the secret is not base64 or a value cannot be an sf-string
     */
    public static Map<String, String> sign(String requestTarget, String authority, String organizationId,
                                           String sessionId, String correlationId, String apiKey,
                                           String secretBase64, Clock clock) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return sign(requestTarget, authority, organizationId, sessionId, correlationId, apiKey, secretBase64,
                clock, nonce);
    }

    /** As {@link #sign(String, String, String, String, String, String, String, Clock)} with a given nonce. */
    static Map<String, String> sign(String requestTarget, String authority, String organizationId,
                                    String sessionId, String correlationId, String apiKey,
                                    String secretBase64, Clock clock, byte[] nonce) {
        Objects.requireNonNull(secretBase64, "secretBase64");
        if (secretBase64.isEmpty()) {
            return Map.of();
        }
        byte[] key = new ApiKeyConfig(apiKey, secretBase64).secretBytes();
        long created = clock.instant().getEpochSecond();
        Map<String, String> components = new LinkedHashMap<>();
        components.put("@request-target", requestTarget);
        components.put("@authority", authority);
        components.put("audiohook-organization-id", organizationId);
        components.put("audiohook-session-id", sessionId);
        components.put("audiohook-correlation-id", correlationId);
        components.put("x-api-key", apiKey);
        Map<String, SfBareItem> params = new LinkedHashMap<>();
        params.put("keyid", new SfBareItem.Str(apiKey));
        params.put("nonce", new SfBareItem.Str(Base64.getEncoder().encodeToString(nonce)));
        params.put("alg", new SfBareItem.Str(SignatureVerifier.HMAC_SHA256));
        params.put("created", new SfBareItem.Int(created));
        params.put("expires", new SfBareItem.Int(created + LIFETIME_SECONDS));

        List<SfItem> covered = new ArrayList<>();
        StringBuilder base = new StringBuilder();
        components.forEach((name, value) -> {
            String canonical = Objects.requireNonNull(value, name).strip();
            if (canonical.indexOf('\r') >= 0 || canonical.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(name + ": contains a line break");
            }
            SfItem component = SfItem.of(new SfBareItem.Str(name));
            covered.add(component);
            base.append(StructuredFieldSerializer.serialize(component)).append(": ").append(canonical).append('\n');
        });
        String signatureParams = StructuredFieldSerializer.serialize(new SfInnerList(covered, params));
        base.append("\"@signature-params\": ").append(signatureParams);
        byte[] mac = HmacSha256.mac(key, base.toString());

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("signature-input", LABEL + "=" + signatureParams);
        headers.put("signature", LABEL + "=" + StructuredFieldSerializer.serialize(new SfBareItem.Bytes(mac)));
        return Collections.unmodifiableMap(headers);
    }
}
