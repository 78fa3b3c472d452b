package dev.voicegate.audiohook.auth;

import static dev.voicegate.audiohook.auth.Vectors.API_KEY;
import static dev.voicegate.audiohook.auth.Vectors.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthConfigTest {

    private static final List<ApiKeyConfig> KEYS = List.of(new ApiKeyConfig(API_KEY, SECRET));

    @Test
    void ofUsesTheReferenceDefaults() {
        AuthConfig config = AuthConfig.of(KEYS);

        assertThat(config.maxSignatureAge()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.nonceCacheCapacity()).isEqualTo(100_000);
        assertThat(config.organizationIds()).isEmpty();
    }

    @Test
    void rejectsInvalidValuesNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> AuthConfig.of(List.of()))
                .hasMessage("audiohook.apiKeys: [] (expected: at least one API key)");
        assertThatThrownBy(() -> AuthConfig.of(List.of(new ApiKeyConfig("abcdef", ""), new ApiKeyConfig("abcdef", SECRET))))
                .hasMessage("audiohook.apiKeys: key abcd**** listed twice (expected: unique keys)");
        assertThatThrownBy(() -> new AuthConfig(KEYS, Set.of("nope"), Duration.ofSeconds(10), Duration.ofSeconds(3), 1))
                .hasMessage("audiohook.organizationIds: \"nope\" (expected: UUID)");
        assertThatThrownBy(() -> new AuthConfig(KEYS, Set.of(), Duration.ofSeconds(-1), Duration.ofSeconds(3), 1))
                .hasMessage("audiohook.maxSignatureAge: -1s (expected: > 0)");
        assertThatThrownBy(() -> new AuthConfig(KEYS, Set.of(), Duration.ofSeconds(10), Duration.ofSeconds(10), 1))
                .hasMessage("audiohook.clockSkew: 10s (expected: >= 0 and < maxSignatureAge 10s)");
        assertThatThrownBy(() -> new AuthConfig(KEYS, Set.of(), Duration.ofSeconds(10), Duration.ofMillis(-500), 1))
                .hasMessage("audiohook.clockSkew: -0.5s (expected: >= 0 and < maxSignatureAge 10s)");
        assertThatThrownBy(() -> new AuthConfig(KEYS, Set.of(), Duration.ofSeconds(10), Duration.ofSeconds(3), 0))
                .hasMessage("audiohook.nonceCacheCapacity: 0 (expected: > 0)");
    }

    @Test
    void organizationIdsAreStoredLowerCase() {
        AuthConfig config = AuthConfig.of(KEYS).withOrganizationIds(Set.of("D7934305-0972-4844-938E-9060EEF73D05"));

        assertThat(config.organizationIds()).containsExactly("d7934305-0972-4844-938e-9060eef73d05");
    }

    @Test
    void apiKeyConfigRejectsBadKeysAndSecretsWithoutEchoingSecrets() {
        assertThatThrownBy(() -> new ApiKeyConfig("bad key", ""))
                .hasMessage("audiohook.apiKeys.key: \"bad key\" (expected: ^[a-zA-Z0-9+/_-]+={0,2}$)");
        assertThatThrownBy(() -> new ApiKeyConfig(null, ""))
                .hasMessage("audiohook.apiKeys.key: null (expected: ^[a-zA-Z0-9+/_-]+={0,2}$)");
        assertThatThrownBy(() -> new ApiKeyConfig("key1", null))
                .hasMessage("audiohook.apiKeys.secret: null for key ****"
                        + " (expected: base64, or \"\" to allow unsigned requests)");
        assertThatThrownBy(() -> new ApiKeyConfig("key12", "s3cr3t!!"))
                .hasMessage("audiohook.apiKeys.secret: <redacted, 8 characters> for key key1**** (expected: base64)");
    }

    @Test
    void apiKeyConfigDecodesStandardAndUrlSafeBase64AndMasksItsSecretInToString() {
        ApiKeyConfig key = new ApiKeyConfig(API_KEY, SECRET);

        assertThat(new String(key.secretBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("MySuperSecretKeyTellNo-1!2@3#4$5");
        assertThat(new ApiKeyConfig("k", "-_8").secretBytes()).containsExactly(0xfb, 0xff);
        assertThat(key.toString()).isEqualTo("ApiKeyConfig[key=SGVs****, secret=<redacted>]").doesNotContain(SECRET);
        assertThat(new ApiKeyConfig("k", "").toString()).isEqualTo("ApiKeyConfig[key=****, secret=\"\"]");
        assertThat(AuthConfig.of(KEYS).toString()).doesNotContain(SECRET);
    }

    @Test
    void upgradeRequestMergesHeaderNamesCaseInsensitively() {
        UpgradeRequest request = new UpgradeRequest("GET", "/", null,
                Map.of("X-Api-Key", List.of("a"), "x-api-key", List.of("b"), "Empty", List.of()));

        assertThat(request.headerValues("X-API-KEY")).containsExactlyInAnyOrder("a", "b");
        assertThat(request.headers()).containsOnlyKeys("x-api-key");
    }
}
