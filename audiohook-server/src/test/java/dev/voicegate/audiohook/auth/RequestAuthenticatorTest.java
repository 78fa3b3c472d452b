package dev.voicegate.audiohook.auth;

import static dev.voicegate.audiohook.auth.AudioHookSigning.params;
import static dev.voicegate.audiohook.auth.AudioHookSigning.request;
import static dev.voicegate.audiohook.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The AudioHook policy on top of the verifier (fact sheet §1.2) and what issue #2 adds to it. */
class RequestAuthenticatorTest {

    private static final long T0 = 1_790_000_000L;
    private static final String NONCE_22 = "ABCDEFGHIJKLMNOPQRSTUV";
    private static final String KEY_B = "second-key";
    private static final String SECRET_B = "c2Vjb25kIHNlY3JldCwgMzIgYnl0ZXMgbG9uZyEhIQ==";
    private static final String OPEN_KEY = "open-key";

    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(T0));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestAuthenticator authenticator = new RequestAuthenticator(AuthConfig.of(List.of(
            new ApiKeyConfig(API_KEY, SECRET), new ApiKeyConfig(KEY_B, SECRET_B), new ApiKeyConfig(OPEN_KEY, ""))),
            clock, registry);

    @Test
    void aRequestSignedByRequestSignerIsVerified() {
        AuthOutcome outcome = authenticator.authenticate(signedBySigner(API_KEY, SECRET, clock));

        assertThat(outcome).isEqualTo(new AuthOutcome(true, SignatureResult.VERIFIED, API_KEY, "VERIFIED: signature verified"));
        assertThat(outcome.clientInfo()).isEqualTo("VERIFIED");
    }

    @Test
    void aMissingApiKeyHeaderIsAPreconditionFailure() {
        Map<String, List<String>> headers = audioHookHeaders();
        headers.remove("x-api-key");

        assertRejected(Vectors.with(headers, null, null), SignatureResult.PRECONDITION,
                "PRECONDITION: missing x-api-key header");
    }

    @Test
    void aRepeatedApiKeyHeaderIsAPreconditionFailure() {
        Map<String, List<String>> headers = audioHookHeaders();
        headers.put("x-api-key", List.of(API_KEY, KEY_B));

        assertRejected(Vectors.with(headers, null, null), SignatureResult.PRECONDITION,
                "PRECONDITION: x-api-key header repeated");
    }

    @Test
    void aMissingNonceIsAPreconditionFailure() {
        String noNonce = ";keyid=\"" + API_KEY + "\";alg=\"hmac-sha256\";created=" + T0;

        assertRejected(request(API_KEY, SECRET, noNonce), SignatureResult.PRECONDITION,
                "PRECONDITION: missing nonce parameter");
    }

    @Test
    void aNonceOf21CharactersIsAPreconditionFailureAnd22AreEnough() {
        assertRejected(request(API_KEY, SECRET, params(API_KEY, NONCE_22.substring(1), T0)),
                SignatureResult.PRECONDITION, "PRECONDITION: nonce shorter than 22 characters");
        assertThat(authenticator.authenticate(request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0))).result())
                .isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void aKeyidOtherThanTheApiKeyHeaderIsAPreconditionFailure() {
        assertRejected(request(API_KEY, SECRET, params(KEY_B, NONCE_22, T0)), SignatureResult.PRECONDITION,
                "PRECONDITION: keyid does not match x-api-key header");
        String noKeyid = ";nonce=\"" + NONCE_22 + "\";created=" + T0;
        assertRejected(request(API_KEY, SECRET, noKeyid), SignatureResult.PRECONDITION,
                "PRECONDITION: missing keyid parameter");
    }

    @Test
    void anUnknownApiKeyFailsWithoutNamingAConfiguredKey() {
        AuthOutcome outcome = authenticator.authenticate(request("unknown", SECRET, params("unknown", NONCE_22, T0)));

        assertThat(outcome).isEqualTo(new AuthOutcome(false, SignatureResult.FAILED, null, "FAILED: unknown API key"));
        assertThat(outcome.clientInfo()).isEqualTo("FAILED");
    }

    @Test
    void aSignatureMadeWithAnotherSecretFails() {
        assertRejected(request(API_KEY, SECRET_B, params(API_KEY, NONCE_22, T0)), SignatureResult.FAILED,
                "FAILED: signatures do not match");
    }

    @Test
    void aTamperedSessionIdFails() {
        UpgradeRequest genuine = request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0));
        Map<String, List<String>> headers = new java.util.HashMap<>(genuine.headers());
        headers.put("audiohook-session-id", List.of("11111111-2222-3333-4444-555555555555"));

        assertRejected(new UpgradeRequest("GET", TARGET, null, headers), SignatureResult.FAILED,
                "FAILED: signatures do not match");
    }

    @Test
    void anUnsignedRequestIsAcceptedOnlyForAKnownKeyWithAnEmptySecret() {
        assertThat(authenticator.authenticate(Vectors.with(AudioHookSigning.unsigned(OPEN_KEY, ORG), null, null)))
                .isEqualTo(new AuthOutcome(true, SignatureResult.UNSIGNED, OPEN_KEY,
                        "UNSIGNED: accepted: API key has an empty secret"));
        assertRejected(Vectors.with(AudioHookSigning.unsigned(API_KEY, ORG), null, null), SignatureResult.UNSIGNED,
                "UNSIGNED: signature required for this API key");
        assertRejected(Vectors.with(AudioHookSigning.unsigned("unknown", ORG), null, null), SignatureResult.UNSIGNED,
                "UNSIGNED: unsigned request with unknown API key");
    }

    @Test
    void aSignedRequestForAKeyWithAnEmptySecretIsVerifiedWithTheEmptyKey() {
        assertThat(authenticator.authenticate(request(OPEN_KEY, "", params(OPEN_KEY, NONCE_22, T0))).result())
                .isEqualTo(SignatureResult.VERIFIED);
        assertRejected(request(OPEN_KEY, SECRET, params(OPEN_KEY, NONCE_22 + "x", T0)), SignatureResult.FAILED,
                "FAILED: signatures do not match");
    }

    @Test
    void twoKeysAreAcceptedAtOnceEachWithItsOwnSecret() {
        assertThat(authenticator.authenticate(signedBySigner(API_KEY, SECRET, clock)).result())
                .isEqualTo(SignatureResult.VERIFIED);
        AuthOutcome second = authenticator.authenticate(signedBySigner(KEY_B, SECRET_B, clock));
        assertThat(second.result()).isEqualTo(SignatureResult.VERIFIED);
        assertThat(second.apiKey()).isEqualTo(KEY_B);
        assertRejected(request(KEY_B, SECRET, params(KEY_B, NONCE_22, T0)), SignatureResult.FAILED,
                "FAILED: signatures do not match");
    }

    @Test
    void aReplayedSignatureIsRejectedWhileItIsStillFresh() {
        UpgradeRequest request = request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0));

        assertThat(authenticator.authenticate(request).accepted()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertRejected(request, SignatureResult.FAILED, "FAILED: replayed nonce (signature already used)");
        assertThat(authenticator.nonceCache().size()).isEqualTo(1);
        clock.advance(Duration.ofMillis(2_001));
        assertThat(authenticator.authenticate(request).result())
                .as("once too old it is EXPIRED, which no longer needs the cache")
                .isEqualTo(SignatureResult.EXPIRED);
    }

    @Test
    void theSameNonceWithAnotherKeyIsNotAReplay() {
        assertThat(authenticator.authenticate(request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0))).accepted()).isTrue();
        assertThat(authenticator.authenticate(request(KEY_B, SECRET_B, params(KEY_B, NONCE_22, T0))).accepted()).isTrue();
    }

    @Test
    void onlyVerifiedSignaturesEnterTheNonceCache() {
        assertThat(authenticator.authenticate(request(API_KEY, SECRET_B, params(API_KEY, NONCE_22, T0))).accepted())
                .isFalse();
        assertThat(authenticator.nonceCache().size()).isZero();
        assertThat(authenticator.authenticate(request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0))).accepted())
                .isTrue();
    }

    @Test
    void createdUpToTheClockSkewInTheFutureIsAccepted() {
        assertThat(authenticate(params(API_KEY, NONCE_22 + "a", T0 + 2)).result()).isEqualTo(SignatureResult.VERIFIED);
        assertThat(authenticate(params(API_KEY, NONCE_22 + "b", T0 + 3)).result()).isEqualTo(SignatureResult.VERIFIED);
        assertRejected(request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0 + 4)), SignatureResult.PRECONDITION,
                "PRECONDITION: signature created 4s in the future (clock skew 3s)");
    }

    @Test
    void aSignatureOlderThanMaxAgeMinusSkewIsExpired() {
        UpgradeRequest sevenSecondsOld = request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0 - 7));
        clock.advance(Duration.ofMillis(1));

        assertRejected(sevenSecondsOld, SignatureResult.EXPIRED,
                "EXPIRED: signature created 7.001s ago (max age 10s, clock skew 3s)");
        assertRejected(request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0 - 12)), SignatureResult.EXPIRED,
                "EXPIRED: signature created 12.001s ago (max age 10s, clock skew 3s)");
    }

    @Test
    void aSignatureExactlyMaxAgeMinusSkewOldIsAccepted() {
        assertThat(authenticate(params(API_KEY, NONCE_22, T0 - 7)).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void expiresWithinTheClockSkewIsExpired() {
        String expiresIn3 = ";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE_22 + "\";created=" + T0 + ";expires=" + (T0 + 3);
        String expiresIn2 = expiresIn3.replace("expires=" + (T0 + 3), "expires=" + (T0 + 2));
        String expired = expiresIn3.replace("expires=" + (T0 + 3), "expires=" + (T0 - 5));

        assertThat(authenticate(expiresIn3).result()).isEqualTo(SignatureResult.VERIFIED);
        assertRejected(request(API_KEY, SECRET, expiresIn2), SignatureResult.EXPIRED,
                "EXPIRED: signature expires in 2s, within the clock skew 3s");
        assertRejected(request(API_KEY, SECRET, expired), SignatureResult.EXPIRED,
                "EXPIRED: signature expired 5s ago (clock skew 3s)");
    }

    @Test
    void theOrganizationAllowListAdmitsListedOrganisationsInAnyCase() {
        RequestAuthenticator restricted = new RequestAuthenticator(AuthConfig.of(List.of(
                new ApiKeyConfig(API_KEY, SECRET), new ApiKeyConfig(OPEN_KEY, "")))
                .withOrganizationIds(Set.of(ORG.toUpperCase())), clock);
        String other = "aaaaaaaa-0972-4844-938e-9060eef73d05";

        assertThat(restricted.authenticate(request(API_KEY, SECRET, params(API_KEY, NONCE_22, T0))).accepted()).isTrue();
        AuthOutcome foreign = restricted.authenticate(request(API_KEY, other, SECRET, params(API_KEY, NONCE_22 + "x", T0)));
        assertThat(foreign).isEqualTo(new AuthOutcome(false, SignatureResult.PRECONDITION, API_KEY,
                "PRECONDITION: organization " + other + " is not in the allow-list"));
        AuthOutcome unsignedForeign = restricted.authenticate(
                Vectors.with(AudioHookSigning.unsigned(OPEN_KEY, other), null, null));
        assertThat(unsignedForeign.accepted()).isFalse();
        assertThat(unsignedForeign.info()).isEqualTo("PRECONDITION: organization " + other + " is not in the allow-list");
        AuthOutcome garbage = restricted.authenticate(
                Vectors.with(AudioHookSigning.unsigned(OPEN_KEY, "not-a-uuid\u001b[31m"), null, null));
        assertThat(garbage.info()).isEqualTo("PRECONDITION: audiohook-organization-id header is not a UUID");
    }

    @Test
    void anInvalidSignatureIsRejectedWithTheVerifierReason() {
        RequestAuthenticator atVectorTime = atVectorTime();

        assertThat(atVectorTime.authenticate(Vectors.signed(V2_INPUT + ";foo=1", V2_SIGNATURE)).info())
                .isEqualTo("INVALID: unknown signature parameter foo for label sig1");
        assertThat(atVectorTime.authenticate(
                Vectors.signed(V2_INPUT.replace("\"x-api-key\")", "\"x-api-key\";sf)"), V2_SIGNATURE)).info())
                .isEqualTo("UNSUPPORTED: component parameter sf not supported on \"x-api-key\"");
    }

    @Test
    void infoQuotingLongClientInputIsCut() {
        String longName = "x".repeat(500);
        UpgradeRequest request = Vectors.signed(
                V2_INPUT.replace("\"x-api-key\")", "\"x-api-key\" \"" + longName + "\")"), V2_SIGNATURE);

        AuthOutcome outcome = atVectorTime().authenticate(request);

        assertThat(outcome.info()).hasSize(AuthOutcome.MAX_INFO_LENGTH)
                .startsWith("PRECONDITION: header \"xxx").endsWith("...");
    }

    @Test
    void outcomesAreCountedByResultAndDecision() {
        authenticator.authenticate(signedBySigner(API_KEY, SECRET, clock));
        authenticator.authenticate(request(API_KEY, SECRET_B, params(API_KEY, NONCE_22, T0)));
        authenticator.authenticate(request(API_KEY, SECRET_B, params(API_KEY, NONCE_22, T0)));

        assertThat(registry.get("voicegate.audiohook.auth.outcomes").tags("result", "VERIFIED", "accepted", "true")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("voicegate.audiohook.auth.outcomes").tags("result", "FAILED", "accepted", "false")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("voicegate.audiohook.auth.nonces").gauge().value()).isEqualTo(1);
    }

    @Test
    void outcomeRefusesAcceptanceWithAFailureCode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new AuthOutcome(true, SignatureResult.FAILED, null, "x"))
                .hasMessage("result: FAILED (expected: VERIFIED|UNSIGNED when accepted)");
    }

    private static RequestAuthenticator atVectorTime() {
        return new RequestAuthenticator(AuthConfig.of(List.of(new ApiKeyConfig(API_KEY, SECRET))),
                new ManualClock(NOW));
    }

    private AuthOutcome authenticate(String params) {
        return authenticator.authenticate(request(API_KEY, SECRET, params));
    }

    private void assertRejected(UpgradeRequest request, SignatureResult result, String info) {
        AuthOutcome outcome = authenticator.authenticate(request);
        assertThat(outcome.accepted()).as(info).isFalse();
        assertThat(outcome.result()).as(info).isEqualTo(result);
        assertThat(outcome.info()).isEqualTo(info);
    }

}
