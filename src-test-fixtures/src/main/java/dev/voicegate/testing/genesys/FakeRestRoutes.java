package dev.voicegate.testing.genesys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;

import static dev.voicegate.testing.genesys.ConversationEventBodies.JSON;
import static dev.voicegate.testing.genesys.FakeRestRouter.Reply;
import static dev.voicegate.testing.genesys.FakeRestRouter.error;
import static dev.voicegate.testing.genesys.FakeRestRouter.match;

/** The authenticated {@code /api/v2/...} routes of the fake (one instance per request). */
final class FakeRestRoutes {

    private final FakeOrg org;
    private final FakeChannels channels;

    FakeRestRoutes(FakeOrg org, FakeChannels channels) {
        this.org = org;
        this.channels = channels;
    }

    Reply route(String method, String path, Map<String, String> query, String body, String token) {
        Matcher m;
        if ((m = match(FakeRestRouter.groupMembers(), path)) != null && method.equals("GET")) {
            String groupId = m.group(1);
            return org.groupMembers(groupId).map(ids -> page(ids, query, 500, this::groupMember))
                    .orElseGet(() -> notFound("group " + groupId));
        }
        if ((m = match(FakeRestRouter.queueMembers(), path)) != null && method.equals("GET")) {
            String queueId = m.group(1);
            return org.queueMembers(queueId).map(ids -> page(ids, query, 100, this::queueMember))
                    .orElseGet(() -> notFound("queue " + queueId));
        }
        if (path.equals("/api/v2/notifications/channels")) {
            return method.equals("POST") ? createChannel(token) : listChannels(token);
        }
        if ((m = match(FakeRestRouter.subscriptions(), path)) != null) {
            return subscriptions(method, m.group(1), query, body);
        }
        if ((m = match(FakeRestRouter.channel(), path)) != null && method.equals("HEAD")) {
            return new Reply(channels.live(m.group(1)).isPresent() ? 200 : 404, null, Map.of());
        }
        if ((m = match(FakeRestRouter.attributes(), path)) != null && method.equals("PATCH")) {
            return patchAttributes(m.group(1), m.group(2), body);
        }
        if ((m = match(FakeRestRouter.conversation(), path)) != null && method.equals("GET")) {
            String id = m.group(1);
            return org.conversation(id).map(c -> {
                synchronized (org) {
                    return Reply.json(200, ConversationEventBodies.restConversation(c));
                }
            }).orElseGet(() -> notFound("conversation " + id));
        }
        return error(404, "not.found", "No route for " + method + " " + path);
    }

    private static Reply notFound(String what) {
        return error(404, "not.found", "The requested " + what + " could not be found.");
    }

    private Reply page(List<String> ids, Map<String, String> query, int maxPageSize, Function<String, JsonNode> item) {
        int pageSize = Integer.parseInt(query.getOrDefault("pageSize", "25"));
        int pageNumber = Integer.parseInt(query.getOrDefault("pageNumber", "1"));
        if (pageSize < 1 || pageSize > maxPageSize || pageNumber < 1) {
            return error(400, "bad.request", "pageSize must be 1.." + maxPageSize + " and pageNumber >= 1");
        }
        int pageCount = (ids.size() + pageSize - 1) / pageSize;
        ObjectNode listing = JSON.createObjectNode();
        ArrayNode entities = listing.putArray("entities");
        ids.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).map(item).forEach(entities::add);
        listing.put("pageSize", pageSize);
        listing.put("pageNumber", pageNumber);
        listing.put("total", ids.size());
        listing.put("pageCount", pageCount);
        if (pageNumber < pageCount) {
            listing.put("nextUri", "?pageSize=" + pageSize + "&pageNumber=" + (pageNumber + 1));
        }
        return Reply.json(200, listing);
    }

    static ObjectNode user(String id, String name) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id);
        u.put("name", name);
        u.put("email", id + "@example.invalid");
        u.put("username", id + "@example.invalid");
        u.put("state", "active");
        u.put("selfUri", "/api/v2/users/" + id);
        return u;
    }

    private JsonNode groupMember(String id) {
        return user(id, org.agentName(id));
    }

    private JsonNode queueMember(String id) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id);
        m.put("name", org.agentName(id));
        m.set("user", user(id, org.agentName(id)));
        m.put("ringNumber", 1);
        m.put("joined", true);
        m.put("memberBy", "user");
        m.putObject("routingStatus").put("status", "IDLE");
        return m;
    }

    private Reply createChannel(String token) {
        Instant tokenExpiry = org.appTokenExpiry(token).orElseThrow();
        FakeChannel ch = channels.create(token, tokenExpiry);
        ObjectNode body = JSON.createObjectNode();
        body.put("connectUri", ch.connectUri);
        body.put("id", ch.id);
        body.put("expires", ch.expires.toString());
        return Reply.json(200, body);
    }

    private Reply listChannels(String token) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode entities = body.putArray("entities");
        for (FakeChannel ch : channels.liveChannels(token)) {
            entities.addObject().put("connectUri", ch.connectUri).put("id", ch.id).put("expires", ch.expires.toString());
        }
        return Reply.json(200, body);
    }

    private Reply subscriptions(String method, String channelId, Map<String, String> query, String body) {
        Optional<FakeChannel> ch = channels.live(channelId);
        if (ch.isEmpty()) {
            return notFound("channel " + channelId);
        }
        switch (method) {
            case "GET":
                return topicListing(channels.topics(ch.get()));
            case "DELETE":
                channels.clearTopics(ch.get());
                return new Reply(200, null, Map.of());
            case "PUT":
            case "POST":
                return subscribe(ch.get(), method.equals("POST"), body);
            default:
                return error(405, "method.not.allowed", method + " not allowed");
        }
    }

    private Reply subscribe(FakeChannel ch, boolean add, String body) {
        List<String> topics = new ArrayList<>();
        try {
            for (JsonNode t : JSON.readTree(body)) {
                topics.add(t.path("id").asText());
            }
        } catch (Exception e) {
            return error(400, "bad.request", "Body must be a JSON array of {\"id\":topic}");
        }
        if (!channels.subscribe(ch, topics, add)) {
            return error(400, "bad.request", "Only " + FakeChannels.MAX_TOPICS + " topics may be subscribed per channel.");
        }
        return topicListing(channels.topics(ch));
    }

    private Reply topicListing(List<String> topics) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode entities = body.putArray("entities");
        for (String t : topics) {
            ObjectNode e = entities.addObject().put("id", t);
            boolean known = t.startsWith("v2.users.") && t.endsWith(".conversations")
                    && org.isAgent(t.substring("v2.users.".length(), t.length() - ".conversations".length()));
            e.put("state", known ? "Permitted" : "Rejected");
            if (!known) {
                e.put("rejectionReason", "Unknown topic or user");
            }
        }
        return Reply.json(200, body);
    }

    private Reply patchAttributes(String conversationId, String participantId, String body) {
        if (org.conversation(conversationId).isEmpty()) {
            return notFound("conversation " + conversationId);
        }
        Map<String, String> attributes;
        try {
            JsonNode root = JSON.readTree(body);
            attributes = JSON.convertValue(root.get("attributes"), new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            attributes = null;
        }
        if (attributes == null) {
            return error(400, "bad.request", "Body must be {\"attributes\":{...}}");
        }
        org.recordWrite(new AttributeWrite(conversationId, participantId, attributes));
        return new Reply(202, null, Map.of());
    }
}
