package dev.voicegate.genesys.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.api.ConversationSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationParsingTest {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String ANN = "5d1fb056-6eae-49a7-9200-7e784f69d195";
    static final String BOB = "ab94a5df-24cc-42aa-8b78-3b96fa6f5a39";
    static final Instant NOW = Instant.parse("2026-03-01T10:03:00Z");

    static String resource(String name) throws IOException {
        try (InputStream in = ConversationParsingTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void agentWithAMissedLegAndAConnectedLegIsConnectedOnTheActiveLeg() throws Exception {
        var msg = (NotificationMessage.ConversationUpdate) NotificationMessage.parse(JSON, resource("multi-leg-transfer.json"));
        assertThat(msg.userId()).isEqualTo(ANN);
        ConversationSnapshot s = msg.snapshot();
        assertThat(s.connectedAgents()).containsExactly(ANN);
        ConversationEvent e = s.eventFor(ANN, NOW).orElseThrow();
        assertThat(e.kind()).isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
        assertThat(e.agentParticipantId()).isEqualTo("e2b6f7a0-9d41-4c3b-8e25-0f6a1b9c7d52");
        assertThat(e.conversationId()).isEqualTo("8f3a2c71-0b4e-4d2a-9a61-2f5c9e0d7b14");
        assertThat(e.customerParticipantId()).isEqualTo("c1e0a8b2-5f3d-4c7e-8a19-6b2d4e7f9a01");
        assertThat(e.customerAni()).isEqualTo("tel:+35315550123");
        assertThat(e.dnis()).isEqualTo("tel:+35315550999");
        assertThat(e.attributes()).containsEntry("accountId", "A-17");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-03-01T10:02:40.115Z"));
        assertThat(e.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void alertingAgentYieldsNoEventYet() throws Exception {
        var msg = (NotificationMessage.ConversationUpdate) NotificationMessage.parse(JSON, resource("multi-leg-transfer.json"));
        assertThat(msg.snapshot().agents()).containsExactly(ANN, BOB);
        assertThat(msg.snapshot().eventFor(BOB, NOW)).isEmpty();
        assertThat(msg.snapshot().events(NOW)).extracting(ConversationEvent::agentUserId).containsExactly(ANN);
    }

    @Test
    void transferredAwayAgentIsEndedAndTheNewAgentConnected() {
        String body = "{\"id\":\"c1\",\"participants\":["
                + "{\"id\":\"cust\",\"purpose\":\"customer\",\"address\":\"tel:+1\",\"calls\":[{\"state\":\"connected\"}]},"
                + "{\"id\":\"p-ann\",\"purpose\":\"agent\",\"userId\":\"ann\",\"endTime\":\"2026-03-01T10:05:00Z\","
                + "\"calls\":[{\"state\":\"disconnected\",\"disconnectType\":\"transfer\"}]},"
                + "{\"id\":\"p-bob\",\"purpose\":\"agent\",\"userId\":\"bob\",\"calls\":[{\"state\":\"connected\"}]}]}";
        ConversationSnapshot s = parse(body);
        assertThat(s.eventFor("ann", NOW).orElseThrow().kind()).isEqualTo(ConversationEvent.Kind.AGENT_ENDED);
        assertThat(s.eventFor("ann", NOW).orElseThrow().eventTime()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(s.eventFor("bob", NOW).orElseThrow().kind()).isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
    }

    @Test
    void participantEndTimeWinsOverAStaleConnectedCallState() {
        ConversationSnapshot s = parse("{\"id\":\"c1\",\"participants\":[{\"id\":\"p\",\"purpose\":\"agent\",\"userId\":\"ann\","
                + "\"endTime\":\"2026-03-01T10:05:00Z\",\"calls\":[{\"state\":\"connected\"}]}]}");
        assertThat(s.eventFor("ann", NOW).orElseThrow().kind()).isEqualTo(ConversationEvent.Kind.AGENT_ENDED);
    }

    @Test
    void restShapeWithAniAndDnisFieldsIsRead() {
        ConversationSnapshot s = parse("{\"id\":\"c1\",\"participants\":[{\"id\":\"cust\",\"purpose\":\"customer\","
                + "\"ani\":\"tel:+111\",\"dnis\":\"tel:+222\",\"address\":\"tel:+111\",\"calls\":[{\"state\":\"connected\"}]},"
                + "{\"id\":\"p\",\"purpose\":\"agent\",\"userId\":\"ann\",\"calls\":[{\"state\":\"connected\"}]}]}");
        assertThat(s.customerAni()).isEqualTo("tel:+111");
        assertThat(s.dnis()).isEqualTo("tel:+222");
    }

    @Test
    void nonAgentUsersAndQueueLegsAreNotAgents() {
        ConversationSnapshot s = parse("{\"id\":\"c1\",\"participants\":[{\"id\":\"q\",\"purpose\":\"acd\",\"userId\":\"x\","
                + "\"calls\":[{\"state\":\"connected\"}]},{\"id\":\"i\",\"purpose\":\"ivr\",\"calls\":[{\"state\":\"connected\"}]}]}");
        assertThat(s.agentLegs()).isEmpty();
        assertThat(s.customerParticipantId()).isNull();
    }

    @Test
    void malformedBodiesAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> NotificationMessage.parse(JSON, "not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON envelope");
        assertThatThrownBy(() -> NotificationMessage.parse(JSON,
                "{\"topicName\":\"v2.users.u.conversations\",\"eventBody\":{\"participants\":[]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing id");
        assertThatThrownBy(() -> NotificationMessage.parse(JSON,
                "{\"topicName\":\"v2.users.u.conversations\",\"eventBody\":{\"id\":\"c\",\"participants\":7}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable event body");
    }

    @Test
    void systemAndMetadataMessagesAreClassified() {
        assertThat(NotificationMessage.parse(JSON, "{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"WebSocket Heartbeat\"}}"))
                .isEqualTo(new NotificationMessage.Liveness("WebSocket Heartbeat"));
        assertThat(NotificationMessage.parse(JSON, "{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"pong\"}}"))
                .isEqualTo(new NotificationMessage.Liveness("pong"));
        assertThat(NotificationMessage.parse(JSON, "{\"topicName\":\"v2.system.socket_closing\",\"eventBody\":{}}"))
                .isInstanceOf(NotificationMessage.SocketClosing.class);
        assertThat(NotificationMessage.parse(JSON, "{\"topicName\":\"v2.system.no_longer_subscribed.streaming-1-a\","
                + "\"eventBody\":{\"systemTopicType\":\"no_longer_subscribed\"}}"))
                .isEqualTo(new NotificationMessage.ChannelLost("no_longer_subscribed"));
        assertThat(NotificationMessage.parse(JSON, "{\"result\":\"404\",\"status\":\"failure\",\"message\":\"gone\"}"))
                .isInstanceOf(NotificationMessage.ChannelLost.class);
        assertThat(NotificationMessage.parse(JSON, "{\"topicName\":\"v2.users.u.presence\",\"eventBody\":{}}"))
                .isEqualTo(new NotificationMessage.Other("v2.users.u.presence"));
    }

    static ConversationSnapshot parse(String body) {
        try {
            return ConversationParser.parse(JSON.readValue(body, Dtos.Conversation.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
