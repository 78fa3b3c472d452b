package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.DirectoryMember;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.api.GenesysUser;
import dev.voicegate.testing.genesys.AttributeWrite;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** REST calls over real sockets against the fake. */
class GenesysRestIT {

    private FakeGenesysHarness h;

    @BeforeEach
    void start() {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder(), FakeGenesysHarness.fastLiveness());
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void groupAndQueueMembersArriveCompleteAcrossPages() {
        for (int i = 0; i < 250; i++) {
            String id = h.fake.addAgent("Agent " + i);
            h.fake.addGroupMember("g", id);
            if (i % 2 == 0) {
                h.fake.addQueueMember("q", id);
            }
        }
        List<DirectoryMember> group = h.client.groupMembers("g").join();
        assertThat(group).hasSize(250).doesNotHaveDuplicates();
        assertThat(h.client.queueMembers("q").join()).hasSize(125);
        assertThat(h.fake.requestCount("GET", "/api/v2/groups/g/members")).isEqualTo(3);
        assertThat(h.fake.appTokensIssued()).isEqualTo(1);
    }

    @Test
    void conversationSnapshotShowsTheConnectedAgentAndAttributesAreWritten() {
        String ann = h.fake.addAgent("Ann");
        String conv = h.fake.startCall(ann, "tel:+35315550123", "tel:+35315550999");
        ConversationSnapshot s = h.client.conversation(conv).join().orElseThrow();
        assertThat(s.connectedAgents()).containsExactly(ann);
        assertThat(s.customerAni()).isEqualTo("tel:+35315550123");
        h.client.updateParticipantAttributes(conv, s.customerParticipantId(), Map.of("vg.result", "verified")).join();
        assertThat(h.fake.attributeWrites()).containsExactly(
                new AttributeWrite(conv, s.customerParticipantId(), Map.of("vg.result", "verified")));
        assertThat(h.client.conversation("00000000-0000-0000-0000-000000000000").join()).isEmpty();
    }

    @Test
    void usersMeNamesTheTokensOwnerAndRejectsUnknownTokens() {
        String ann = h.fake.addAgent("Ann");
        String token = h.fake.addUserToken(ann);
        assertThat(h.client.userForToken(token).join()).isEqualTo(new GenesysUser(ann, "Ann", ann + "@example.invalid"));
        assertThatThrownBy(() -> h.client.userForToken("forged").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(GenesysApiException.class).hasMessageContaining("HTTP 401");
    }

    @Test
    void transientFaultsAreRetriedAndExpiredTokensRenewed() {
        String ann = h.fake.addAgent("Ann");
        h.fake.addGroupMember("g", ann);
        h.fake.failNext("GET", "/api/v2/groups/.*", 503, 2);
        assertThat(h.client.groupMembers("g").join()).extracting(DirectoryMember::userId).containsExactly(ann);
        h.fake.revokeTokens();
        assertThat(h.client.groupMembers("g").join()).hasSize(1);
        assertThat(h.fake.appTokensIssued()).isEqualTo(2);
        h.fake.rateLimitNext("GET", "/api/v2/groups/.*", 1, 1);
        assertThat(h.client.groupMembers("g").join()).hasSize(1);
    }

    @Test
    void slowAnswersBeyondTheTimeoutFailAfterBoundedAttempts() {
        h.close();
        h = new FakeGenesysHarness(FakeGenesysCloud.builder(), FakeGenesysHarness.fastLiveness(), Duration.ofMillis(300));
        h.fake.addGroupMember("g", h.fake.addAgent("Ann"));
        h.client.groupMembers("g").join(); // warm-up: token and connection
        h.fake.delayNext("GET", "/api/v2/groups/.*", Duration.ofSeconds(2), 4);
        assertThatThrownBy(() -> h.client.groupMembers("g").join())
                .hasMessageContaining("no response (HttpTimeoutException: ").hasMessageContaining(") after 4 attempts");
    }
}
