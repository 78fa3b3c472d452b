/**
 * Public API of the Genesys Cloud client for other modules: {@link dev.voicegate.genesys.api.GenesysClient}
 * (async REST: directory members, conversations, participant attributes, users/me) and its
 * {@link dev.voicegate.genesys.api.NotificationService} (channels, subscriptions, typed
 * {@link dev.voicegate.genesys.api.ConversationEvent}s, health). Knows nothing about gating.
 * Wire facts: {@code shared/docs/genesys-api.md}.
 */
package dev.voicegate.genesys.api;
