package dev.voicegate.audiohook.auth;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Configuration of AudioHook request authentication (fact sheet §1.2, §1.3; issue #2). Immutable,
 * validated on construction; invalid values fail with a message naming the key, the value and what
 * was expected.
 *
 * @param apiKeys            the accepted API keys, each with its own secret (several at once allow
 *                           rotation); at least one, keys unique
 * @param organizationIds    allow-list of Genesys organisation ids (UUIDs, any case); empty = any
 *                           organisation. Stored lower-case.
 * @param maxSignatureAge    maximum signature age from {@code created} (reference: 10 s); also how long
 *                           a nonce is remembered for replay detection
 * @param clockSkew          tolerated clock difference (reference: 3 s); less than {@code maxSignatureAge}
 * @param nonceCacheCapacity maximum number of remembered nonces; when full the oldest is evicted
 *                           (see {@link NonceReplayCache})
 */
public record AuthConfig(List<ApiKeyConfig> apiKeys, Set<String> organizationIds,
                         Duration maxSignatureAge, Duration clockSkew, int nonceCacheCapacity) {

    /** Reference value of the app (fact sheet §1.3 step 5). */
    public static final Duration DEFAULT_MAX_SIGNATURE_AGE = Duration.ofSeconds(10);
    /** {@code MAX_CLOCK_SKEW} of the reference library. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(3);
    public static final int DEFAULT_NONCE_CACHE_CAPACITY = 100_000;

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public AuthConfig {
        Objects.requireNonNull(apiKeys, "audiohook.apiKeys");
        apiKeys = List.copyOf(apiKeys);
        if (apiKeys.isEmpty()) {
            throw new IllegalArgumentException("audiohook.apiKeys: [] (expected: at least one API key)");
        }
        Set<String> keys = new HashSet<>();
        for (ApiKeyConfig k : apiKeys) {
            if (!keys.add(k.key())) {
                throw new IllegalArgumentException("audiohook.apiKeys: key " + ApiKeyConfig.mask(k.key())
                        + " listed twice (expected: unique keys)");
            }
        }
        organizationIds = normaliseOrganizationIds(Objects.requireNonNull(organizationIds, "audiohook.organizationIds"));
        Objects.requireNonNull(maxSignatureAge, "audiohook.maxSignatureAge");
        Objects.requireNonNull(clockSkew, "audiohook.clockSkew");
        if (maxSignatureAge.isNegative() || maxSignatureAge.isZero()) {
            throw new IllegalArgumentException(
                    "audiohook.maxSignatureAge: " + Durations.format(maxSignatureAge) + " (expected: > 0)");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(maxSignatureAge) >= 0) {
            throw new IllegalArgumentException("audiohook.clockSkew: " + Durations.format(clockSkew)
                    + " (expected: >= 0 and < maxSignatureAge " + Durations.format(maxSignatureAge) + ")");
        }
        if (nonceCacheCapacity < 1) {
            throw new IllegalArgumentException(
                    "audiohook.nonceCacheCapacity: " + nonceCacheCapacity + " (expected: > 0)");
        }
    }

    /** The given keys, any organisation, and the reference defaults: 10 s max age, 3 s skew, 100,000 nonces. */
    public static AuthConfig of(List<ApiKeyConfig> keys) {
        return new AuthConfig(keys, Set.of(), DEFAULT_MAX_SIGNATURE_AGE, DEFAULT_CLOCK_SKEW,
                DEFAULT_NONCE_CACHE_CAPACITY);
    }

    /** A copy with an organisation allow-list. */
    public AuthConfig withOrganizationIds(Set<String> ids) {
        return new AuthConfig(apiKeys, ids, maxSignatureAge, clockSkew, nonceCacheCapacity);
    }

    private static Set<String> normaliseOrganizationIds(Set<String> ids) {
        for (String id : ids) {
            if (!isUuid(id)) {
                throw new IllegalArgumentException("audiohook.organizationIds: "
                        + (id == null ? "null" : "\"" + id + "\"") + " (expected: UUID)");
            }
        }
        return ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    static boolean isUuid(String s) {
        return s != null && UUID_PATTERN.matcher(s).matches();
    }
}
