package dev.voicegate.genesys.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.ConversationSnapshot;

/**
 * One text message received on the notification WebSocket, classified (fact sheet §3b, §3c).
 * {@link #parse} never throws for well-formed JSON of an unknown shape ({@link Other}); it throws
 * {@link IllegalArgumentException} for malformed JSON or a conversation event without an id.
 */
public sealed interface NotificationMessage {

    /** Prefix and suffix of the per-agent conversation topic. */
    String USER_TOPIC_PREFIX = "v2.users.";
    String CONVERSATIONS_SUFFIX = ".conversations";

    /** {@code channel.metadata}: a heartbeat or the pong answering our ping. */
    record Liveness(String message) implements NotificationMessage {
    }

    /** {@code v2.system.socket_closing}: open a new socket within about a minute. */
    record SocketClosing() implements NotificationMessage {
    }

    /** The channel's subscriptions or token are gone ({@code no_longer_subscribed}, {@code token_revoked}, or a 404 result). */
    record ChannelLost(String reason) implements NotificationMessage {
    }

    /** A {@code v2.users.{userId}.conversations} event. */
    record ConversationUpdate(String topicName, String userId, ConversationSnapshot snapshot) implements NotificationMessage {
    }

    /** Anything else (other topics, acknowledgements). */
    record Other(String topicName) implements NotificationMessage {
    }

    /** The topic for an agent's conversations. */
    static String topicFor(String userId) {
        return USER_TOPIC_PREFIX + userId + CONVERSATIONS_SUFFIX;
    }

    static NotificationMessage parse(ObjectMapper json, String text) {
        Dtos.Envelope env;
        try {
            env = json.readValue(text, Dtos.Envelope.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("notification: not a JSON envelope (" + e.getClass().getSimpleName() + ")");
        }
        String topic = env.topicName();
        if ("404".equals(env.result())) {
            return new ChannelLost("channel gone (result 404)");
        }
        if (topic == null) {
            return new Other(null);
        }
        if (topic.equals("channel.metadata")) {
            return new Liveness(env.eventBody() == null ? "" : env.eventBody().path("message").asText());
        }
        if (topic.equals("v2.system.socket_closing")) {
            return new SocketClosing();
        }
        if (topic.startsWith("v2.system.no_longer_subscribed")) {
            return new ChannelLost("no_longer_subscribed");
        }
        if (topic.startsWith("v2.system.token_revoked")) {
            return new ChannelLost("token_revoked");
        }
        if (topic.startsWith(USER_TOPIC_PREFIX) && topic.endsWith(CONVERSATIONS_SUFFIX)
                && topic.length() > USER_TOPIC_PREFIX.length() + CONVERSATIONS_SUFFIX.length()) {
            String userId = topic.substring(USER_TOPIC_PREFIX.length(), topic.length() - CONVERSATIONS_SUFFIX.length());
            JsonNode body = env.eventBody();
            Dtos.Conversation conv;
            try {
                conv = json.treeToValue(body, Dtos.Conversation.class);
            } catch (Exception e) {
                throw new IllegalArgumentException("notification " + topic + ": unreadable event body ("
                        + e.getClass().getSimpleName() + ")");
            }
            return new ConversationUpdate(topic, userId, ConversationParser.parse(conv));
        }
        return new Other(topic);
    }
}
