package dev.voicegate.core.soak;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A short-lived agent-app client ({@code voicegate.agent.v1}) on a shared JDK {@link HttpClient}. Keeps
 * no messages, only counts them, so thousands of them over an hour hold nothing.
 */
final class SoakAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    final CompletableFuture<WebSocket> socket;
    /** Completes when the socket is closed by either side or fails. */
    final CompletableFuture<Void> gone = new CompletableFuture<>();
    final AtomicLong messages = new AtomicLong();

    SoakAgent(HttpClient http, int port, String token) {
        socket = http.newWebSocketBuilder().subprotocols("voicegate.agent.v1", "bearer." + token)
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/agent/ws"), new Listener())
                .orTimeout(20, TimeUnit.SECONDS);
        socket.whenComplete((ws, e) -> {
            if (e != null) {
                gone.complete(null);
            }
        });
    }

    void command(String command, String conversationId, boolean consent) {
        String text = JSON.createObjectNode().put("type", "command").put("requestId", "soak-" + UUID.randomUUID())
                .put("command", command).put("conversationId", conversationId).put("consent", consent).toString();
        socket.thenCompose(ws -> ws.sendText(text, true));
    }

    /** A clean close (1000), or an abort of the TCP connection when {@code abort}. */
    void leave(boolean abort) {
        socket.whenComplete((ws, e) -> {
            if (ws == null) {
                return;
            }
            if (abort) {
                ws.abort();
                gone.complete(null);
            } else {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                        .whenComplete((w, x) -> {
                            // the server's close answer completes `gone`; a failed close ends the socket here
                            if (x != null) {
                                ws.abort();
                                gone.complete(null);
                            }
                        });
            }
        });
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            gone.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            gone.complete(null);
        }
    }
}
