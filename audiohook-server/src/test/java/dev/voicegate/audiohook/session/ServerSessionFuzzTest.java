package dev.voicegate.audiohook.session;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.voicegate.audiohook.api.SessionState;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the session state machine: the fuzzer plays the client with a mix of
 * well-formed messages of every type (with fuzzed fields, sequence numbers and ids), raw text and audio
 * frames, and the server's own actions. Nothing may escape the session, every transition must be one of
 * the table's (an illegal one throws), no internal error may be counted, and nothing is sent after
 * {@code closed}. Seeds in {@code ServerSessionFuzzTestInputs/}.
 */
class ServerSessionFuzzTest {

    private static final String[] TYPES = {"open", "close", "ping", "paused", "resumed", "discarded", "update",
            "error", "bogus"};
    private static final String[] PARAMETERS = {
        "{\"organizationId\":\"" + SessionHarness.ORG + "\",\"conversationId\":\"" + SessionHarness.CONV + "\","
                + "\"participant\":{\"id\":\"" + SessionHarness.CONV + "\",\"ani\":\"\",\"aniName\":\"\",\"dnis\":\"\"},"
                + "\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000}]}",
        "{\"reason\":\"end\"}", "{}", "{\"start\":\"PT1S\",\"discarded\":\"PT0.5S\"}", "{\"language\":\"en-US\"}",
        "{\"code\":429,\"message\":\"slow\",\"retryAfter\":\"PT1S\"}", "{\"rtt\":\"PT0.1S\"}"};

    @FuzzTest(maxDuration = "60s")
    void anyClientBehaviourKeepsTheSessionConsistent(FuzzedDataProvider data) {
        SessionHarness h = new SessionHarness();
        long seq = 0;
        int steps = data.consumeInt(1, 40);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
            SessionState before = h.session.state();
            int sentBefore = h.transport.sent.size();
            switch (data.consumeInt(0, 6)) {
                case 0, 1, 2 -> {
                    seq = data.consumeBoolean() ? seq + 1 : data.consumeLong(0, seq + 2);
                    long serverseq = h.transport.sent.isEmpty() ? 0 : h.transport.last().seq();
                    String type = data.pickValue(TYPES);
                    String params = data.consumeBoolean() ? data.pickValue(PARAMETERS) : data.consumeString(200);
                    h.session.onText("{\"version\":\"2\",\"id\":\"" + SessionHarness.SESSION + "\",\"type\":\"" + type
                            + "\",\"seq\":" + seq + ",\"serverseq\":" + data.consumeLong(0, serverseq + 1)
                            + ",\"position\":\"PT" + data.consumeInt(0, 100) + "S\",\"parameters\":" + params + "}");
                }
                case 3 -> h.session.onText(data.consumeString(300));
                case 4 -> h.session.onBinary(ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 4000))));
                case 5 -> {
                    switch (data.consumeInt(0, 3)) {
                        case 0 -> h.session.pause();
                        case 1 -> h.session.resume();
                        case 2 -> h.session.sendEvent(java.util.List.of());
                        default -> h.session.disconnect(dev.voicegate.audiohook.api.DisconnectReason.COMPLETED, "done");
                    }
                }
                default -> {
                    h.transport.writable = data.consumeBoolean();  // the peer stops or resumes reading
                    h.transport.fireScheduled();
                }
            }
            if (before == SessionState.CLOSED && h.transport.sent.size() != sentBefore) {
                throw new AssertionError("sent " + h.transport.last() + " after closed");
            }
        }
        h.session.onConnectionClosed(dev.voicegate.audiohook.api.CloseReason.Kind.CONNECTION_LOST, "end of input");
        if (h.session.state() != SessionState.DISCONNECTED) {
            throw new AssertionError("state after the socket closed: " + h.session.state());
        }
        if (h.counter("voicegate.audiohook.internal.errors") != 0 || h.counter("voicegate.audiohook.listener.errors") != 0) {
            throw new AssertionError("internal error counted");
        }
    }
}
