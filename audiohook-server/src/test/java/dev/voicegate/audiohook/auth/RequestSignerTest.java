package dev.voicegate.audiohook.auth;

import static dev.voicegate.audiohook.auth.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.testing.time.ManualClock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final Pattern INPUT = Pattern.compile("sig1=\\(\"@request-target\" \"@authority\" "
            + "\"audiohook-organization-id\" \"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\"\\);"
            + "keyid=\"(?<keyid>[^\"]+)\";nonce=\"(?<nonce>[A-Za-z0-9+/]{24})\";alg=\"hmac-sha256\";"
            + "created=(?<created>\\d+);expires=(?<expires>\\d+)");

    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_790_000_000L, 900_000_000));

    @Test
    void signsTheSixComponentsWithAFreshNonceCreatedNowAndExpiresIn30Seconds() {
        Map<String, String> headers = RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, API_KEY, SECRET, clock);

        assertThat(headers).containsOnlyKeys("signature-input", "signature");
        Matcher m = INPUT.matcher(headers.get("signature-input"));
        assertThat(m.matches()).as(headers.get("signature-input")).isTrue();
        assertThat(m.group("keyid")).isEqualTo(API_KEY);
        assertThat(m.group("created")).isEqualTo("1790000000");
        assertThat(m.group("expires")).isEqualTo("1790000030");
        assertThat(headers.get("signature")).matches("sig1=:[A-Za-z0-9+/]{43}=:");
    }

    @Test
    void everySignatureHasItsOwnNonce() {
        String first = RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, API_KEY, SECRET, clock)
                .get("signature-input");
        String second = RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, API_KEY, SECRET, clock)
                .get("signature-input");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anEmptySecretMeansNoSignatureHeaders() {
        assertThat(RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, API_KEY, "", clock)).isEmpty();
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, API_KEY, "no*base64", clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audiohook.apiKeys.secret: <redacted, 9 characters> for key SGVs**** (expected: base64)");
    }

    @Test
    void aComponentValueWithALineBreakIsRefused() {
        assertThatThrownBy(() -> RequestSigner.sign(TARGET, "evil\nhost", ORG, SESSION, CORRELATION, API_KEY, SECRET,
                clock)).hasMessage("@authority: contains a line break");
    }
}
