package dev.voicegate.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated agent's screen driven with server messages over a fake socket. */
class AgentDeskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DemoCast.Agent AGENT = new DemoCast.Agent("agent-1", "Eva", true);
    private static final DemoCast.Caller NEW = new DemoCast.Caller("Hannah", DemoCast.Role.NEW_CALLER, List.of("call-newcaller-1"),
            "C-2041", "+15555550141");
    private static final DemoCast.Caller KNOWN = new DemoCast.Caller("Olivia", DemoCast.Role.ENROLLED, List.of("call-olivia"),
            "C-1001", "+15555550101");

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private final DemoStats stats = new DemoStats(nanos::get);
    private final Map<String, DemoCast.Caller> callers = Map.of("conv-new", NEW, "conv-known", KNOWN);
    private final AgentDesk desk = new AgentDesk(1, c -> Optional.ofNullable(callers.get(c)),
            new DemoLog(new PrintStream(console, true, StandardCharsets.UTF_8), nanos::get), stats);
    private final FakeSocket socket = new FakeSocket();
    private final WebSocket.Listener screen = desk.screen(AGENT);

    private void receive(String json) {
        String text = json.replace('\'', '"');
        // Split in two frames: the screen must reassemble partial messages.
        screen.onText(socket, text.substring(0, text.length() / 2), false);
        screen.onText(socket, text.substring(text.length() / 2), true);
    }

    private static String identified(String conv, String search) {
        return "{'type':'conversation','conversation':{'conversationId':'" + conv + "','history':[],'alerts':[],"
                + "'current':{'transactionId':'tx-1','kind':'IDENTIFY','state':'COMPLETED','results':{'BioSearch':'" + search + "'}}}}";
    }

    @Test
    void newCallerNobodyKnowsGetsTheirAccountNumberEnteredThenEnrolledWithConsent() throws Exception {
        receive(identified("conv-new", "NO_USER_FOUND"));

        assertThat(socket.sent).singleElement().satisfies(m -> {
            assertThat(m.path("command").asText()).isEqualTo("SET_CLAIMED_ID");
            assertThat(m.path("claimedId").asText()).isEqualTo("C-2041");
        });
        receive("{'type':'commandResult','requestId':'" + socket.sent.get(0).path("requestId").asText()
                + "','command':'SET_CLAIMED_ID','conversationId':'conv-new','accepted':true,'reason':'ok'}");

        assertThat(socket.sent).hasSize(2);
        JsonNode enroll = socket.sent.get(1);
        assertThat(enroll.path("command").asText()).isEqualTo("ENROLL");
        assertThat(enroll.path("consent").asBoolean()).isTrue();
        assertThat(enroll.path("conversationId").asText()).isEqualTo("conv-new");
    }

    @Test
    void refusedAccountNumberStartsNoEnrollment() {
        receive(identified("conv-new", "NO_USER_FOUND"));
        receive("{'type':'commandResult','requestId':'" + socket.sent.get(0).path("requestId").asText()
                + "','command':'SET_CLAIMED_ID','conversationId':'conv-new','accepted':false,'reason':'the call has ended'}");

        assertThat(socket.sent).hasSize(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("SET_CLAIMED_ID refused (the call has ended)");
    }

    @Test
    void repeatedViewsOfTheSameResultActOnlyOnce() {
        receive(identified("conv-new", "NO_USER_FOUND"));
        receive(identified("conv-new", "NO_USER_FOUND"));

        assertThat(socket.sent).hasSize(1);
        assertThat(console.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("SCREEN"))).hasSize(1);
    }

    @Test
    void enrolledCallerOrAFoundCallerIsNotEnrolledAgain() {
        receive(identified("conv-known", "NO_USER_FOUND"));
        receive(identified("conv-new", "FOUND_ONE"));

        assertThat(socket.sent).isEmpty();
    }

    @Test
    void eachAlertIsCountedOncePerConversation() {
        String view = "{'type':'snapshot','conversations':[{'conversationId':'conv-known','history':[],'current':null,"
                + "'alerts':[{'type':'SPEAKER_CHANGED','detail':'speaker changed at 6.8 s'}]}]}";
        receive(view);
        receive(view);

        assertThat(stats.summary().alerts("SPEAKER_CHANGED")).isEqualTo(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("ALERT").contains("speaker changed at 6.8 s");
    }

    @Test
    void unreadableMessageIsReportedAndTheScreenKeepsWorking() {
        receive("{not json");
        receive(identified("conv-new", "NO_USER_FOUND"));

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("could not read a message");
        assertThat(socket.sent).hasSize(1);
        assertThat(socket.requested).isEqualTo(4);
    }

    /** Records what the screen sends and how many messages it asked for. */
    private static final class FakeSocket implements WebSocket {
        final List<JsonNode> sent = new ArrayList<>();
        long requested;

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            try {
                sent.add(JSON.readTree(data.toString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public String getSubprotocol() {
            return "voicegate.agent.v1";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
        }
    }
}
