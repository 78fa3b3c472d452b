package dev.voicegate.notifier.protocol;

import dev.voicegate.notifier.Views;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.CommandOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireCodecTest {

    private final WireCodec codec = new WireCodec();

    @Test
    void decodesACommandWithAllFields() {
        Inbound in = codec.decode("{\"type\":\"command\",\"requestId\":\"r1\",\"command\":\"ENROLL\","
                + "\"conversationId\":\"c1\",\"consent\":true,\"extra\":1}");

        assertThat(in).isEqualTo(new Inbound.CommandRequest("r1", "ENROLL", "c1", true, null));
    }

    @Test
    void decodesPing() {
        assertThat(codec.decode("{\"type\":\"ping\"}")).isInstanceOf(Inbound.Ping.class);
    }

    @Test
    void badMessagesFailWithSpecificMessagesAndKeepTheRequestId() {
        assertThatThrownBy(() -> codec.decode("{nope")).hasMessage("message is not valid JSON");
        assertThatThrownBy(() -> codec.decode("[1]")).hasMessage("message is not a JSON object");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"subscribe\",\"requestId\":\"r9\"}"))
                .hasMessage("type: 'subscribe' (expected: command|ping)")
                .extracting(e -> ((ProtocolViolationException) e).requestId()).isEqualTo("r9");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"command\",\"requestId\":\"r1\",\"consent\":\"yes\"}"))
                .hasMessage("consent: \"yes\" (expected: true|false)");
    }

    @Test
    void conversationUsesTheResultVocabularyAndMasksPhoneNumbers() {
        String json = codec.conversation(Views.verified("c1")).json();

        assertThat(json).startsWith("{\"type\":\"conversation\",\"conversation\":{\"conversationId\":\"c1\"")
                .contains("\"BioResult\":\"TRUE_HIGH\"", "\"BioScore\":0.93", "\"LiveVoiceResult\":\"GENUINE\"",
                        "\"BlocklistResult\":\"NO_MATCH\"", "\"BioSpeakerChanged\":false", "\"BioDecision\":\"AUTHENTICATED\"", "\"BioSearch\":\"FOUND_ONE\"",
                        "\"identityState\":\"AUTHENTICATED\"", "\"updatedAt\":\"2026-01-01T10:00:45Z\"")
                .doesNotContain("\"BioOptOut\"");
        assertThat(codec.conversation(Views.listening("c1", 1)).json())
                .contains("\"claimed\":{\"kind\":\"PHONE\",\"value\":\"+44\u2022\u2022\u2022\u2022\u2022\u2022\u2022123\"}")
                .doesNotContain("7700900");
    }

    @Test
    void otherMessagesHaveTheirDocumentedShape() {
        assertThat(codec.hello(AgentPrincipal.agent("u1", "Ada")).json())
                .isEqualTo("{\"type\":\"hello\",\"protocol\":\"voicegate.agent.v1\",\"user\":{\"userId\":\"u1\","
                        + "\"displayName\":\"Ada\",\"roles\":[\"AGENT\"]}}");
        assertThat(codec.hello(AgentPrincipal.agent("u1", "Ada").expiringAt(java.time.Instant.parse("2026-01-01T18:00:00Z"))).json())
                .as("a token's expiry, when the validator knows it")
                .isEqualTo("{\"type\":\"hello\",\"protocol\":\"voicegate.agent.v1\",\"user\":{\"userId\":\"u1\","
                        + "\"displayName\":\"Ada\",\"roles\":[\"AGENT\"],\"expiresAt\":\"2026-01-01T18:00:00Z\"}}");
        assertThat(codec.progress(Views.progress("c1", 2.5)).json()).isEqualTo("{\"type\":\"progress\",\"progress\":{"
                + "\"conversationId\":\"c1\",\"transactionId\":\"tx-2\",\"state\":\"LISTENING\",\"netSpeechSeconds\":2.5,"
                + "\"netSpeechNeededSeconds\":10.0}}");
        assertThat(codec.commandResult("r1", "ENROLL", "c1", CommandOutcome.refused("no consent")).json())
                .isEqualTo("{\"type\":\"commandResult\",\"requestId\":\"r1\",\"command\":\"ENROLL\",\"conversationId\":\"c1\","
                        + "\"accepted\":false,\"reason\":\"no consent\"}");
        assertThat(codec.removed("c1").json()).isEqualTo("{\"type\":\"removed\",\"conversationId\":\"c1\"}");
    }
}
