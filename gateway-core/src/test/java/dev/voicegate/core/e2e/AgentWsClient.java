package dev.voicegate.core.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An agent-app client over the JDK WebSocket, speaking {@code voicegate.agent.v1} (agent-notifier/README.md). */
final class AgentWsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    /** Listener of every message with its arrival ({@link System#nanoTime}), for benchmarks. */
    volatile java.util.function.BiConsumer<JsonNode, Long> onMessage = (m, t) -> { };
    private final WebSocket socket;

    AgentWsClient(int port, String token) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("voicegate.agent.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/agent/ws"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                long at = System.nanoTime();
                                JsonNode m = JSON.readTree(text.toString());
                                received.add(m);
                                onMessage.accept(m, at);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
    }

    /** Sends a command; returns its request id. */
    String command(String command, String conversationId, boolean consent, String claimedId) {
        String id = "r-" + UUID.randomUUID();
        var node = JSON.createObjectNode().put("type", "command").put("requestId", id).put("command", command)
                .put("conversationId", conversationId).put("consent", consent);
        if (claimedId != null) {
            node.put("claimedId", claimedId);
        }
        socket.sendText(node.toString(), true).join();
        return id;
    }

    Optional<JsonNode> commandResult(String requestId) {
        return received.stream().filter(m -> "commandResult".equals(m.path("type").asText())
                && requestId.equals(m.path("requestId").asText())).findFirst();
    }

    /** The latest full view of a conversation. */
    Optional<JsonNode> latest(String conversationId) {
        JsonNode last = null;
        for (JsonNode m : received) {
            if ("conversation".equals(m.path("type").asText()) && conversationId.equals(m.path("conversation").path("conversationId").asText())) {
                last = m.path("conversation");
            }
            if ("snapshot".equals(m.path("type").asText())) {
                for (JsonNode c : m.path("conversations")) {
                    if (conversationId.equals(c.path("conversationId").asText())) {
                        last = c;
                    }
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /** Completed transactions of a conversation in the latest view (history), oldest first. */
    List<JsonNode> completed(String conversationId) {
        return latest(conversationId).map(v -> {
            List<JsonNode> out = new java.util.ArrayList<>();
            v.path("history").forEach(out::add);
            return out;
        }).orElse(List.of());
    }

    boolean sawConversation(String conversationId) {
        return latest(conversationId).isPresent();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
