package dev.voicegate.core.e2e;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.auth.RequestSigner;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.audiohook.protocol.ClientParameters;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, run as {@code voicegate serve} in {@code gating.mode: open}, is a complete
 * AudioHook endpoint: our client and an independent JDK WebSocket client both get streams resumed
 * at open; SIGTERM shuts it down gracefully within the bound.
 */
class ServeProcessIT {
    private static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    private static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";

    @TempDir
    Path dir;
    private ServeProcess serve;
    private final EventLoopGroup clients = Transports.group(1, "serve-it");

    @BeforeEach
    void start() throws Exception {
        Path config = dir.resolve("voicegate.yaml");
        Files.writeString(config, """
                audiohook:
                  host: 127.0.0.1
                  port: 0
                  apiKeys: [{key: "%s", secret: "${env:AH_SECRET}"}]
                admin: {host: 127.0.0.1, port: 0}
                gating: {mode: open}
                """.formatted(KEY));
        serve = ServeProcess.run(List.of("serve", "--config", config.toString()), Map.of("AH_SECRET", SECRET)).awaitStarted();
    }

    @AfterEach
    void stop() {
        clients.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        serve.close();
    }

    @Test
    void servesOurClientAndARawJdkClientThenStopsGracefullyOnSigterm() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + serve.audiohookPort() + "/api/v1/audiohook/ws");
        AudioHookClient ours = AudioHookClient.connect(AudioHookClientConfig.builder(ws).organizationId(ORG)
                .credentials(KEY, SECRET).conversationId(UUID.randomUUID().toString())
                .participant(new Participant(UUID.randomUUID().toString(), "+15551230000", "", ""))
                .source(PcmAudioSource.tone(300, 1.0, 3000)).speed(5).closeAtEndOfSource(true).build(), clients);
        assertThat(ours.opened().get(30, TimeUnit.SECONDS).startPaused()).isFalse();
        ours.closed().get(30, TimeUnit.SECONDS);
        assertThat(ours.protocolErrors()).isEmpty();

        rawJdkSession(ws);

        assertThat(serve.admin("/readyz").statusCode()).isEqualTo(200);
        assertThat(serve.admin("/metrics").body()).contains("voicegate_audiohook");

        long t0 = System.nanoTime();
        serve.terminate();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("exits within the default drain bound")
                .isLessThan(Duration.ofSeconds(35));
        assertThat(serve.output()).contains("shutting down").contains("stopped").doesNotContain(SECRET);
    }

    /** An independent client: the JDK's WebSocket speaking raw JSON. */
    private void rawJdkSession(URI ws) throws Exception {
        String session = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Audiohook-Organization-Id", ORG)
                .header("Audiohook-Session-Id", session)
                .header("Audiohook-Correlation-Id", correlation)
                .header("X-API-KEY", KEY);
        Map<String, String> sig = RequestSigner.sign(ws.getPath(), ws.getHost() + ":" + ws.getPort(), ORG, session, correlation,
                KEY, SECRET, Clock.systemUTC());
        sig.forEach(b::header);
        CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> gotClosed = new CompletableFuture<>();
        WebSocket socket = b.buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.add(text.toString());
                    if (text.indexOf("\"closed\"") >= 0) {
                        gotClosed.complete(null);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        String conv = UUID.randomUUID().toString();
        socket.sendText("""
                {"version":"2","id":"%s","type":"open","seq":1,"serverseq":0,"position":"PT0S","parameters":{
                "organizationId":"%s","conversationId":"%s",
                "participant":{"id":"%s","ani":"+15551230001","aniName":"","dnis":"+18005550000"},
                "media":[{"type":"audio","format":"PCMU","channels":["external","internal"],"rate":8000}],
                "language":"en-US"}}""".formatted(session, ORG, conv, UUID.randomUUID()), true).get(10, TimeUnit.SECONDS);
        socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[3200]), true).get(10, TimeUnit.SECONDS);
        socket.sendText("""
                {"version":"2","id":"%s","type":"close","seq":2,"serverseq":1,"position":"PT0.2S","parameters":{"reason":"end"}}"""
                .formatted(session), true).get(10, TimeUnit.SECONDS);
        gotClosed.get(30, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        assertThat(received.get(0)).contains("\"type\":\"opened\"").contains("\"startPaused\":false").contains("\"clientseq\":1");
        assertThat(received.get(received.size() - 1)).contains("\"type\":\"closed\"").contains("\"clientseq\":2");
    }
}
