package dev.voicegate.notifier.netty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.notifier.Views;
import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.AuditRecord;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.config.NotifierLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent WebSocket end to end on real sockets with the JDK WebSocket client. */
class AgentSocketIT {

    private NotifierHarness h;
    private AgentNotifier notifier;

    @BeforeEach
    void start() throws InterruptedException {
        h = new NotifierHarness(NotifierLimits.defaults().withSendQueueCapacity(8)
                .withSlowClientDeadline(Duration.ofMillis(300)));
        notifier = h.server.notifier();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void clientFirstReceivesHelloAndASnapshotOfItsLiveConversations() throws InterruptedException {
        notifier.bind("c1", "alice");
        notifier.publish("alice", Views.listening("c1", 4.0));
        notifier.bind("c2", "bob");
        notifier.publish("bob", Views.verified("c2"));

        try (WsClient alice = WsClient.connect(h.port(), h.token("alice", Role.AGENT))) {
            JsonNode hello = alice.next();
            JsonNode snapshot = alice.next();

            assertThat(hello.path("type").asText()).isEqualTo("hello");
            assertThat(hello.path("user").path("roles").toString()).isEqualTo("[\"AGENT\"]");
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.path("conversations")).hasSize(1);
            JsonNode c1 = snapshot.path("conversations").get(0);
            assertThat(c1.path("conversationId").asText()).isEqualTo("c1");
            assertThat(c1.path("current").path("netSpeechSeconds").asDouble()).isEqualTo(4.0);
            assertThat(c1.path("claimed").path("value").asText()).isEqualTo("+44•••••••123");
        }
    }

    @Test
    void publishReachesOnlyTheBoundAgentAndAnotherAgentsTokenSeesNothing() throws InterruptedException {
        notifier.bind("c1", "alice");
        try (WsClient alice = WsClient.connect(h.port(), h.token("alice", Role.AGENT));
             WsClient bob = WsClient.connect(h.port(), h.token("bob", Role.AGENT, Role.SUPERVISOR))) {
            alice.handshakeMessages();
            assertThat(bob.handshakeMessages().path("conversations")).isEmpty();

            assertThat(notifier.publish("alice", Views.listening("c1", 2.0))).isTrue();
            assertThat(notifier.progress("alice", Views.progress("c1", 6.5))).isTrue();
            assertThat(notifier.publish("bob", Views.verified("c1"))).isFalse();

            assertThat(alice.next().path("conversation").path("current").path("state").asText()).isEqualTo("LISTENING");
            assertThat(alice.next().path("progress").path("netSpeechSeconds").asDouble()).isEqualTo(6.5);
            // Bob's next message is the answer to his ping: nothing about c1 was queued before it.
            bob.send("{\"type\":\"ping\"}");
            assertThat(bob.next().path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void anotherAgentsCommandIsRefusedAndNeverReachesTheListener() throws InterruptedException {
        notifier.bind("c1", "alice");
        try (WsClient bob = WsClient.connect(h.port(), h.token("bob", Role.AGENT, Role.SUPERVISOR))) {
            bob.handshakeMessages();
            bob.command("r-1", "VERIFY_AGAIN", "c1");
            bob.command("r-2", "REPORT_FRAUD", "c1");

            for (String id : new String[]{"r-1", "r-2"}) {
                JsonNode result = bob.next();
                assertThat(result.path("requestId").asText()).isEqualTo(id);
                assertThat(result.path("accepted").asBoolean()).isFalse();
                assertThat(result.path("reason").asText()).isEqualTo("no such conversation for this agent");
            }
        }
        assertThat(h.commands).isEmpty();
        assertThat(h.audits).extracting(AuditRecord::userId, AuditRecord::outcome).containsOnly(
                org.assertj.core.groups.Tuple.tuple("bob", AuditRecord.Outcome.REFUSED));
    }

    @Test
    void commandIsAnsweredAndAudited() throws InterruptedException {
        notifier.bind("c1", "alice");
        h.answer = (who, cmd) -> cmd.type() == CommandType.IDENTIFY
                ? CommandOutcome.refused("identification limit reached for this call") : CommandOutcome.ok();
        try (WsClient alice = WsClient.connect(h.port(), h.token("alice", Role.AGENT))) {
            alice.handshakeMessages();
            alice.send("{\"type\":\"command\",\"requestId\":\"r-1\",\"command\":\"ENROLL\",\"conversationId\":\"c1\",\"consent\":true}");
            alice.command("r-2", "IDENTIFY", "c1");
            alice.command("r-3", "ENROLL", "c1");

            assertThat(alice.next().path("accepted").asBoolean()).isTrue();
            assertThat(alice.next().path("reason").asText()).isEqualTo("identification limit reached for this call");
            assertThat(alice.next().path("reason").asText()).startsWith("ENROLL requires consent: true");
        }
        assertThat(h.commands).extracting(AgentCommand::type).containsExactly(CommandType.ENROLL, CommandType.IDENTIFY);
        assertThat(h.commands.get(0).consent()).isTrue();
        assertThat(h.audits).extracting(AuditRecord::requestId, AuditRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r-1", AuditRecord.Outcome.ACCEPTED),
                org.assertj.core.groups.Tuple.tuple("r-2", AuditRecord.Outcome.REFUSED),
                org.assertj.core.groups.Tuple.tuple("r-3", AuditRecord.Outcome.REFUSED));
        assertThat(h.count("voicegate.notifier.commands", "type", "ENROLL", "outcome", "accepted")).isEqualTo(1);
    }

    @Test
    void badMessageIsAnsweredWithAnErrorAndTheConnectionStays() throws InterruptedException {
        try (WsClient alice = WsClient.connect(h.port(), h.token("alice", Role.AGENT))) {
            alice.handshakeMessages();
            alice.send("{not json");
            JsonNode error = alice.next();
            alice.send("{\"type\":\"ping\"}");

            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("message").asText()).isEqualTo("message is not valid JSON");
            assertThat(alice.next().path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void slowClientIsClosedInsteadOfBufferedWithoutBound() throws Exception {
        String token = h.token("slow", Role.AGENT);
        try (Socket raw = RawHttp.open(h.port())) {
            raw.getOutputStream().write(RawHttp.upgrade("Authorization: Bearer " + token + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 101");

            // The client reads nothing more; the server must give up on it rather than buffer ~100 MB.
            for (int i = 0; i < 3_000 && slowCloses() == 0; i++) {
                notifier.bind("c" + i, "slow");
                notifier.publish("slow", Views.large("c" + i));
            }

            assertThat(slowCloses()).isEqualTo(1);
            assertThat(RawHttp.drainToEnd(in)).isLessThan(50L * 1024 * 1024);
        }
    }

    @Test
    void clientThatStopsReadingIsClosedAfterTheWritabilityDeadline() throws Exception {
        try (NotifierHarness roomy = new NotifierHarness(NotifierLimits.defaults().withSendQueueCapacity(1_000)
                .withSlowClientDeadline(Duration.ofMillis(300)));
             Socket raw = RawHttp.open(roomy.port())) {
            CountDownLatch slowClosed = new CountDownLatch(1);
            roomy.meters.config().onMeterAdded(m -> {
                if (m.getId().getName().equals("voicegate.notifier.slow.closes")) {
                    slowClosed.countDown();
                }
            });
            raw.getOutputStream().write(RawHttp.upgrade("Authorization: Bearer " + roomy.token("stuck", Role.AGENT)
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readHead(raw.getInputStream())).startsWith("HTTP/1.1 101");
            AgentNotifier n = roomy.server.notifier();
            // ~12 MB: more than the kernel buffers hold, less than the 1,000-message queue.
            for (int i = 0; i < 400; i++) {
                n.bind("c" + i, "stuck");
                n.publish("stuck", Views.large("c" + i));
            }

            assertThat(slowClosed.await(10, TimeUnit.SECONDS)).as("closed as slow").isTrue();
            // The meter is registered (releasing the latch) just before it is incremented on the event loop.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (roomy.count("voicegate.notifier.slow.closes", "cause", "unwritable") < 1 && System.nanoTime() < deadline) {
                Thread.yield();
            }
            assertThat(roomy.count("voicegate.notifier.slow.closes", "cause", "unwritable")).isEqualTo(1);
            assertThat(roomy.count("voicegate.notifier.slow.closes", "cause", "queue_full")).isZero();
            RawHttp.drainToEnd(raw.getInputStream());
        }
    }

    @Test
    void silentClientIsClosedAfterTheIdleTimeout() throws Exception {
        try (NotifierHarness quick = new NotifierHarness(NotifierLimits.defaults().withClientIdleTimeout(Duration.ofMillis(300)));
             WsClient quiet = WsClient.connect(quick.port(), quick.token("alice", Role.AGENT))) {
            quiet.handshakeMessages();

            assertThat(quiet.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.IDLE);
        }
    }

    @Test
    void serverLifecycleRefusesASecondStartAndClosesOnce() throws InterruptedException {
        assertThat(h.server.state()).isEqualTo(dev.voicegate.notifier.ServerState.RUNNING);
        org.assertj.core.api.Assertions.assertThatThrownBy(h.server::start)
                .hasMessage("state: RUNNING -> STARTING (expected: STOPPING)");
        h.close();
        h.close();
        assertThat(h.server.state()).isEqualTo(dev.voicegate.notifier.ServerState.STOPPED);
    }

    @Test
    void shutdownClosesClientsWithGoingAway() throws Exception {
        WsClient alice = WsClient.connect(h.port(), h.token("alice", Role.AGENT));
        alice.handshakeMessages();

        h.close();

        assertThat(alice.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.GOING_AWAY);
    }

    private double slowCloses() {
        return h.count("voicegate.notifier.slow.closes");
    }
}
