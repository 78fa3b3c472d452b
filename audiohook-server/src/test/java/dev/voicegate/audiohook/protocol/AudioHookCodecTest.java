package dev.voicegate.audiohook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.Participant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioHookCodecTest {

    static final String S = "30b0e395-84d3-4570-ac13-9a62d8f514c0";
    static final String OPEN = "{\"version\":\"2\",\"id\":\"" + S + "\",\"type\":\"open\",\"seq\":1,\"serverseq\":0,"
            + "\"position\":\"PT0S\",\"parameters\":{\"organizationId\":\"d7934305-0972-4844-938e-9060eef73d05\","
            + "\"conversationId\":\"e160e428-53e2-487c-977d-96989bf5c99d\",\"participant\":{\"id\":"
            + "\"018f1c1e-7a7b-7c7d-8e8f-909192939495\",\"ani\":\"+1-555\",\"aniName\":\"John\",\"dnis\":\"+1-800\"},"
            + "\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000},"
            + "{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\"],\"rate\":8000}],"
            + "\"language\":\"en-US\",\"supportedLanguages\":true,\"customConfig\":{\"a\":1},\"unknownField\":[1]},"
            + "\"alsoUnknown\":true}";

    private final AudioHookCodec codec = new AudioHookCodec();

    @Test
    void decodesOpenAndToleratesUnknownFieldsAndV7ParticipantId() {
        ClientMessage m = codec.decodeClient(OPEN);
        assertThat(m.type()).isEqualTo("open");
        ClientParameters.Open open = (ClientParameters.Open) m.parameters();
        assertThat(open.participant()).isEqualTo(new Participant("018f1c1e-7a7b-7c7d-8e8f-909192939495",
                "+1-555", "John", "+1-800"));
        assertThat(open.media()).containsExactly(MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL),
                MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL));
        assertThat(open.language()).isEqualTo("en-US");
        assertThat(open.supportedLanguages()).isTrue();
        assertThat(open.customConfig().get("a").intValue()).isEqualTo(1);
    }

    @Test
    void clientMessagesRoundTrip() {
        ClientMessage open = codec.decodeClient(OPEN);
        assertThat(codec.decodeClient(codec.encode(open))).isEqualTo(open);
        for (ClientParameters p : List.of(new ClientParameters.Close(ClientParameters.CloseReasonCode.END),
                new ClientParameters.Discarded(Duration.ofMillis(200), Duration.ofSeconds(1)),
                new ClientParameters.Paused(), new ClientParameters.Resumed(Duration.ZERO, Duration.ofMillis(1500)),
                new ClientParameters.Ping(Duration.ofNanos(4_217_000)), new ClientParameters.Ping(null),
                new ClientParameters.Update("fr-CA"), new ClientParameters.Error(429, "slow down", Duration.ofSeconds(2)))) {
            ClientMessage m = new ClientMessage(S, 7, 3, Duration.ofMillis(1400), p);
            assertThat(codec.decodeClient(codec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void serverMessagesRoundTripAndEncodeLikeTheReference() throws Exception {
        ServerMessage opened = new ServerMessage(S, 1, 1, new ServerParameters.Opened(
                List.of(MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL)), false, null, null));
        assertThat(codec.encode(opened)).isEqualTo("{\"version\":\"2\",\"type\":\"opened\",\"id\":\"" + S
                + "\",\"seq\":1,\"clientseq\":1,\"parameters\":{\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                + "\"channels\":[\"external\",\"internal\"],\"rate\":8000}],\"startPaused\":false}}");
        ObjectMapper om = new ObjectMapper();
        for (ServerParameters p : List.of(new ServerParameters.Closed(), new ServerParameters.Pause(),
                new ServerParameters.Resume(), new ServerParameters.Pong(),
                new ServerParameters.Opened(List.of(), true, Duration.ofMillis(400), List.of("en-US")),
                new ServerParameters.Event(List.of(new EventEntity("transcript", om.readTree("{\"x\":1}")))),
                new ServerParameters.Disconnect(DisconnectReason.UNAUTHORIZED, "nope"))) {
            ServerMessage m = new ServerMessage(S, 2, 5, p);
            assertThat(codec.decodeServer(codec.encode(m))).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"participant\":{\"id\":\"018f1c1e-7a7b-7c7d-8e8f-909192939495\",\"ani\":\"+1-555\",|\"participant\":{\"id\":\"018f1c1e-7a7b-7c7d-8e8f-909192939495\",|missing field 'parameters.participant.ani'",
        "\"language\":\"en-US\"|\"language\":\"en\"|invalid field 'parameters.language'",
        "\"language\":\"en-US\"|\"language\":\"EN-US\"|invalid field 'parameters.language'",
        "\"rate\":8000}]|\"rate\":16000}]|invalid field 'parameters.media[1].rate'",
        "[\"external\"]|[\"customer\"]|invalid field 'parameters.media[1].channels[0]'",
        "\"format\":\"PCMU\",\"channels\":[\"external\"]|\"format\":\"opus\",\"channels\":[\"external\"]|invalid field 'parameters.media[1].format'",
        "\"conversationId\":\"e160e428-53e2-487c-977d-96989bf5c99d\",|\"conversationId\":\"not-a-uuid\",|invalid field 'parameters.conversationId' (expected: UUID)",
        "\"customConfig\":{\"a\":1}|\"customConfig\":[1]|invalid field 'parameters.customConfig'",
    })
    void rejectsBadOpenParametersNamingTheField(String from, String to, String expected) {
        String text = OPEN.replace(from, to);
        assertThat(text).isNotEqualTo(OPEN);
        assertThatThrownBy(() -> codec.decodeClient(text)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("Invalid/missing parameters").hasMessageContaining(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"version\":\"2\"|\"version\":2|invalid field 'version'",
        "\"version\":\"2\"|\"version\":\"3\"|invalid field 'version'",
        "\"seq\":1,|\"seq\":-1,|invalid field 'seq'",
        "\"seq\":1,||missing field 'seq'",
        "\"serverseq\":0,||missing field 'serverseq'",
        "\"position\":\"PT0S\"|\"position\":\"PT1M\"|invalid field 'position'",
        "\"type\":\"open\",||missing field 'type'",
    })
    void rejectsBadEnvelopesNamingTheField(String from, String to, String expected) {
        String text = OPEN.replace(from, to == null ? "" : to);
        assertThatThrownBy(() -> codec.decodeClientEnvelope(text)).isInstanceOf(ProtocolViolationException.class)
                .hasMessageContaining("not a well-formed client message").hasMessageContaining(expected);
    }

    @Test
    void rejectsMalformedJsonAndNonObjects() {
        assertThatThrownBy(() -> codec.decodeClientEnvelope("{\"version\":")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> codec.decodeClientEnvelope("[1,2]")).hasMessageContaining("not a JSON object");
    }

    @Test
    void rejectsUnknownTypeNamingIt() {
        String text = OPEN.replace("\"type\":\"open\"", "\"type\":\"opne\"");
        assertThatThrownBy(() -> codec.decodeClient(text))
                .hasMessage("Client Error: Invalid Message: 'opne' is not a supported client message");
    }

    @Test
    void rejectsTextOverTheLimitBeforeParsing() {
        String text = "{" + " ".repeat(AudioHookCodec.MAX_TEXT_CHARS) + "}";
        assertThatThrownBy(() -> codec.decodeClientEnvelope(text)).hasMessageContaining("Message too large");
    }

    @Test
    void rejectsCloseWithUnknownReasonAndErrorWithCodeOutOfRange() {
        String close = "{\"version\":\"2\",\"id\":\"" + S + "\",\"type\":\"close\",\"seq\":2,\"serverseq\":1,"
                + "\"position\":\"PT1S\",\"parameters\":{\"reason\":\"bye\"}}";
        assertThatThrownBy(() -> codec.decodeClient(close)).hasMessageContaining("parameters.reason");
        String error = close.replace("\"close\"", "\"error\"").replace("{\"reason\":\"bye\"}",
                "{\"code\":200,\"message\":\"x\"}");
        assertThatThrownBy(() -> codec.decodeClient(error)).hasMessageContaining("parameters.code");
    }

    @Test
    void acceptsContinuedSessionsAsInformation() {
        String text = OPEN.replace("\"customConfig\"", "\"continuedSessions\":[{\"id\":\"" + S
                + "\",\"serverseq\":4,\"clientseq\":7}],\"customConfig\"");
        ClientParameters.Open open = (ClientParameters.Open) codec.decodeClient(text).parameters();
        assertThat(open.continuedSessions()).containsExactly(new ClientParameters.ContinuedSession(S, 4, 7));
        String bad = text.replace("\"serverseq\":4", "\"serverseq\":-4");
        assertThatThrownBy(() -> codec.decodeClient(bad)).hasMessageContaining("parameters.continuedSessions[0].serverseq");
    }
}
