package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;

/**
 * The authorisation rules for commands:
 * <ol>
 *   <li>the sender must be the bound agent of the command's conversation (a supervisor too: the
 *       role widens what a bound agent may do, not which calls they see);</li>
 *   <li>supervisor-only commands (REPORT_FRAUD) need {@link Role#SUPERVISOR}.</li>
 * </ol>
 * An unbound conversation and another agent's conversation get the same refusal, so a client cannot
 * probe which conversations exist. Thread-safe.
 */
public final class Authorizer {

    /** The refusal for a conversation the sender is not bound to (deliberately uninformative). */
    public static final String NOT_YOUR_CONVERSATION = "no such conversation for this agent";

    private final BindingLookup bindings;

    public Authorizer(BindingLookup bindings) {
        this.bindings = bindings;
    }

    /** Null when allowed, else the refusal reason. */
    public String refusal(AgentPrincipal who, AgentCommand cmd) {
        if (!who.userId().equals(bindings.boundAgentOf(cmd.conversationId()))) {
            return NOT_YOUR_CONVERSATION;
        }
        if (cmd.type().supervisorOnly() && !who.has(Role.SUPERVISOR)) {
            return cmd.type() + " requires the SUPERVISOR role";
        }
        return null;
    }
}
