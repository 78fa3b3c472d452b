package dev.voicegate.notifier.api;

/** The commands an agent can send from the agent app (wire names are the constant names). */
public enum CommandType {
    /** Start another VERIFY transaction against the claimed identity. */
    VERIFY_AGAIN(false),
    /** Start an IDENTIFY (1:N search) transaction. */
    IDENTIFY(false),
    /** Enroll the caller; refused unless the command carries {@code consent: true}. */
    ENROLL(false),
    /** The caller opts out: their voiceprint is deleted and never enrolled again. */
    OPT_OUT(false),
    /** The agent confirms the caller's identity by other means. */
    CONFIRM_IDENTITY(false),
    /** The agent rejects the caller's claimed identity. */
    REJECT_IDENTITY(false),
    /** Add the caller's voice to a blocklist; supervisors only. */
    REPORT_FRAUD(true),
    /** Set or correct the claimed identity (biokey); requires {@code claimedId}. */
    SET_CLAIMED_ID(false);

    private final boolean supervisorOnly;

    CommandType(boolean supervisorOnly) {
        this.supervisorOnly = supervisorOnly;
    }

    /** Whether only a {@link Role#SUPERVISOR} may send this command. */
    public boolean supervisorOnly() {
        return supervisorOnly;
    }
}
