package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.protocol.Outbound;

/**
 * One connected agent-app client as the hub sees it (implemented by the Netty socket handler and
 * by test fakes). {@link #deliver} must not block: it queues and schedules a flush.
 */
public interface ClientSink {

    /** Who is connected. */
    AgentPrincipal principal();

    /** Queues a message; a client that cannot keep up closes itself (never buffers without bound). */
    void deliver(Outbound message);
}
