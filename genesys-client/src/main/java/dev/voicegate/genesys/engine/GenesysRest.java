package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.DirectoryMember;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.api.GenesysException;
import dev.voicegate.genesys.api.GenesysUser;
import dev.voicegate.genesys.engine.RestExecutor.RestCall;
import dev.voicegate.genesys.internal.HttpTransport;
import dev.voicegate.genesys.protocol.ConversationParser;
import dev.voicegate.genesys.protocol.Dtos;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Typed Genesys REST endpoints (fact sheet §2, §3a, §4) over a {@link RestExecutor}. Thread-safe.
 */
public final class GenesysRest {

    /** Page size for member listings (queue members allow at most 100). */
    static final int PAGE_SIZE = 100;
    /** Safety bound on pages per listing (100,000 members). */
    static final int MAX_PAGES = 1000;

    private static final TypeReference<Dtos.EntityListing<Dtos.User>> USERS = new TypeReference<>() { };
    private static final TypeReference<Dtos.EntityListing<Dtos.QueueMember>> QUEUE_MEMBERS = new TypeReference<>() { };
    private static final TypeReference<Dtos.EntityListing<Dtos.ChannelTopic>> TOPICS = new TypeReference<>() { };

    private final RestExecutor rest;
    private final ObjectMapper json;

    public GenesysRest(RestExecutor rest, ObjectMapper json) {
        this.rest = rest;
        this.json = json;
    }

    /** All members of a group: {@code GET /api/v2/groups/{id}/members}, every page. */
    public CompletableFuture<List<DirectoryMember>> groupMembers(String groupId) {
        String base = "/api/v2/groups/" + segment("groupId", groupId) + "/members";
        return pages(base, USERS, u -> new DirectoryMember(u.id(), u.name(), u.email()));
    }

    /** All members of a queue: {@code GET /api/v2/routing/queues/{id}/members}, every page. */
    public CompletableFuture<List<DirectoryMember>> queueMembers(String queueId) {
        String base = "/api/v2/routing/queues/" + segment("queueId", queueId) + "/members";
        return pages(base, QUEUE_MEMBERS, m -> {
            String id = m.user() != null && m.user().id() != null ? m.user().id() : m.id();
            return new DirectoryMember(id, m.name(), m.user() == null ? null : m.user().email());
        });
    }

    private <T> CompletableFuture<List<DirectoryMember>> pages(String base, TypeReference<Dtos.EntityListing<T>> type,
                                                               Function<T, DirectoryMember> map) {
        List<DirectoryMember> out = new ArrayList<>();
        return page(base, 1, type, map, out).thenApply(v -> List.copyOf(out));
    }

    private <T> CompletableFuture<Void> page(String base, int number, TypeReference<Dtos.EntityListing<T>> type,
                                             Function<T, DirectoryMember> map, List<DirectoryMember> out) {
        String path = base + "?pageSize=" + PAGE_SIZE + "&pageNumber=" + number;
        return rest.call(new RestCall("GET", path, null, null)).thenCompose(res -> {
            Dtos.EntityListing<T> listing = read(res, type, "GET " + base);
            if (listing.entities() != null) {
                listing.entities().stream().filter(e -> e != null).map(map)
                        .filter(m -> m.userId() != null).forEach(out::add);
            }
            int pageCount = listing.pageCount() == null ? 0 : listing.pageCount();
            boolean more = number < pageCount || (listing.pageCount() == null && listing.nextUri() != null);
            if (!more) {
                return CompletableFuture.completedFuture(null);
            }
            if (number >= MAX_PAGES) {
                throw new GenesysException("GET " + base + ": more than " + MAX_PAGES + " pages");
            }
            return page(base, number + 1, type, map, out);
        });
    }

    /** {@code GET /api/v2/conversations/{id}}; empty on 404. */
    public CompletableFuture<Optional<ConversationSnapshot>> conversation(String conversationId) {
        String path = "/api/v2/conversations/" + segment("conversationId", conversationId);
        return rest.call(new RestCall("GET", path, null, null))
                .thenApply(res -> Optional.of(ConversationParser.parse(read(res, Dtos.Conversation.class, "GET " + path))))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof GenesysApiException g && g.status() == 404) {
                        return Optional.empty();
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(cause);
                });
    }

    /** {@code PATCH /api/v2/conversations/{c}/participants/{p}/attributes} with {@code {"attributes":{…}}}. */
    public CompletableFuture<Void> updateParticipantAttributes(String conversationId, String participantId,
                                                               Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            throw new IllegalArgumentException("attributes: " + attributes + " (expected: at least one entry)");
        }
        String path = "/api/v2/conversations/" + segment("conversationId", conversationId) + "/participants/"
                + segment("participantId", participantId) + "/attributes";
        String body = write(Map.of("attributes", attributes));
        return rest.call(new RestCall("PATCH", path, body, null)).thenApply(res -> null);
    }

    /** {@code GET /api/v2/users/me} with a user's own bearer token (no 401 retry: it is not ours to renew). */
    public CompletableFuture<GenesysUser> userForToken(String userBearerToken) {
        if (userBearerToken == null || userBearerToken.isBlank()) {
            throw new IllegalArgumentException("userBearerToken: <blank> (expected: a Genesys user access token)");
        }
        return rest.call(new RestCall("GET", "/api/v2/users/me", null, userBearerToken)).thenApply(res -> {
            Dtos.User u = read(res, Dtos.User.class, "GET /api/v2/users/me");
            if (u.id() == null) {
                throw new GenesysException("GET /api/v2/users/me: answer has no id");
            }
            return new GenesysUser(u.id(), u.name(), u.email());
        });
    }

    /** {@code POST /api/v2/notifications/channels}, in the channel-management lane. */
    public CompletableFuture<Dtos.Channel> createChannel() {
        return rest.call(new RestCall("POST", "/api/v2/notifications/channels", null, null,
                RestExecutor.Lane.CONTROL)).thenApply(res -> {
            Dtos.Channel ch = read(res, Dtos.Channel.class, "POST /api/v2/notifications/channels");
            if (ch.id() == null || ch.connectUri() == null) {
                throw new GenesysException("POST /api/v2/notifications/channels: answer lacks id or connectUri");
            }
            return ch;
        });
    }

    /** {@code PUT …/channels/{id}/subscriptions}: replaces the channel's whole topic set (channel-management lane). */
    public CompletableFuture<List<Dtos.ChannelTopic>> putSubscriptions(String channelId, Collection<String> topics) {
        String path = "/api/v2/notifications/channels/" + segment("channelId", channelId) + "/subscriptions";
        List<Map<String, String>> body = topics.stream().map(t -> Map.of("id", t)).toList();
        return rest.call(new RestCall("PUT", path + "?ignoreErrors=false", write(body), null,
                RestExecutor.Lane.CONTROL)).thenApply(res -> {
            Dtos.EntityListing<Dtos.ChannelTopic> listing = read(res, TOPICS, "PUT " + path);
            return listing.entities() == null ? List.of() : listing.entities();
        });
    }

    private static String segment(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: non-blank id)");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T read(HttpTransport.Result res, Class<T> type, String what) {
        try {
            return json.readValue(res.body(), type);
        } catch (Exception e) {
            throw new GenesysException(what + ": unreadable answer (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private <T> T read(HttpTransport.Result res, TypeReference<T> type, String what) {
        try {
            return json.readValue(res.body(), type);
        } catch (Exception e) {
            throw new GenesysException(what + ": unreadable answer (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }
}
