package dev.voicegate.audiohook.auth;

import static dev.voicegate.audiohook.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every result code of {@link SignatureVerifier} (fact sheet §1.3). Requests are signed here with the
 * sample secret over whatever components a case needs, so that only the rule under test can fail.
 */
class SignatureVerifierTest {

    private static final byte[] KEY = Base64.getDecoder().decode(SECRET);
    private static final KeyResolver SAMPLE_KEY = params -> API_KEY.equals(params.keyid())
            ? new KeyLookup.Found(KEY, null) : new KeyLookup.Unknown();

    private final SignatureVerifier verifier = verifier(Set.of(), null);

    static Stream<Arguments> malformedSignatures() {
        String params = ";keyid=\"" + API_KEY + "\";created=1641013200";
        return Stream.of(
                Arguments.of("unparsable signature-input", "sig1=(\"x-api-key\"", "sig1=:AA==:",
                        SignatureResult.INVALID, "cannot parse signature-input header"),
                Arguments.of("unparsable signature", "sig1=(\"x-api-key\")" + params, "sig1=:AA==",
                        SignatureResult.INVALID, "cannot parse signature header"),
                Arguments.of("only signature-input", "sig1=(\"x-api-key\")" + params, null,
                        SignatureResult.INVALID, "signature-input header without signature header"),
                Arguments.of("only signature", null, "sig1=:AA==:",
                        SignatureResult.INVALID, "signature header without signature-input header"),
                Arguments.of("label without signature", "sig2=(\"x-api-key\")" + params, "sig1=:AA==:",
                        SignatureResult.INVALID, "no signature for label sig2"),
                Arguments.of("signature not bytes", "sig1=(\"x-api-key\")" + params, "sig1=\"AA==\"",
                        SignatureResult.INVALID, "signature for label sig1 is not a byte sequence"),
                Arguments.of("input not an inner list", "sig1=\"x-api-key\"" + params, "sig1=:AA==:",
                        SignatureResult.INVALID, "signature-input for label sig1 is not an inner list"),
                Arguments.of("component is a token", "sig1=(x-api-key)" + params, "sig1=:AA==:",
                        SignatureResult.INVALID, "has a component that is not a string"),
                Arguments.of("unknown parameter", "sig1=(\"x-api-key\")" + params + ";tag=\"x\"", "sig1=:AA==:",
                        SignatureResult.INVALID, "unknown signature parameter tag for label sig1"),
                Arguments.of("created not an integer", "sig1=(\"x-api-key\");created=\"1\"", "sig1=:AA==:",
                        SignatureResult.INVALID, "signature parameter created for label sig1 must be an integer >= 0"),
                Arguments.of("negative expires", "sig1=(\"x-api-key\");expires=-1", "sig1=:AA==:",
                        SignatureResult.INVALID, "signature parameter expires for label sig1 must be an integer >= 0"),
                Arguments.of("keyid not a string", "sig1=(\"x-api-key\");keyid=k", "sig1=:AA==:",
                        SignatureResult.INVALID, "signature parameter keyid for label sig1 must be a string"),
                Arguments.of("alg not a string", "sig1=(\"x-api-key\");alg=1", "sig1=:AA==:",
                        SignatureResult.INVALID, "signature parameter alg for label sig1 must be a string"),
                Arguments.of("nonce not a string", "sig1=(\"x-api-key\");nonce=?1", "sig1=:AA==:",
                        SignatureResult.INVALID, "signature parameter nonce for label sig1 must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSignatures")
    void rejectsMalformedSignatureHeaders(String what, String input, String signature, SignatureResult code,
                                          String reason) {
        VerificationResult result = verifier.verify(with(audioHookHeaders(), input, signature), SAMPLE_KEY);

        assertThat(result.result()).isEqualTo(code);
        assertThat(result.reason()).contains(reason);
    }

    static Stream<Arguments> componentRules() {
        return Stream.of(
                Arguments.of("\"@signature-params\"", SignatureResult.INVALID, "\"@signature-params\" must not be covered"),
                Arguments.of("\"@query-params\"", SignatureResult.UNSUPPORTED, "component \"@query-params\" not supported"),
                Arguments.of("\"@query-param\";name=\"a\"", SignatureResult.UNSUPPORTED, "not supported"),
                Arguments.of("\"@foo\"", SignatureResult.INVALID, "unknown derived component \"@foo\""),
                Arguments.of("\"@method\";req", SignatureResult.UNSUPPORTED, "req not supported on \"@method\""),
                Arguments.of("\"@method\";x=1", SignatureResult.INVALID, "derived component \"@method\" takes no parameters"),
                Arguments.of("\"@method\" \"@method\"", SignatureResult.INVALID, "duplicate component \"@method\""),
                Arguments.of("\"x-api-key\" \"x-api-key\"", SignatureResult.INVALID, "duplicate component \"x-api-key\""),
                Arguments.of("\"@scheme\"", SignatureResult.PRECONDITION, "cannot resolve component \"@scheme\""),
                Arguments.of("\"@target-uri\"", SignatureResult.PRECONDITION, "cannot resolve component \"@target-uri\""),
                Arguments.of("\"@status\"", SignatureResult.PRECONDITION, "cannot resolve component \"@status\""),
                Arguments.of("\"signature\"", SignatureResult.UNSUPPORTED, "component \"signature\" not supported"),
                Arguments.of("\"X-Api-Key\"", SignatureResult.INVALID, "must be a non-empty lower-case name"),
                Arguments.of("\"\"", SignatureResult.INVALID, "must be a non-empty lower-case name"),
                Arguments.of("\"x-api-key\";sf", SignatureResult.UNSUPPORTED, "component parameter sf not supported"),
                Arguments.of("\"x-api-key\";key=\"a\"", SignatureResult.UNSUPPORTED, "component parameter key not supported"),
                Arguments.of("\"x-api-key\";bs", SignatureResult.UNSUPPORTED, "component parameter bs not supported"),
                Arguments.of("\"x-api-key\";req", SignatureResult.UNSUPPORTED, "component parameter req not supported"),
                Arguments.of("\"x-api-key\";foo", SignatureResult.INVALID, "unknown component parameter foo"),
                Arguments.of("\"x-missing\"", SignatureResult.PRECONDITION, "header \"x-missing\" not present"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("componentRules")
    void appliesTheComponentRules(String components, SignatureResult code, String reason) {
        UpgradeRequest request = with(audioHookHeaders(),
                "sig1=(" + components + ");keyid=\"" + API_KEY + "\"", "sig1=:AA==:");

        VerificationResult result = verifier.verify(request, SAMPLE_KEY);

        assertThat(result.result()).isEqualTo(code);
        assertThat(result.reason()).contains(reason);
    }

    @Test
    void neitherHeaderIsUnsigned() {
        assertThat(verifier.verify(with(audioHookHeaders(), null, null), SAMPLE_KEY).result())
                .isEqualTo(SignatureResult.UNSIGNED);
        assertThat(verifier.verify(with(audioHookHeaders(), " ", ""), SAMPLE_KEY).result())
                .isEqualTo(SignatureResult.UNSIGNED);
    }

    @Test
    void aTamperedCoveredHeaderFails() {
        Map<String, List<String>> headers = audioHookHeaders();
        headers.put("audiohook-session-id", List.of("00000000-0000-0000-0000-000000000000"));

        VerificationResult result = verifier.verify(with(headers, V2_INPUT, V2_SIGNATURE), SAMPLE_KEY);

        assertThat(result).isEqualTo(new VerificationResult(SignatureResult.FAILED, "signatures do not match",
                result.parameters()));
    }

    @Test
    void aTamperedParameterFailsBecauseSignatureParamsIsReserialised() {
        UpgradeRequest request = signed(V2_INPUT.replace("created=1641013200", "created=1641013201"), V2_SIGNATURE);

        assertThat(verifier.verify(request, SAMPLE_KEY).result()).isEqualTo(SignatureResult.FAILED);
    }

    @Test
    void insignificantWhitespaceInSignatureInputDoesNotMatter() {
        UpgradeRequest request = signed(V2_INPUT.replace("sig1=(", "sig1=(  ").replace("\"x-api-key\")", "\"x-api-key\"  )"),
                V2_SIGNATURE);

        assertThat(verifier.verify(request, SAMPLE_KEY).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void canonicalisesHeaderValuesByTrimmingUnfoldingAndJoining() {
        assertThat(SignatureBase.canonicalHeader(List.of("  a  ", "b\r\n\t c", "d \r\n e"))).isEqualTo("a, b c, d e");
        assertThat(SignatureBase.canonicalHeader(List.of())).isNull();

        Map<String, List<String>> headers = audioHookHeaders();
        headers.put("x-multi", List.of(" one ", "two\r\n  folded"));
        UpgradeRequest request = signedOver(headers, "\"x-multi\" \"@method\" \"@path\" \"@query\"",
                "\"x-multi\": one, two folded\n\"@method\": GET\n\"@path\": /ws\n\"@query\": ?a=1&b");

        assertThat(verifier.verify(request, SAMPLE_KEY).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void headerNamesInAnyCaseAreFound() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-API-KEY", List.of(API_KEY));
        UpgradeRequest request = signedOver(headers, "\"x-api-key\"", "\"x-api-key\": " + API_KEY);

        assertThat(verifier.verify(request, SAMPLE_KEY).result()).isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void aHeaderValueWithABareLineBreakIsInvalid() {
        Map<String, List<String>> headers = Map.of("x-a", List.of("one\ntwo"));
        UpgradeRequest request = signedOver(headers, "\"x-a\"", "\"x-a\": one\ntwo");

        VerificationResult result = verifier.verify(request, SAMPLE_KEY);

        assertThat(result.result()).isEqualTo(SignatureResult.INVALID);
        assertThat(result.reason()).isEqualTo("value of component \"x-a\" contains a line break");
    }

    @Test
    void theFirstOfSeveralSignaturesIsTheOneVerified() {
        UpgradeRequest firstGood = signed(V2_INPUT + ", sig2=(\"x-api-key\")", V2_SIGNATURE + ", sig2=:AA==:");
        UpgradeRequest firstBad = signed("sig0=(\"x-api-key\"), " + V2_INPUT, "sig0=:AA==:, " + V2_SIGNATURE);

        assertThat(verifier.verify(firstGood, SAMPLE_KEY).result()).isEqualTo(SignatureResult.VERIFIED);
        assertThat(verifier.verify(firstBad, SAMPLE_KEY).result()).isEqualTo(SignatureResult.FAILED);
    }

    @Test
    void aMissingRequiredComponentIsAPreconditionFailure() {
        SignatureVerifier strict = verifier(Set.of("x-api-key", "@method", "audiohook-session-id"), null);
        UpgradeRequest request = signedOver(audioHookHeaders(), "\"x-api-key\"", "\"x-api-key\": " + API_KEY);

        VerificationResult result = strict.verify(request, SAMPLE_KEY);

        assertThat(result.result()).isEqualTo(SignatureResult.PRECONDITION);
        assertThat(result.reason())
                .isEqualTo("signature does not cover required component(s) @method, audiohook-session-id");
    }

    @Test
    void anotherAlgorithmIsUnsupportedEvenWhenTheMacMatches() {
        UpgradeRequest request = signed(V2_INPUT.replace("hmac-sha256", "rsa-pss-sha512"), V2_SIGNATURE);
        KeyResolver boundAlg = params -> new KeyLookup.Found(KEY, "ed25519");

        assertThat(verifier.verify(request, SAMPLE_KEY).result()).isEqualTo(SignatureResult.UNSUPPORTED);
        assertThat(verifier.verify(signed(V2_INPUT, V2_SIGNATURE), boundAlg).reason())
                .isEqualTo("algorithm \"ed25519\" not supported");
    }

    @Test
    void aKeyResolverRejectionIsReportedAsIs() {
        VerificationResult result = verifier.verify(signed(V2_INPUT, V2_SIGNATURE),
                params -> new KeyLookup.Rejected(SignatureResult.PRECONDITION, "no"));

        assertThat(result.info()).isEqualTo("PRECONDITION: no");
        assertThat(result.parameters().nonce()).isEqualTo(NONCE);
    }

    @Test
    void anUnknownKeyFailsEvenIfTheSignatureWasMadeWithTheEmptyKey() {
        UpgradeRequest request = signedWith(new byte[0], audioHookHeaders(), "\"x-api-key\"",
                "\"x-api-key\": " + API_KEY);

        assertThat(verifier.verify(request, params -> new KeyLookup.Unknown()).result())
                .isEqualTo(SignatureResult.FAILED);
        assertThat(verifier.verify(request, params -> new KeyLookup.Found(new byte[0], null)).result())
                .isEqualTo(SignatureResult.VERIFIED);
        assertThat(verifier.verify(request, params -> new KeyLookup.Found(new byte[64], null)).result())
                .as("HMAC zero-pads keys, so the empty key equals 64 zero bytes")
                .isEqualTo(SignatureResult.VERIFIED);
    }

    @Test
    void hmacOfEmptyKeyAndEmptyDataMatchesTheKnownValue() {
        assertThat(java.util.HexFormat.of().formatHex(HmacSha256.mac(new byte[0], "")))
                .isEqualTo("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }

    @Test
    void withAMaxAgeTheCreatedParameterIsRequired() {
        SignatureVerifier aged = verifier(Set.of(), Duration.ofSeconds(10));
        UpgradeRequest request = signedOver(audioHookHeaders(), "\"x-api-key\"", "\"x-api-key\": " + API_KEY);

        VerificationResult result = aged.verify(request, SAMPLE_KEY);

        assertThat(result.info()).isEqualTo("PRECONDITION: no created parameter, so the signature age is unknown");
    }

    private static SignatureVerifier verifier(Set<String> required, Duration maxAge) {
        return new SignatureVerifier(new VerifierPolicy(required, maxAge, Duration.ofSeconds(3)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Signs with the sample key: {@code lines} are the base lines for {@code components}, without params. */
    private static UpgradeRequest signedOver(Map<String, List<String>> headers, String components, String lines) {
        return signedWith(KEY, headers, components, lines);
    }

    private static UpgradeRequest signedWith(byte[] key, Map<String, List<String>> headers, String components,
                                             String lines) {
        String input = "(" + components + ");keyid=\"" + API_KEY + "\"";
        String base = lines + "\n\"@signature-params\": " + input;
        String mac = Base64.getEncoder().encodeToString(HmacSha256.mac(key, base));
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        h.put("signature-input", List.of("sig1=" + input));
        h.put("signature", List.of("sig1=:" + mac + ":"));
        return new UpgradeRequest("GET", "/ws?a=1&b", null, h);
    }

}
