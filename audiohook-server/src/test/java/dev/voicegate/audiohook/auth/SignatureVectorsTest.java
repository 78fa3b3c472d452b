package dev.voicegate.audiohook.auth;

import static dev.voicegate.audiohook.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fact sheet §1.4: V1-V4 and the extra vector, with the clock set just after their {@code created}. */
class SignatureVectorsTest {

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The library's own rules without the app's: no required components, no max age. */
    private final SignatureVerifier raw =
            new SignatureVerifier(new VerifierPolicy(Set.of(), null, Duration.ofSeconds(3)), clock);
    private final KeyResolver sampleKey = params -> API_KEY.equals(params.keyid())
            ? new KeyLookup.Found(Base64.getDecoder().decode(SECRET), null) : new KeyLookup.Unknown();
    private final RequestAuthenticator authenticator =
            new RequestAuthenticator(AuthConfig.of(List.of(new ApiKeyConfig(API_KEY, SECRET))), clock);

    @Test
    void v1BuilderVectorBuildsTheDocumentedSignatureBaseAndVerifies() {
        UpgradeRequest v1 = signed(V1_INPUT, V1_SIGNATURE);

        assertThat(raw.signatureBase(v1)).isEqualTo(String.join("\n",
                "\"@request-target\": /api/v1/voicebiometrics/ws",
                "\"host\": audiohook.example.com",
                "\"audiohook-organization-id\": d7934305-0972-4844-938e-9060eef73d05",
                "\"audiohook-session-id\": 30b0e395-84d3-4570-ac13-9a62d8f514c0",
                "\"audiohook-correlation-id\": e160e428-53e2-487c-977d-96989bf5c99d",
                "\"x-api-key\": SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh",
                "\"@signature-params\": (\"@request-target\" \"host\" \"audiohook-organization-id\" "
                        + "\"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\");"
                        + "keyid=\"SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh\";nonce=\"VGhpc0lzQVVuaXF1ZU5vbmNl\";"
                        + "alg=\"hmac-sha256\";created=1641013200;expires=3282026430"));
        assertThat(raw.verify(v1, sampleKey).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void v1ThroughTheAudioHookAuthenticatorIsAPreconditionFailureBecauseAuthorityIsNotCovered() {
        AuthOutcome outcome = authenticator.authenticate(signed(V1_INPUT, V1_SIGNATURE));

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.result()).isEqualTo(SignatureResult.PRECONDITION);
        assertThat(outcome.info()).isEqualTo(
                "PRECONDITION: signature does not cover required component(s) @authority");
    }

    @Test
    void v2GenesysFormVerifiesWithTheRawVerifierAndTheAuthenticator() {
        UpgradeRequest v2 = signed(V2_INPUT, V2_SIGNATURE);

        assertThat(raw.verify(v2, sampleKey).result()).isEqualTo(SignatureResult.VERIFIED);
        assertThat(authenticator.authenticate(v2))
                .isEqualTo(new AuthOutcome(true, SignatureResult.VERIFIED, API_KEY, "VERIFIED: signature verified"));
    }

    @Test
    void v2WithHeadersInAnotherOrderStillVerifies() {
        UpgradeRequest shuffled = reversed(signed(V2_INPUT, V2_SIGNATURE));

        assertThat(raw.verify(shuffled, sampleKey).result()).isEqualTo(SignatureResult.VERIFIED);
        assertThat(authenticator.authenticate(shuffled).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void v2WithAuthorityFromTheRequestInsteadOfTheHostHeaderVerifies() {
        Map<String, List<String>> headers = audioHookHeaders();
        headers.remove("host");
        headers.put("signature-input", List.of(V2_INPUT));
        headers.put("signature", List.of(V2_SIGNATURE));

        UpgradeRequest request = new UpgradeRequest("GET", TARGET, HOST, headers);

        assertThat(authenticator.authenticate(request).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void extraVectorWithExpiresCreatedPlus30Verifies() {
        UpgradeRequest extra = signed(EXTRA_INPUT, EXTRA_SIGNATURE);

        assertThat(raw.verify(extra, sampleKey).result()).isEqualTo(SignatureResult.VERIFIED);
        assertThat(authenticator.authenticate(extra).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void v3RfcHmacVectorWithAuthorityFromTheDerivedLookupVerifies() {
        UpgradeRequest v3 = new UpgradeRequest("POST", "/foo?param=Value&Pet=dog", "example.com", Map.of(
                "date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"),
                "content-type", List.of("application/json"),
                "signature-input", List.of(V3_INPUT),
                "signature", List.of(V3_SIGNATURE)));

        assertThat(rfcVerifier().verify(v3, rfcKey()).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void v4RfcHmacVectorWithAuthorityFromTheHostHeaderVerifies() {
        UpgradeRequest v4 = new UpgradeRequest("POST", "/foo?param=Value&Pet=dog", null, Map.of(
                "host", List.of("example.com"),
                "date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"),
                "content-type", List.of("application/json"),
                "signature-input", List.of(V3_INPUT),
                "signature", List.of(V3_SIGNATURE)));

        assertThat(rfcVerifier().verify(v4, rfcKey()).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void rfcVectorWithAnUnknownKeyidFails() {
        UpgradeRequest v4 = new UpgradeRequest("POST", "/foo", null, Map.of(
                "host", List.of("example.com"),
                "date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"),
                "content-type", List.of("application/json"),
                "signature-input", List.of(V3_INPUT.replace("test-shared-secret", "other-key")),
                "signature", List.of(V3_SIGNATURE)));

        VerificationResult result = rfcVerifier().verify(v4, rfcKey());

        assertThat(result.result()).isEqualTo(SignatureResult.FAILED);
        assertThat(result.reason()).isEqualTo("unknown key");
    }

    @Test
    void signerReproducesTheExtraVectorFromTheSameInputs() {
        Clock atCreated = Clock.fixed(java.time.Instant.ofEpochSecond(CREATED), ZoneOffset.UTC);

        Map<String, String> headers = RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, API_KEY, SECRET,
                atCreated, Base64.getDecoder().decode(NONCE));

        assertThat(headers).containsExactly(
                Map.entry("signature-input", EXTRA_INPUT),
                Map.entry("signature", EXTRA_SIGNATURE));
    }

    private SignatureVerifier rfcVerifier() {
        return new SignatureVerifier(new VerifierPolicy(Set.of(), null, Duration.ofSeconds(3)),
                Clock.fixed(java.time.Instant.ofEpochSecond(1618884473L + 1), ZoneOffset.UTC));
    }

    private static KeyResolver rfcKey() {
        return params -> "test-shared-secret".equals(params.keyid())
                ? new KeyLookup.Found(Base64.getDecoder().decode(V3_KEY), null) : new KeyLookup.Unknown();
    }
}
