package dev.voicegate.audiohook.auth;

import dev.voicegate.audiohook.api.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an AudioHook WebSocket upgrade request is authentic (fact sheet {@code
 * audiohook-protocol.md} §1.2-1.3, issue #2):
 * <ul>
 *   <li>the {@code x-api-key} header is required (else PRECONDITION);</li>
 *   <li>a signed request is verified by {@link SignatureVerifier} with the six AudioHook components
 *       required, the configured max age and clock skew; the key resolver requires a nonce of at least
 *       22 characters and {@code keyid == x-api-key} (else PRECONDITION); an unknown key takes the
 *       constant-time path with a random key and FAILS; a key with an empty secret is verified with
 *       the empty key;</li>
 *   <li>an unsigned request is accepted only when its key is known and its secret is empty;</li>
 *   <li>if {@link AuthConfig#organizationIds()} is not empty, the {@code audiohook-organization-id}
 *       header must be in it (else PRECONDITION);</li>
 *   <li>a verified signature whose {@code (keyid, nonce)} was already accepted within its validity
 *       window is refused as FAILED, "replayed nonce" ({@link NonceReplayCache}).</li>
 * </ul>
 * The 500 ms minimum failure latency and the wire response (HTTP 401 or {@code disconnect}) are the
 * caller's job.
 *
 * <p>Thread-safe and non-blocking (one short lock in the nonce cache); safe to call on an event loop.
 * Logs one DEBUG line per decision, never secrets or signature values. Meters:
 * {@code voicegate.audiohook.auth.outcomes} (tags {@code result}, {@code accepted}),
 * {@code voicegate.audiohook.auth.nonces} (gauge), {@code voicegate.audiohook.auth.nonce.evictions}
 * (tag {@code cause}: {@code expired|overflow}).
 */
public final class RequestAuthenticator {

    /** Minimum nonce length (fact sheet §1.2): 18 random bytes in base64 are 24 characters. */
    public static final int MIN_NONCE_LENGTH = 22;

    private static final Logger log = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final AuthConfig config;
    private final Map<String, ApiKeyConfig> keys;
    private final Map<String, byte[]> secrets;
    private final SignatureVerifier verifier;
    private final NonceReplayCache nonces;
    private final AuthMetrics metrics;

    /** An authenticator without metrics. */
    public RequestAuthenticator(AuthConfig config, Clock clock) {
        this(config, clock, new CompositeMeterRegistry());
    }

    /**
     * @param config   keys, allow-list, time limits, nonce cache capacity
     * @param clock    wall clock for the signature time checks and nonce expiry
     * @param registry where the meters are registered
     */
    public RequestAuthenticator(AuthConfig config, Clock clock, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = config.apiKeys().stream().collect(Collectors.toUnmodifiableMap(ApiKeyConfig::key, Function.identity()));
        this.secrets = config.apiKeys().stream()
                .collect(Collectors.toUnmodifiableMap(ApiKeyConfig::key, ApiKeyConfig::secretBytes));
        VerifierPolicy policy = new VerifierPolicy(VerifierPolicy.AUDIOHOOK_COMPONENTS,
                config.maxSignatureAge(), config.clockSkew());
        this.verifier = new SignatureVerifier(policy, clock);
        this.nonces = new NonceReplayCache(config.nonceCacheCapacity(), clock);
        this.metrics = new AuthMetrics(Objects.requireNonNull(registry, "registry"), nonces);
    }

    /**
     * Authenticates an upgrade request.
     *
     * @param request the request's method, target, authority and headers
     * @return the decision; never throws for bad input
     */
    public AuthOutcome authenticate(UpgradeRequest request) {
        AuthOutcome outcome = decide(request);
        metrics.record(outcome);
        if (log.isDebugEnabled()) {
            String session = SignatureBase.canonicalHeader(request.headerValues("audiohook-session-id"));
            log.debug("[session={}] AudioHook request {}: {}", AuthConfig.isUuid(session) ? session : "?",
                    outcome.accepted() ? "accepted" : "rejected", LogSafe.escape(outcome.info()));
        }
        return outcome;
    }

    /** The nonce cache (exposed for monitoring). */
    public NonceReplayCache nonceCache() {
        return nonces;
    }

    private AuthOutcome decide(UpgradeRequest request) {
        List<String> apiKeys = request.headerValues("x-api-key");
        if (apiKeys.isEmpty() || apiKeys.get(0).isBlank()) {
            return AuthOutcome.reject(SignatureResult.PRECONDITION, null, "missing x-api-key header");
        }
        if (apiKeys.size() > 1) {
            return AuthOutcome.reject(SignatureResult.PRECONDITION, null, "x-api-key header repeated");
        }
        String presented = apiKeys.get(0).strip();
        ApiKeyConfig known = keys.get(presented);
        String apiKey = known == null ? null : known.key();
        VerificationResult verification = verifier.verify(request, params -> resolveKey(params, presented));
        return switch (verification.result()) {
            case UNSIGNED -> unsigned(known, request);
            case VERIFIED -> verified(apiKey, verification.parameters(), request);
            case FAILED -> AuthOutcome.reject(SignatureResult.FAILED, apiKey,
                    known == null ? "unknown API key" : verification.reason());
            default -> AuthOutcome.reject(verification.result(), apiKey, verification.reason());
        };
    }

    private KeyLookup resolveKey(SignatureParameters params, String presented) {
        if (params.nonce() == null) {
            return new KeyLookup.Rejected(SignatureResult.PRECONDITION, "missing nonce parameter");
        }
        if (params.nonce().length() < MIN_NONCE_LENGTH) {
            return new KeyLookup.Rejected(SignatureResult.PRECONDITION,
                    "nonce shorter than " + MIN_NONCE_LENGTH + " characters");
        }
        if (params.keyid() == null) {
            return new KeyLookup.Rejected(SignatureResult.PRECONDITION, "missing keyid parameter");
        }
        if (!params.keyid().equals(presented)) {
            return new KeyLookup.Rejected(SignatureResult.PRECONDITION, "keyid does not match x-api-key header");
        }
        byte[] secret = secrets.get(presented);
        return secret == null ? new KeyLookup.Unknown() : new KeyLookup.Found(secret, null);
    }

    private AuthOutcome unsigned(ApiKeyConfig known, UpgradeRequest request) {
        if (known == null) {
            return AuthOutcome.reject(SignatureResult.UNSIGNED, null, "unsigned request with unknown API key");
        }
        if (!known.allowsUnsigned()) {
            return AuthOutcome.reject(SignatureResult.UNSIGNED, known.key(), "signature required for this API key");
        }
        String orgProblem = organizationProblem(request);
        return orgProblem != null
                ? AuthOutcome.reject(SignatureResult.PRECONDITION, known.key(), orgProblem)
                : AuthOutcome.accept(SignatureResult.UNSIGNED, known.key(), "accepted: API key has an empty secret");
    }

    private AuthOutcome verified(String apiKey, SignatureParameters params, UpgradeRequest request) {
        String orgProblem = organizationProblem(request);
        if (orgProblem != null) {
            return AuthOutcome.reject(SignatureResult.PRECONDITION, apiKey, orgProblem);
        }
        // created is present: the verifier requires it whenever a max age is set, and AuthConfig always sets one.
        Instant validUntil = Instant.ofEpochSecond(params.created()).plus(config.maxSignatureAge());
        if (!nonces.recordFirstUse(params.keyid(), params.nonce(), validUntil)) {
            return AuthOutcome.reject(SignatureResult.FAILED, apiKey, "replayed nonce (signature already used)");
        }
        return AuthOutcome.accept(SignatureResult.VERIFIED, apiKey, "signature verified");
    }

    /** Why the organisation is not allowed, or {@code null} if it is. */
    private String organizationProblem(UpgradeRequest request) {
        if (config.organizationIds().isEmpty()) {
            return null;
        }
        String org = SignatureBase.canonicalHeader(request.headerValues("audiohook-organization-id"));
        if (org == null) {
            return "missing audiohook-organization-id header";
        }
        if (!AuthConfig.isUuid(org)) {
            return "audiohook-organization-id header is not a UUID";
        }
        return config.organizationIds().contains(org.toLowerCase(Locale.ROOT))
                ? null : "organization " + org + " is not in the allow-list";
    }
}
