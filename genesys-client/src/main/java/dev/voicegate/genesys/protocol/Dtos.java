package dev.voicegate.genesys.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Jackson records for the parts of the Genesys Cloud wire format this client reads (fact sheet
 * §1–§5). Unknown fields are ignored; absent fields are null.
 */
public final class Dtos {

    private Dtos() {
    }

    /** {@code POST /oauth/token} answer (§1). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") Long expiresIn) {
    }

    /** The paging envelope of entity listings (§2). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EntityListing<T>(List<T> entities, Integer pageSize, Integer pageNumber, Integer total,
                                   Integer pageCount, String nextUri) {
    }

    /** A user (group member, {@code users/me}, or inside a queue member). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String id, String name, String email, String state) {
    }

    /** A queue member ({@code id} = user id). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QueueMember(String id, String name, User user, Boolean joined, String memberBy) {
    }

    /** {@code POST /api/v2/notifications/channels} answer (§3a). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Channel(String id, String connectUri, String expires) {
    }

    /** One subscribed topic and whether Genesys permitted it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChannelTopic(String id, String state, String rejectionReason, List<String> missingPermissions) {
    }

    /** The error body of API failures (§5). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorBody(String message, String code, Integer status, String contextId,
                            String error, String description,
                            @JsonProperty("error_description") String errorDescription) {
    }

    /** Conversation: the REST {@code Conversation} and the event body of {@code v2.users.{id}.conversations} (§4). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Conversation(String id, List<Participant> participants) {
    }

    /** A conversation participant (§4; both REST and event shapes). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Participant(String id, String purpose, String userId, String address, String ani, String dnis,
                              String connectedTime, String endTime, Map<String, String> attributes,
                              List<Call> calls) {
    }

    /** A call communication of a participant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Call(String id, String state, String connectedTime, String disconnectedTime,
                       String disconnectType, Address self, Address other) {
    }

    /** A call endpoint address. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String addressNormalized, String addressRaw) {
    }

    /** The notification WebSocket envelope (§3c); {@code result} is set on WS-level replies (404). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Envelope(String topicName, String version, JsonNode eventBody, String result, String message) {
    }
}
