package dev.voicegate.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An agent-app client ({@code voicegate.agent.v1}) on a shared JDK {@link HttpClient} that stamps
 * {@code System.nanoTime()} when a message is fully received, before parsing it, and remembers the
 * first moment each conversation's view carried a completed transaction.
 */
final class AgentClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    final CompletableFuture<Long> snapshot = new CompletableFuture<>();
    final Map<String, Long> firstCompletedNanos = new ConcurrentHashMap<>();
    private final CompletableFuture<WebSocket> socket;

    AgentClient(HttpClient http, int port, String token) {
        socket = http.newWebSocketBuilder().subprotocols("voicegate.agent.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/agent/ws"), new Listener());
    }

    CompletableFuture<WebSocket> connected() {
        return socket;
    }

    void abort() {
        socket.thenAccept(WebSocket::abort);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long at = System.nanoTime();
                onMessage(text.toString(), at);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            snapshot.completeExceptionally(error);
        }
    }

    private void onMessage(String message, long at) {
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (Exception e) {
            throw new IllegalStateException("agent message is not JSON: " + e.getMessage(), e);
        }
        String type = m.path("type").asText();
        if ("snapshot".equals(type)) {
            snapshot.complete(at);
        } else if ("conversation".equals(type)) {
            JsonNode view = m.path("conversation");
            if (view.path("history").size() > 0) {
                firstCompletedNanos.putIfAbsent(view.path("conversationId").asText(), at);
            }
        }
    }
}
