/**
 * The operations layer of the engine: streaming analyses, enrollment, 1:1, 1:N, blocklists,
 * speaker change and replay detection over the {@link dev.voicegate.biometrics.store.VoiceprintStore}.
 * No Netty imports; blocking work runs on the engine's bounded executor.
 */
package dev.voicegate.biometrics.engine;
