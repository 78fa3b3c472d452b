package dev.voicegate.notifier.api;

/** What kind of claimed identity (biokey) a conversation carries. */
public enum BiokeyKind {
    /** An E.164 phone number (the ANI): always masked before it leaves the gateway. */
    PHONE,
    /** A customer id, e.g. collected by the IVR. */
    CUSTOMER_ID,
    /** An account number. */
    ACCOUNT,
    /** Entered by the agent in the app. */
    AGENT_ENTERED
}
