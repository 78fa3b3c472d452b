package dev.voicegate.audiohook.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies the HMAC-SHA256 HTTP message signature of a request (RFC 9421 / draft-11 §3.2), following the
 * AudioHook reference verifier step by step (fact sheet {@code audiohook-protocol.md} §1.3):
 * <ol>
 *   <li>parse {@code signature-input} and {@code signature} as RFC 8941 dictionaries (error → INVALID;
 *       neither → UNSIGNED; only one → INVALID) and take the first label;</li>
 *   <li>allow only the {@code alg, created, expires, keyid, nonce} parameters (else INVALID);</li>
 *   <li>time checks with {@code horizon = now + clockSkew}: {@code created > horizon} → PRECONDITION,
 *       {@code expires < horizon} → EXPIRED, {@code created + maxAge < horizon} → EXPIRED;</li>
 *   <li>build the signature base ({@link SignatureBase}); missing required component → PRECONDITION;</li>
 *   <li>resolve the key, compute the MAC and compare in constant time → VERIFIED or FAILED; an unknown
 *       key is run against a random key and always FAILS; an algorithm other than {@code hmac-sha256}
 *       → UNSUPPORTED.</li>
 * </ol>
 *
 * <p>Thread-safe and non-blocking: no shared mutable state; the random decoy key is drawn once at
 * construction. It never logs; results carry no secret or signature value.
 */
public final class SignatureVerifier {

    static final String HMAC_SHA256 = "hmac-sha256";

    private final VerifierPolicy policy;
    private final Clock clock;
    private final byte[] decoyKey = new byte[32];

    /**
     * @param policy required components, max age and clock skew
     * @param clock  wall clock for the time checks
     */
    public SignatureVerifier(VerifierPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        new SecureRandom().nextBytes(decoyKey);
    }

    /**
     * Verifies the request's first signature.
     *
     * @param request the upgrade request
     * @param keys    finds the key for the signature's parameters
     * @return the result; never throws for bad input
     */
    public VerificationResult verify(UpgradeRequest request, KeyResolver keys) {
        SignatureInput input;
        try {
            input = SignatureInput.select(request);
        } catch (SignatureCheckException e) {
            return new VerificationResult(e.result(), e.getMessage(), null);
        }
        SignatureParameters params = input.parameters();
        try {
            checkTime(params);
            String base = SignatureBase.build(input, request, policy.requiredComponents());
            return compare(input, base, keys.resolve(params));
        } catch (SignatureCheckException e) {
            return new VerificationResult(e.result(), e.getMessage(), params);
        }
    }

    /** The signature base the request's first signature covers (for diagnostics and tests). */
    String signatureBase(UpgradeRequest request) {
        return SignatureBase.build(SignatureInput.select(request), request, policy.requiredComponents());
    }

    private void checkTime(SignatureParameters params) {
        Instant now = clock.instant();
        Instant horizon = now.plus(policy.clockSkew());
        String skew = "clock skew " + Durations.format(policy.clockSkew());
        if (params.created() != null && Instant.ofEpochSecond(params.created()).isAfter(horizon)) {
            Duration ahead = Duration.between(now, Instant.ofEpochSecond(params.created()));
            throw new SignatureCheckException(SignatureResult.PRECONDITION,
                    "signature created " + Durations.format(ahead) + " in the future (" + skew + ")");
        }
        if (params.expires() != null && Instant.ofEpochSecond(params.expires()).isBefore(horizon)) {
            Duration left = Duration.between(now, Instant.ofEpochSecond(params.expires()));
            throw new SignatureCheckException(SignatureResult.EXPIRED, left.isNegative()
                    ? "signature expired " + Durations.format(left.negated()) + " ago (" + skew + ")"
                    : "signature expires in " + Durations.format(left) + ", within the " + skew);
        }
        Duration maxAge = policy.maxSignatureAge();
        if (maxAge != null) {
            if (params.created() == null) {
                throw new SignatureCheckException(SignatureResult.PRECONDITION,
                        "no created parameter, so the signature age is unknown");
            }
            Instant created = Instant.ofEpochSecond(params.created());
            if (created.plus(maxAge).isBefore(horizon)) {
                throw new SignatureCheckException(SignatureResult.EXPIRED, "signature created "
                        + Durations.format(Duration.between(created, now)) + " ago (max age "
                        + Durations.format(maxAge) + ", " + skew + ")");
            }
        }
    }

    private VerificationResult compare(SignatureInput input, String base, KeyLookup lookup) {
        SignatureParameters params = input.parameters();
        if (lookup instanceof KeyLookup.Rejected rejected) {
            return new VerificationResult(rejected.result(), rejected.reason(), params);
        }
        KeyLookup.Found found = lookup instanceof KeyLookup.Found f ? f : null;
        String alg = found != null && found.alg() != null ? found.alg()
                : params.alg() != null ? params.alg() : HMAC_SHA256;
        // Same work whether or not the key exists, and whether or not the MAC matches.
        byte[] expected = HmacSha256.mac(found != null ? found.key() : decoyKey, base);
        boolean match = MessageDigest.isEqual(expected, input.mac());
        if (!alg.equals(HMAC_SHA256)) {
            return new VerificationResult(SignatureResult.UNSUPPORTED, "algorithm "
                    + StructuredFieldSerializer.serialize(new SfBareItem.Str(alg)) + " not supported", params);
        }
        if (found == null) {
            return new VerificationResult(SignatureResult.FAILED, "unknown key", params);
        }
        return match
                ? new VerificationResult(SignatureResult.VERIFIED, "signatures match", params)
                : new VerificationResult(SignatureResult.FAILED, "signatures do not match", params);
    }
}
