package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.CloseReason;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDK's WebSocket client driving raw JSON: a full session and every bad-input case. */
class RawJsonSessionIT {

    private final ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void rawSessionGetsCorrectSequenceNumbersThroughClose() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        JsonNode opened = c.next();
        assertThat(opened.get("type").asText()).isEqualTo("opened");
        assertThat(opened.get("version").asText()).isEqualTo("2");
        assertThat(opened.get("id").asText()).isEqualTo(c.sessionId);
        assertThat(opened.get("seq").asLong()).isEqualTo(1);
        assertThat(opened.get("clientseq").asLong()).isEqualTo(1);
        assertThat(opened.at("/parameters/media/0/channels").toString()).isEqualTo("[\"external\",\"internal\"]");
        assertThat(opened.at("/parameters/startPaused").asBoolean()).isFalse();
        c.binary(3200);
        c.binary(0);
        c.text(c.message("ping", "{\"rtt\":\"PT0.004217S\"}"));
        JsonNode pong = c.next();
        assertThat(pong.get("type").asText()).isEqualTo("pong");
        assertThat(pong.get("seq").asLong()).isEqualTo(2);
        assertThat(pong.get("clientseq").asLong()).isEqualTo(2);
        c.text(c.message("paused", "{}"));         // unsolicited: recorded, not fatal
        c.text(c.message("error", "{\"code\":429,\"message\":\"slow\",\"retryAfter\":\"PT1S\"}"));
        JsonNode closed = c.closeSession();
        assertThat(closed.get("type").asText()).isEqualTo("closed");
        assertThat(closed.get("seq").asLong()).isEqualTo(3);
        assertThat(closed.get("clientseq").asLong()).isEqualTo(5);
        assertThat(f.listener.of(f.listener.closed, c.sessionId).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(CloseReason.Kind.CLIENT_END);
        assertThat(f.listener.samples(c.sessionId)).isEqualTo(1600);
        c.ws.sendClose(1000, "bye").join();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON|{\"version\":\"2\",|Client Error: Message is not valid JSON",
        "wrong version|{\"version\":\"1\",\"id\":\"ID\",\"type\":\"ping\",\"seq\":2,\"serverseq\":1,\"position\":\"PT0S\",\"parameters\":{}}|invalid field 'version'",
        "seq gap|{\"version\":\"2\",\"id\":\"ID\",\"type\":\"ping\",\"seq\":5,\"serverseq\":1,\"position\":\"PT0S\",\"parameters\":{}}|Invalid seq value (not monotonically increasing): expected 2, got 5",
        "wrong id|{\"version\":\"2\",\"id\":\"00000000-0000-0000-0000-00000000abcd\",\"type\":\"ping\",\"seq\":2,\"serverseq\":1,\"position\":\"PT0S\",\"parameters\":{}}|Client Error: Session identifier mismatch",
        "unknown type|{\"version\":\"2\",\"id\":\"ID\",\"type\":\"dance\",\"seq\":2,\"serverseq\":1,\"position\":\"PT0S\",\"parameters\":{}}|'dance' is not a supported client message",
        "missing field|{\"version\":\"2\",\"id\":\"ID\",\"type\":\"update\",\"seq\":2,\"serverseq\":1,\"position\":\"PT0S\",\"parameters\":{}}|missing field 'parameters.language'",
        "bad duration|{\"version\":\"2\",\"id\":\"ID\",\"type\":\"ping\",\"seq\":2,\"serverseq\":1,\"position\":\"PT1M\",\"parameters\":{}}|invalid field 'position'",
    })
    void badTextAfterOpenIsDisconnectedWithAnErrorAndCloseStillWorks(String name, String json, String info) throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        assertThat(c.next().get("type").asText()).isEqualTo("opened");
        c.text(json.replace("\"ID\"", "\"" + c.sessionId + "\""));
        JsonNode disconnect = c.next();
        assertThat(disconnect.get("type").asText()).isEqualTo("disconnect");
        assertThat(disconnect.at("/parameters/reason").asText()).isEqualTo("error");
        assertThat(disconnect.at("/parameters/info").asText()).contains(info);
        c.seq = 9;
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
        assertThat(f.counter("voicegate.audiohook.protocol.errors")).isEqualTo(1);
    }

    @Test
    void oversizedTextIsRejected() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        c.next();
        c.text(c.message("ping", "{\"pad\":\"" + "x".repeat(70_000) + "\"}"));
        assertThat(c.next().at("/parameters/info").asText()).startsWith("Client Error: Text message too large (70");
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
    }

    @Test
    void fragmentedMessagesAreReassembledAndTheLimitAppliesToTheWhole() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        c.next();
        String ping = c.message("ping", "{}");
        c.ws.sendText(ping.substring(0, 20), false).join();
        c.ws.sendText(ping.substring(20), true).join();
        assertThat(c.next().get("type").asText()).isEqualTo("pong");
        String big = c.message("ping", "{\"pad\":\"" + "x".repeat(70_000) + "\"}");
        c.ws.sendText(big.substring(0, 40_000), false).join();
        c.ws.sendText(big.substring(40_000), true).join();
        assertThat(c.next().at("/parameters/info").asText()).startsWith("Client Error: Text message too large");
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
    }

    @Test
    void oversizedBinaryIsRejectedAndCounted() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        c.next();
        c.binary(70_000);
        assertThat(c.next().at("/parameters/info").asText())
                .isEqualTo("Client Error: Binary frame too large (70000 bytes, limit 65536)");
        assertThat(f.counter("voicegate.audiohook.dropped.frames", "reason", "oversized")).isEqualTo(1);
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
    }

    @Test
    void framesFarBeyondTheLimitCloseTheWebSocket() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        c.next();
        c.ws.sendBinary(java.nio.ByteBuffer.allocate(200_000), true);   // may fail: the server closes mid-frame
        assertThat(f.listener.of(f.listener.closed, c.sessionId).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(CloseReason.Kind.CONNECTION_LOST);
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "invalid_frame")).isEqualTo(1);
    }

    @Test
    void audioBeforeOpenedIsAnError() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.binary(3200);
        JsonNode d = c.next();
        assertThat(d.at("/parameters/info").asText()).isEqualTo("Client Error: Received audio before opened");
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
    }

    @Test
    void audioThatIsNotWholeSamplesIsAnError() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        c.next();
        c.binary(3199);
        assertThat(c.next().at("/parameters/info").asText()).startsWith("Client Error: Binary data not a valid audio frame");
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
    }

    @Test
    void organizationMismatchIsUnauthorized() throws Exception {
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson("11111111-2222-3333-4444-555555555555"));
        JsonNode d = c.next();
        assertThat(d.at("/parameters/reason").asText()).isEqualTo("unauthorized");
        assertThat(d.at("/parameters/info").asText()).contains("Mismatch");
        assertThat(c.closeSession().get("type").asText()).isEqualTo("closed");
        assertThat(f.listener.opened).doesNotContainKey(c.sessionId);
    }
}
