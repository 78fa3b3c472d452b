package dev.voicegate.core.genesys;

import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.ConversationLookup;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.api.GenesysClient;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** {@link OrgPorts} over the real Genesys Cloud client. */
public final class GenesysOrgPorts implements OrgPorts {
    private final GenesysClient client;
    private final Clock clock;

    public GenesysOrgPorts(GenesysClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public MemberSource members() {
        return GenesysAdapters.memberSource(client);
    }

    @Override
    public ConversationLookup lookup() {
        return GenesysAdapters.conversationLookup(client, clock);
    }

    @Override
    public void onEvents(Consumer<AgentConversationEvent> listener) {
        client.notifications().addEventListener(e -> listener.accept(GenesysAdapters.toCore(e)));
    }

    @Override
    public void onHealth(Consumer<Boolean> listener) {
        client.notifications().addHealthListener((healthy, reason) -> listener.accept(healthy));
    }

    @Override
    public boolean healthy() {
        return client.notifications().healthy();
    }

    @Override
    public void setMonitoredAgents(Set<String> userIds) {
        client.notifications().setMonitoredAgents(userIds);
    }

    @Override
    public void start() {
        client.notifications().start();
    }

    @Override
    public CompletionStage<Void> writeAttributes(String conversationId, String participantId, Map<String, String> attributes) {
        return client.updateParticipantAttributes(conversationId, participantId, attributes);
    }

    @Override
    public CompletionStage<OrgUser> userForToken(String bearerToken) {
        return client.userForToken(bearerToken).handle((u, failure) -> {
            if (failure == null) {
                return new OrgUser(u.id(), u.name());
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof GenesysApiException api && api.status() == 401) {
                throw new InvalidUserTokenException("Genesys refused the user token (401)");
            }
            throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
