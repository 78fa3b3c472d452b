package dev.voicegate.notifier.api;

/**
 * The answer to an {@link AgentCommand}, shown to the agent.
 *
 * @param accepted whether the command was accepted
 * @param reason   for a refusal, a short human-readable reason (no PII: it is audited and logged);
 *                 for an acceptance, an optional note or null
 */
public record CommandOutcome(boolean accepted, String reason) {

    public CommandOutcome {
        if (!accepted && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("reason: '" + reason + "' (expected: non-blank for a refusal)");
        }
    }

    /** Accepted with no note. */
    public static CommandOutcome ok() {
        return new CommandOutcome(true, null);
    }

    /** Accepted, with a short note for the agent (no PII). */
    public static CommandOutcome ok(String note) {
        return new CommandOutcome(true, note);
    }

    /** Refused, with the reason the agent will read. */
    public static CommandOutcome refused(String reason) {
        return new CommandOutcome(false, reason);
    }
}
