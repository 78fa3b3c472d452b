package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client tries to forge log lines (a newline, a fake ERROR line, ANSI escapes) through every value it
 * controls that the server logs: message fields, the message type, signature headers. The captured log
 * must hold the escaped text and never a raw line break or escape character.
 */
class LogForgingIT {

    private static final String FORGED = "x\r\n03:00:00.000 ERROR [main] d.v.Fake - FORGED\u001b[31m red\u009b2J";

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private ServerFixture f;

    @BeforeEach
    void capture() {
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stop() {
        root.detachAppender(captured);
        if (f != null) {
            f.close();
        }
    }

    private List<String> lines() {
        synchronized (captured.list) {
            return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    @Test
    void clientValuesAreEscapedInEveryLogLine() throws Exception {
        f = new ServerFixture();
        String sid = UUID.randomUUID().toString();
        try (RawSocket s = RawSocket.connect(f.server.port())) {
            s.write(RawSocket.upgradeRequest(ServerFixture.PATH, sid,
                    Map.of("Audiohook-Organization-Id", ServerFixture.ORG, "X-API-KEY", "unsigned-key")));
            assertThat(s.readStatus()).isEqualTo(101);
            String head = "{\"version\":\"2\",\"id\":\"" + sid + "\",\"seq\":";
            s.text(head + "1,\"type\":\"error\",\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":"
                    + "{\"code\":500,\"message\":\"" + json(FORGED) + "\"}}");
            s.text(head + "2,\"type\":\"" + json(FORGED) + "\",\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}");
            RawSocket.Frame disconnect = s.readFrame();
            assertThat(disconnect.text()).contains("disconnect").contains("is not a supported client message");
        }
        try (RawSocket s = RawSocket.connect(f.server.port())) {
            // A signature-input header with the 8-bit CSI (ESC is refused by the HTTP codec): the parser quotes it.
            s.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                    Map.of("X-API-KEY", ServerFixture.KEY, "Signature-Input", "sig1=(\"@a\u009b31m\"", "Signature",
                            "sig1=:AAAA:")));
            assertThat(s.readStatus()).isEqualTo(401);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> lines().stream().anyMatch(l -> l.contains("authentication failed")));
        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.contains("client reported error 500: x\\r\\n03:00:00.000 ERROR"));
        assertThat(lines).anyMatch(l -> l.contains("protocol violation") && l.contains("FORGED\\u001b[31m"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r", "\u001b", "\u009b"));
    }
}
