package dev.voicegate.notifier.api;

import java.util.concurrent.CompletionStage;

/**
 * SPI implemented by gateway-core: receives commands that passed validation and authorisation.
 *
 * <p>Called on a Netty event loop: must not block. Complete the stage from any thread. A stage
 * failed with an exception is answered to the agent as "refused: internal error" and counted as
 * {@code outcome=failed}. Each {@code (user, requestId)} reaches the listener at most once; repeats
 * are answered from the first outcome.
 */
@FunctionalInterface
public interface AgentCommandListener {

    /**
     * Handles one command.
     *
     * @param who the authenticated sender (already checked to be the bound agent)
     * @param cmd the command
     * @return the outcome to send back to the agent
     */
    CompletionStage<CommandOutcome> onCommand(AgentPrincipal who, AgentCommand cmd);
}
