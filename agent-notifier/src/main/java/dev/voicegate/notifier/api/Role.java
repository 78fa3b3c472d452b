package dev.voicegate.notifier.api;

/** What an authenticated agent-app user may do beyond seeing their own conversations. */
public enum Role {
    /** Sees and commands only the conversations where they are the bound agent. */
    AGENT,
    /** Additionally may act on blocklists ({@link CommandType#REPORT_FRAUD}). */
    SUPERVISOR
}
