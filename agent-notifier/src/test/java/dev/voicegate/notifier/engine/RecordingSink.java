package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.protocol.Outbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client that records what it is sent. */
final class RecordingSink implements ClientSink {
    final AgentPrincipal principal;
    final List<Outbound> received = new CopyOnWriteArrayList<>();

    RecordingSink(AgentPrincipal principal) {
        this.principal = principal;
    }

    @Override
    public AgentPrincipal principal() {
        return principal;
    }

    @Override
    public void deliver(Outbound message) {
        received.add(message);
    }

    List<Outbound.Kind> kinds() {
        return received.stream().map(Outbound::kind).toList();
    }
}
