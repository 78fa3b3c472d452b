package dev.voicegate.notifier.netty;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.config.HandshakeLimits;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Agent-app clients that do not play fair (issue 11): non-readers that keep asking, and log forgers. */
class AgentHostileClientIT {

    private static final int TEXT = 1;
    private static final int PING = 9;

    /** One masked client frame. */
    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
    }

    private static Socket upgraded(NotifierHarness h, String user) throws IOException {
        Socket raw = RawHttp.open(h.port());
        raw.getOutputStream().write(RawHttp.upgrade("Authorization: Bearer " + h.token(user, Role.AGENT) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.readHead(raw.getInputStream())).startsWith("HTTP/1.1 101");
        return raw;
    }

    /** Sends {@code opcode} frames without reading until the server counts a slow close (60 s safety bound). */
    private static void pingUntilClosed(NotifierHarness h, Socket raw, int opcode, byte[] payload) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            OutputStream out = raw.getOutputStream();
            for (long n = 1; System.nanoTime() < deadline
                    && (n % 500 != 0 || h.count("voicegate.notifier.slow.closes") == 0); n++) {
                frame(out, opcode, payload);
            }
        } catch (IOException closedByServer) {
            // expected when the close arrives while we write
        }
    }

    @Test
    void clientSendingWebSocketPingsButNeverReadingIsClosedAndItsPongsAreDropped() throws Exception {
        try (NotifierHarness h = new NotifierHarness(NotifierLimits.defaults()
                .withSlowClientDeadline(Duration.ofMillis(300)));
             Socket raw = upgraded(h, "stuck")) {
            pingUntilClosed(h, raw, PING, new byte[120]);
            assertThat(h.count("voicegate.notifier.slow.closes", "cause", "unwritable")).isEqualTo(1);
            assertThat(h.count("voicegate.notifier.queue.drops", "reason", "ws_pong")).isPositive();
            RawHttp.drainToEnd(raw.getInputStream());
        }
    }

    @Test
    void clientSendingAppPingsButNeverReadingIsClosedWithABoundedQueue() throws Exception {
        try (NotifierHarness h = new NotifierHarness(NotifierLimits.defaults().withSendQueueCapacity(64)
                .withSlowClientDeadline(Duration.ofMillis(300)));
             Socket raw = upgraded(h, "stuck")) {
            pingUntilClosed(h, raw, TEXT, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(h.count("voicegate.notifier.slow.closes")).isEqualTo(1);
            RawHttp.drainToEnd(raw.getInputStream());
        }
    }

    @Test
    void forgedLogLinesInCommandFieldsAreEscaped() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try (NotifierHarness h = new NotifierHarness(NotifierLimits.defaults());
             WsClient alice = WsClient.connect(h.port(), h.token("alice", Role.AGENT))) {
            alice.handshakeMessages();
            String forged = "r\\r\\n03:00:00.000 ERROR [main] voicegate.audit - FORGED\\u001b[31m";
            alice.send("{\"type\":\"command\",\"requestId\":\"" + forged + "\",\"command\":\"VERIFY\","
                    + "\"conversationId\":\"c1\"}");
            alice.send("{\"type\":\"" + forged + "\"}");
            assertThat(alice.next().path("type").asText()).isEqualTo("commandResult");  // refused: invalid requestId
            assertThat(alice.next().path("type").asText()).isEqualTo("error");
        } finally {
            root.detachAppender(captured);
        }
        List<String> lines;
        synchronized (captured.list) {
            lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
        assertThat(lines).anyMatch(l -> l.contains("request=r\\r\\n03:00:00.000 ERROR"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r", "\u001b"));
    }

    private static java.io.InputStream inputOf(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static NotifierHarness withHandshake(Duration timeout, int maxPendingPerSource) throws InterruptedException {
        return new NotifierHarness(NotifierConfig.loopbackEphemeral(NotifierLimits.defaults())
                .withHandshake(new HandshakeLimits(timeout, maxPendingPerSource)), null);
    }

    @Test
    void clientSendingItsUpgradeHeadersOneByteAtATimeIsClosedAtTheHandshakeTimeout() throws Exception {
        try (NotifierHarness h = withHandshake(Duration.ofMillis(300), 64);
             Socket slow = RawHttp.open(h.port())) {
            slow.setTcpNoDelay(true);
            byte[] request = RawHttp.upgrade("Authorization: Bearer " + h.token("slow", Role.AGENT) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<Long> closed = CompletableFuture.supplyAsync(() -> RawHttp.drainToEnd(inputOf(slow)));
            int sent = 0;
            try {
                // one byte, then wait for the server's close for at most 20 ms (the attack's pace), and again
                while (sent < request.length - 1 && !closed.isDone()) {
                    slow.getOutputStream().write(request[sent++]);
                    slow.getOutputStream().flush();
                    try {
                        closed.get(20, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillOpen) {
                        // keep trickling
                    }
                }
            } catch (IOException closedByServer) {
                // the close arrived while we wrote
            }
            assertThat(closed.get(30, TimeUnit.SECONDS)).as("nothing was answered").isZero();
            assertThat(sent).as("closed before the request was complete").isLessThan(request.length - 1);
            assertThat(h.count("voicegate.notifier.rejections", "reason", "handshake_timeout")).isEqualTo(1);

            // a client that sends its request at once is upgraded on the same server (upgraded() asserts the 101)
            upgraded(h, "quick").close();
        }
    }

    @Test
    void pendingConnectionsBeyondThePerSourceCapAreClosedAndAServedOneFreesItsSlot() throws Exception {
        try (NotifierHarness h = withHandshake(Duration.ofMinutes(1), 2);
             Socket first = RawHttp.open(h.port());
             Socket second = RawHttp.open(h.port());
             Socket third = RawHttp.open(h.port())) {
            assertThat(RawHttp.drainToEnd(third.getInputStream())).as("the third is closed at once, unanswered").isZero();
            assertThat(h.count("voicegate.notifier.rejections", "reason", "too_many_pending_connections")).isEqualTo(1);

            first.getOutputStream().write("GET /agent/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.readHead(first.getInputStream())).startsWith("HTTP/1.1 200");
            try (Socket agent = upgraded(h, "alice")) {
                assertThat(agent.isConnected()).isTrue();
                assertThat(h.count("voicegate.notifier.rejections", "reason", "too_many_pending_connections"))
                        .as("a served connection no longer counts").isEqualTo(1);
            }
            assertThat(second.isClosed()).isFalse();
        }
    }
}
