/**
 * The networked {@link dev.voicegate.biometrics.store.VoiceprintStore} on PostgreSQL
 * ({@code biometrics.store: postgres}), for several gateway instances sharing one store. Only
 * {@link dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore} is public.
 */
package dev.voicegate.biometrics.store.postgres;
