package dev.voicegate.notifier.api;

/**
 * {@code BioDecision}: the call's identity decision after the decision policy (gateway-core
 * {@code DecisionPolicy}, docs/decision-policy.md) — the field an IVR flow branches on to let a caller
 * through. {@code BioResult} says what the voice comparison supports once vetoes are applied; this says
 * what was decided.
 */
public enum BioDecision {
    /** A verify reached TRUE_MEDIUM or TRUE_HIGH and nothing vetoes it. */
    AUTHENTICATED,
    /** No verify reached the authentication level (none yet, too little speech, or a negative result); no veto. */
    NOT_AUTHENTICATED,
    /** A spoof suspicion, a blocklist match or a speaker change was seen on the call: never authenticated by voice. */
    VETOED,
    /** The agent confirmed the identity by other means (final for the call, audited). */
    AGENT_CONFIRMED,
    /** The agent rejected the identity (final for the call, audited). */
    AGENT_REJECTED
}
