package dev.voicegate.core.genesys;

import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.ConversationLookup;
import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.DirectoryMember;
import dev.voicegate.genesys.api.GenesysClient;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Adapts {@link GenesysClient} to the ports core's gating and directory are written against. */
public final class GenesysAdapters {
    private GenesysAdapters() {
    }

    /** Group and queue members (all pages) as directory members. */
    public static MemberSource memberSource(GenesysClient client) {
        return new MemberSource() {
            @Override
            public CompletionStage<List<Member>> groupMembers(String groupId) {
                return client.groupMembers(groupId).thenApply(GenesysAdapters::members);
            }

            @Override
            public CompletionStage<List<Member>> queueMembers(String queueId) {
                return client.queueMembers(queueId).thenApply(GenesysAdapters::members);
            }
        };
    }

    /** {@code GET /api/v2/conversations/{id}} as "which agent is connected now". */
    public static ConversationLookup conversationLookup(GenesysClient client, Clock clock) {
        return conversationId -> client.conversation(conversationId)
                .thenApply(snapshot -> snapshot.flatMap(s -> firstConnected(s, clock)));
    }

    private static Optional<AgentConversationEvent> firstConnected(ConversationSnapshot s, Clock clock) {
        return s.events(clock.instant()).stream()
                .filter(e -> e.kind() == ConversationEvent.Kind.AGENT_CONNECTED)
                .findFirst()
                .map(GenesysAdapters::toCore);
    }

    /** A typed Genesys event in core's terms. */
    public static AgentConversationEvent toCore(ConversationEvent e) {
        return new AgentConversationEvent(e.conversationId(), e.agentUserId(), e.kind() == ConversationEvent.Kind.AGENT_CONNECTED,
                e.customerParticipantId(), e.customerAni(), e.attributes(), e.eventTime(), e.receivedAt());
    }

    private static List<MemberSource.Member> members(List<DirectoryMember> list) {
        return list.stream().map(m -> new MemberSource.Member(m.userId(), m.name())).toList();
    }
}
