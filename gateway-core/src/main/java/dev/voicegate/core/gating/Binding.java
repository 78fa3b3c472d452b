package dev.voicegate.core.gating;

import dev.voicegate.audiohook.api.AudioHookSession;

/**
 * A stream bound to a monitored agent's conversation: audio may flow for it.
 *
 * @param session the AudioHook session
 * @param agentUserId the bound agent
 * @param event the event that bound it (claimed-identity sources: ANI, attributes)
 */
public record Binding(AudioHookSession session, String agentUserId, AgentConversationEvent event) {
    public String conversationId() {
        return event.conversationId();
    }
}
