package dev.voicegate.audiohook.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.audiohook.auth.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An independent AudioHook client on the JDK's {@code java.net.http.WebSocket}, driving raw JSON, so
 * the server is not only tested against our own client.
 */
final class RawClient implements WebSocket.Listener {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final String sessionId = UUID.randomUUID().toString();
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;
    int seq;

    /** Upgrade headers of a correctly signed request. */
    static Map<String, String> signedHeaders(URI uri, String sessionId, String org, String key, String secret, Clock clock) {
        Map<String, String> h = new LinkedHashMap<>();
        String corr = UUID.randomUUID().toString();
        h.put("Audiohook-Organization-Id", org);
        h.put("Audiohook-Session-Id", sessionId);
        h.put("Audiohook-Correlation-Id", corr);
        h.put("X-API-KEY", key);
        h.putAll(RequestSigner.sign(uri.getRawPath(), uri.getHost() + ":" + uri.getPort(), org, sessionId, corr, key,
                secret, clock));
        return h;
    }

    /** Connects; completes exceptionally with the handshake status when refused. */
    CompletableFuture<WebSocket> connect(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        headers.forEach(b::header);
        return b.buildAsync(uri, this).thenApply(w -> {
            ws = w;
            return w;
        });
    }

    RawClient connectSigned(ServerFixture f) throws Exception {
        connect(f.uri(), signedHeaders(f.uri(), sessionId, ServerFixture.ORG, ServerFixture.KEY, ServerFixture.SECRET,
                Clock.systemUTC())).get(10, TimeUnit.SECONDS);
        return this;
    }

    /** The HTTP status of a refused upgrade. */
    static int statusOf(CompletableFuture<WebSocket> attempt) throws Exception {
        try {
            attempt.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("upgrade was accepted");
    }

    static WebSocketHandshakeException refusal(CompletableFuture<WebSocket> attempt) throws Exception {
        try {
            attempt.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (WebSocketHandshakeException) e.getCause();
        }
        throw new AssertionError("upgrade was accepted");
    }

    String message(String type, String parameters) {
        return message(type, ++seq, parameters);
    }

    String message(String type, int seq, String parameters) {
        return "{\"version\":\"2\",\"id\":\"" + sessionId + "\",\"type\":\"" + type + "\",\"seq\":" + seq
                + ",\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":" + parameters + "}";
    }

    String openJson(String org) {
        return message("open", "{\"organizationId\":\"" + org + "\",\"conversationId\":\"" + UUID.randomUUID()
                + "\",\"participant\":{\"id\":\"" + UUID.randomUUID() + "\",\"ani\":\"+15550100\",\"aniName\":\"\","
                + "\"dnis\":\"+18005550199\"},\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":"
                + "[\"external\",\"internal\"],\"rate\":8000}],\"language\":\"en-US\"}");
    }

    void text(String json) {
        ws.sendText(json, true).join();
    }

    void binary(int bytes) {
        ws.sendBinary(ByteBuffer.allocate(bytes), true).join();
    }

    JsonNode next() throws InterruptedException {
        JsonNode m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message from the server within 10 s");
        }
        return m;
    }

    /** Sends close{end} with the next seq and returns the {@code closed} reply. */
    JsonNode closeSession() throws InterruptedException {
        text(message("close", "{\"reason\":\"end\"}"));
        return next();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("server sent invalid JSON", e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedByServer.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedByServer.complete(-1);
    }
}
