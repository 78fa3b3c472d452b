package dev.voicegate.notifier.netty;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.voicegate.notifier.api.Role;
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
import java.util.concurrent.ThreadLocalRandom;
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
}
