package dev.voicegate.notifier.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.ProgressUpdate;
import dev.voicegate.notifier.protocol.Outbound.Kind;

import java.util.Collection;

/**
 * JSON codec of the agent WebSocket protocol {@value #PROTOCOL} (documented in
 * {@code agent-notifier/README.md}). Thread-safe.
 */
public final class WireCodec {

    /** The WebSocket subprotocol name the server selects. */
    public static final String PROTOCOL = "voicegate.agent.v1";

    /** Deepest JSON nesting accepted from the app (its messages are flat objects). */
    public static final int MAX_JSON_DEPTH = 16;
    /** Longest JSON number accepted from the app, in characters. */
    public static final int MAX_JSON_NUMBER_CHARS = 32;

    private final ObjectMapper mapper = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_DEPTH).maxNumberLength(MAX_JSON_NUMBER_CHARS).build())
            .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Decodes one text frame; throws {@link ProtocolViolationException} with a specific message. */
    public Inbound decode(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new ProtocolViolationException("message is beyond the JSON limits (nesting depth " + MAX_JSON_DEPTH
                    + ", numbers of " + MAX_JSON_NUMBER_CHARS + " characters)", null);
        } catch (JsonProcessingException e) {
            throw new ProtocolViolationException("message is not valid JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolViolationException("message is not a JSON object", null);
        }
        String type = text(node, "type");
        String requestId = text(node, "requestId");
        if ("ping".equals(type)) {
            return new Inbound.Ping();
        }
        if (!"command".equals(type)) {
            String shown = type == null ? "missing" : "'" + (type.length() <= 32 ? type : type.substring(0, 32) + "...") + "'";
            throw new ProtocolViolationException("type: " + shown + " (expected: command|ping)", requestId);
        }
        JsonNode consent = node.get("consent");
        if (consent != null && !consent.isBoolean() && !consent.isNull()) {
            String shown = consent.toString();
            throw new ProtocolViolationException("consent: " + (shown.length() <= 32 ? shown : shown.substring(0, 32) + "...")
                    + " (expected: true|false)", requestId);
        }
        return new Inbound.CommandRequest(requestId, text(node, "command"), text(node, "conversationId"),
                consent != null && consent.asBoolean(false), text(node, "claimedId"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    public Outbound hello(AgentPrincipal who) {
        ObjectNode n = typed(Kind.HELLO).put("protocol", PROTOCOL);
        ObjectNode user = mapper.valueToTree(who);
        if (who.expiresAt() == null) {
            user.remove("expiresAt"); // unknown (a Genesys token): left out rather than null
        }
        n.set("user", user);
        return new Outbound(Kind.HELLO, null, null, n.toString());
    }

    public Outbound snapshot(Collection<ConversationView> views) {
        return new Outbound(Kind.SNAPSHOT, null, null, write(new SnapshotMessage(Kind.SNAPSHOT.wire(), views)));
    }

    /** Full state; supersedes queued full states of the same conversation. */
    public Outbound conversation(ConversationView view) {
        return new Outbound(Kind.CONVERSATION, view.conversationId(), "c:" + view.conversationId(),
                write(new ConversationMessage(Kind.CONVERSATION.wire(), view)));
    }

    /** Progress; supersedes queued progress of the same transaction. */
    public Outbound progress(ProgressUpdate update) {
        return new Outbound(Kind.PROGRESS, update.conversationId(),
                "p:" + update.conversationId() + ":" + update.transactionId(),
                write(new ProgressMessage(Kind.PROGRESS.wire(), update)));
    }

    // Envelopes serialised in one pass (no intermediate tree): field order = component order.
    private record SnapshotMessage(String type, Collection<ConversationView> conversations) {
    }

    private record ConversationMessage(String type, ConversationView conversation) {
    }

    private record ProgressMessage(String type, ProgressUpdate progress) {
    }

    private String write(Object envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + envelope.getClass().getSimpleName(), e);
        }
    }

    public Outbound removed(String conversationId) {
        return removed(conversationId, null);
    }

    /** {@code removed}, with the reason the agent is shown (PII-free), or none when {@code reason} is null. */
    public Outbound removed(String conversationId, String reason) {
        ObjectNode n = typed(Kind.REMOVED).put("conversationId", conversationId);
        if (reason != null) {
            n.put("reason", reason);
        }
        return new Outbound(Kind.REMOVED, conversationId, null, n.toString());
    }

    public Outbound commandResult(String requestId, String command, String conversationId, CommandOutcome outcome) {
        ObjectNode n = typed(Kind.COMMAND_RESULT)
                .put("requestId", requestId)
                .put("command", command)
                .put("conversationId", conversationId)
                .put("accepted", outcome.accepted())
                .put("reason", outcome.reason());
        return new Outbound(Kind.COMMAND_RESULT, conversationId, null, n.toString());
    }

    public Outbound error(String message, String requestId) {
        ObjectNode n = typed(Kind.ERROR).put("message", message).put("requestId", requestId);
        return new Outbound(Kind.ERROR, null, null, n.toString());
    }

    public Outbound pong() {
        return new Outbound(Kind.PONG, null, null, typed(Kind.PONG).toString());
    }

    private ObjectNode typed(Kind kind) {
        return mapper.createObjectNode().put("type", kind.wire());
    }
}
