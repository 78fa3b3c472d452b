package dev.voicegate.testing.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the JSON that Genesys Cloud puts on the wire for notifications and conversations, from the
 * fact sheet ({@code shared/docs/genesys-api.md} §3c and §4). Pure functions of their inputs, with
 * no dependency on the rest of the fake, so a demo can reuse them to drive a gateway.
 */
public final class ConversationEventBodies {

    /** Shared mapper; thread-safe for reading and writing trees. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private ConversationEventBodies() {
    }

    /** The topic a monitored agent's conversation events arrive on. */
    public static String userConversationsTopic(String userId) {
        return "v2.users." + userId + ".conversations";
    }

    /** The notification envelope: {@code {topicName, version, eventBody, metadata{CorrelationId}}}. */
    public static String envelope(String topicName, ObjectNode eventBody) {
        ObjectNode root = JSON.createObjectNode();
        root.put("topicName", topicName);
        root.put("version", "2");
        root.set("eventBody", eventBody);
        root.putObject("metadata").put("CorrelationId", UUID.randomUUID().toString());
        return root.toString();
    }

    /** The server heartbeat, sent about every 30 s. */
    public static String heartbeat() {
        return channelMetadata("WebSocket Heartbeat");
    }

    /** The answer to a client {@code {"message":"ping"}}. */
    public static String pong() {
        return channelMetadata("pong");
    }

    private static String channelMetadata(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("topicName", "channel.metadata");
        root.putObject("eventBody").put("message", message);
        return root.toString();
    }

    /** Maintenance close: the client has about a minute to open a new socket. */
    public static String socketClosing() {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", "Socket closing");
        return envelope("v2.system.socket_closing", body);
    }

    /** The channel lost its subscriptions (another channel took them over). */
    public static String noLongerSubscribed(String channelId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channelId", channelId);
        body.put("systemTopicType", "no_longer_subscribed");
        body.put("reason", "another_channel_subscribed");
        body.put("message", "Channel is no longer subscribed");
        return envelope("v2.system.no_longer_subscribed." + channelId, body);
    }

    /** The dead-channel signal (expired, evicted, or its token expired). */
    public static String channelGone(String channelId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("result", "404");
        root.put("status", "failure");
        root.put("message", "Channel " + channelId + " not found");
        return root.toString();
    }

    /** A {@code v2.users.{id}.conversations} event body ({@code ConversationEventTopicConversation}). */
    public static ObjectNode conversationEventBody(FakeConversation c) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", c.id());
        ArrayNode participants = body.putArray("participants");
        participants.add(customerParticipant(c, false));
        for (FakeConversation.AgentLeg leg : c.legs()) {
            participants.add(agentParticipant(c, leg, false));
        }
        body.put("recordingState", c.endTime() == null ? "active" : "none");
        return body;
    }

    /** The REST {@code GET /api/v2/conversations/{id}} body ({@code Conversation}). */
    public static ObjectNode restConversation(FakeConversation c) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", c.id());
        body.put("startTime", c.startTime().toString());
        if (c.endTime() != null) {
            body.put("endTime", c.endTime().toString());
        }
        ArrayNode participants = body.putArray("participants");
        participants.add(customerParticipant(c, true));
        for (FakeConversation.AgentLeg leg : c.legs()) {
            participants.add(agentParticipant(c, leg, true));
        }
        body.put("recordingState", c.endTime() == null ? "active" : "none");
        body.put("selfUri", "/api/v2/conversations/" + c.id());
        return body;
    }

    private static ObjectNode customerParticipant(FakeConversation c, boolean rest) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", c.customerParticipantId());
        p.put("purpose", "customer");
        p.put("address", c.ani());
        p.put("name", "Mobile Caller");
        p.put("connectedTime", c.startTime().toString());
        if (c.endTime() != null) {
            p.put("endTime", c.endTime().toString());
        }
        if (rest) {
            p.put("ani", c.ani());
            p.put("dnis", c.dnis());
        }
        putAttributes(p, c.customerAttributes());
        ObjectNode call = p.putArray("calls").addObject();
        call.put("id", uuidFor(c.customerParticipantId()));
        call.put("state", c.endTime() == null ? "connected" : "disconnected");
        call.put("direction", "inbound");
        call.putObject("self").put("addressNormalized", c.dnis());
        call.putObject("other").put("addressNormalized", c.ani());
        call.put("provider", "Edge");
        call.put("connectedTime", c.startTime().toString());
        if (c.endTime() != null) {
            call.put("disconnectedTime", c.endTime().toString());
            call.put("disconnectType", "endpoint");
        }
        return p;
    }

    private static ObjectNode agentParticipant(FakeConversation c, FakeConversation.AgentLeg leg, boolean rest) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", leg.participantId());
        p.put("purpose", "agent");
        p.put("userId", leg.userId());
        if (leg.queueId() != null) {
            p.put("queueId", leg.queueId());
        }
        if (rest) {
            p.put("userUri", "/api/v2/users/" + leg.userId());
        }
        p.put("connectedTime", leg.connectedTime().toString());
        if (leg.endTime() != null) {
            p.put("endTime", leg.endTime().toString());
        }
        p.put("wrapupRequired", true);
        p.put("alertingTimeoutMs", 30000);
        putAttributes(p, Map.of());
        ObjectNode call = p.putArray("calls").addObject();
        call.put("id", uuidFor(leg.participantId()));
        call.put("state", leg.state());
        call.put("initialState", "alerting");
        call.put("direction", "inbound");
        call.put("recording", true);
        call.put("held", false);
        call.put("muted", false);
        call.putObject("self").put("addressNormalized", c.dnis());
        call.put("connectedTime", leg.connectedTime().toString());
        if (leg.endTime() != null) {
            call.put("disconnectedTime", leg.endTime().toString());
            call.put("disconnectType", leg.disconnectType());
        }
        return p;
    }

    private static void putAttributes(ObjectNode participant, Map<String, String> attributes) {
        ObjectNode node = participant.putObject("attributes");
        attributes.forEach(node::put);
    }

    private static String uuidFor(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Formats an instant the way Genesys does (ISO-8601, UTC). */
    public static String iso(Instant instant) {
        return instant.toString();
    }
}
