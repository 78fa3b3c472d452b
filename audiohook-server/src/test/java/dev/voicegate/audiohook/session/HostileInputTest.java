package dev.voicegate.audiohook.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.protocol.ServerParameters;
import org.junit.jupiter.api.Test;

/**
 * Input found by probing the server from outside (issue 11): each ends in {@code disconnect{error}} with a
 * "Client Error" info, never an exception out of the session.
 */
class HostileInputTest {

    private final SessionHarness h = new SessionHarness();

    private String envelope(String seq, String position, String parameters) {
        return "{\"version\":\"2\",\"id\":\"" + SessionHarness.SESSION + "\",\"type\":\"ping\",\"seq\":" + seq
                + ",\"serverseq\":0,\"position\":\"" + position + "\",\"parameters\":" + parameters + "}";
    }

    private ServerParameters.Disconnect onlyDisconnect() {
        assertThat(h.transport.sent).hasSize(1);
        assertThat(h.transport.sent.get(0).parameters()).isInstanceOf(ServerParameters.Disconnect.class);
        ServerParameters.Disconnect d = (ServerParameters.Disconnect) h.transport.sent.get(0).parameters();
        assertThat(d.reason()).isEqualTo(DisconnectReason.ERROR);
        assertThat(h.session.state()).isEqualTo(SessionState.SIGNALED_ERROR);
        assertThat(h.counter("voicegate.audiohook.internal.errors")).isZero();
        return d;
    }

    @Test
    void deeplyNestedJsonIsAClientErrorNotAnException() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        h.session.onText(envelope("1", "PT0S", "{\"x\":" + deep + "}"));
        assertThat(onlyDisconnect().info()).startsWith("Client Error: Message not a well-formed client message")
                .contains("nesting depth 32");
    }

    @Test
    void twentyDigitPositionIsAClientError() {
        h.session.onText(envelope("1", "PT99999999999999999999S", "{}"));
        assertThat(onlyDisconnect().info()).contains("invalid field 'position'");
    }

    @Test
    void overlongDurationTextIsAClientError() {
        h.session.onText(envelope("1", "PT" + "0".repeat(10_000) + "1S", "{}"));
        assertThat(onlyDisconnect().info()).contains("invalid field 'position'");
    }

    @Test
    void hugeNumberIsAClientError() {
        h.session.onText(envelope("1" + "0".repeat(2_000), "PT0S", "{}"));
        assertThat(onlyDisconnect().info()).startsWith("Client Error: Message not a well-formed client message")
                .contains("beyond the JSON limits");
    }

    @Test
    void twentyDigitSeqIsAClientError() {
        h.session.onText(envelope("99999999999999999999", "PT0S", "{}"));
        assertThat(onlyDisconnect().info()).contains("invalid field 'seq'");
    }

    @Test
    void truncatedJsonIsAClientError() {
        h.session.onText("{\"version\":\"2\",\"id\":");
        assertThat(onlyDisconnect().info()).startsWith("Client Error: Message is not valid JSON");
    }

    @Test
    void gapsThatWouldOverflowThePositionAreAClientError() {
        h.open();
        String max = "PT9223372036S";
        for (int i = 0; i < 200_000 && h.session.state() == SessionState.ACTIVE; i++) {
            long serverseq = h.transport.last().seq();
            h.session.onText("{\"version\":\"2\",\"id\":\"" + SessionHarness.SESSION + "\",\"type\":\"discarded\","
                    + "\"seq\":" + (++h.clientSeq) + ",\"serverseq\":" + serverseq + ",\"position\":\"PT0S\","
                    + "\"parameters\":{\"start\":\"PT0S\",\"discarded\":\"" + max + "\"}}");
        }
        ServerParameters.Disconnect d = (ServerParameters.Disconnect) h.transport.last().parameters();
        assertThat(d.info()).isEqualTo("Client Error: Reported gaps exceed the stream position range");
    }
}
