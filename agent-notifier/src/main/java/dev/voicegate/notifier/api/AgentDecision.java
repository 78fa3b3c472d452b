package dev.voicegate.notifier.api;

/** The agent's own recorded decision on the caller's identity (absent = no decision yet). */
public enum AgentDecision { CONFIRMED, REJECTED }
