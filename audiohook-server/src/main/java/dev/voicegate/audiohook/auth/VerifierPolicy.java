package dev.voicegate.audiohook.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link SignatureVerifier} insists on beyond the RFC 9421 rules (fact sheet §1.3 steps 5 and 8).
 * Immutable.
 *
 * @param requiredComponents component identifiers that must be covered (e.g. {@code "@authority"});
 *                           a missing one gives {@link SignatureResult#PRECONDITION}
 * @param maxSignatureAge    maximum age measured from {@code created}, or {@code null} for no limit;
 *                           when set, {@code created} is mandatory
 * @param clockSkew          tolerated clock difference with the signer (≥ 0)
 */
public record VerifierPolicy(Set<String> requiredComponents, Duration maxSignatureAge, Duration clockSkew) {

    /** The six components every AudioHook request must cover (fact sheet §1.3). */
    public static final Set<String> AUDIOHOOK_COMPONENTS = Set.of("@request-target", "@authority",
            "audiohook-organization-id", "audiohook-session-id", "audiohook-correlation-id", "x-api-key");

    public VerifierPolicy {
        requiredComponents = Set.copyOf(requiredComponents);
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew: " + Durations.format(clockSkew) + " (expected: >= 0)");
        }
        if (maxSignatureAge != null && (maxSignatureAge.isNegative() || maxSignatureAge.isZero())) {
            throw new IllegalArgumentException(
                    "maxSignatureAge: " + Durations.format(maxSignatureAge) + " (expected: > 0 or null)");
        }
    }
}
