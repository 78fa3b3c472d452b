package dev.voicegate.notifier.netty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK {@link WebSocket} agent client that queues every text message it receives. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final WebSocket socket;
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();

    private WsClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new Collector()).join();
    }

    /** Connects with the token as a {@code bearer.} subprotocol (what the browser app does). */
    static WsClient connect(int port, String token) {
        return new WsClient(HTTP.newWebSocketBuilder().subprotocols("voicegate.agent.v1", "bearer." + token), uri(port, ""));
    }

    static WsClient connectWithHeader(int port, String token) {
        return new WsClient(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token), uri(port, ""));
    }

    static WsClient connectWithQuery(int port, String token) {
        return new WsClient(HTTP.newWebSocketBuilder(), uri(port, "?access_token=" + token));
    }

    /** The HTTP status the upgrade was refused with (fails if it was accepted). */
    static int refusalStatus(int port, String tokenOrNull) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        if (tokenOrNull != null) {
            b.header("Authorization", "Bearer " + tokenOrNull);
        }
        try {
            b.buildAsync(uri(port, ""), new WebSocket.Listener() { }).join().abort();
            throw new AssertionError("upgrade was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static URI uri(int port, String query) {
        return URI.create("ws://127.0.0.1:" + port + "/agent/ws" + query);
    }

    /** The next message, failing after a generous safety-net timeout. */
    JsonNode next() throws InterruptedException {
        JsonNode m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 10 s");
        }
        return m;
    }

    /** Skips hello and snapshot; returns the snapshot. */
    JsonNode handshakeMessages() throws InterruptedException {
        JsonNode hello = next();
        if (!"hello".equals(hello.path("type").asText())) {
            throw new AssertionError("expected hello, got " + hello);
        }
        return next();
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void command(String requestId, String command, String conversationId) {
        send("{\"type\":\"command\",\"requestId\":\"" + requestId + "\",\"command\":\"" + command
                + "\",\"conversationId\":\"" + conversationId + "\"}");
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent invalid JSON", e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeReason.complete(reason);
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeReason.completeExceptionally(error);
            closeCode.completeExceptionally(error);
        }
    }
}
