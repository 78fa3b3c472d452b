/**
 * The embedded {@link dev.voicegate.biometrics.store.VoiceprintStore}: one SQLite file in WAL mode,
 * {@code synchronous=FULL}, {@code secure_delete=ON}, a single pooled writer and a small reader pool,
 * versioned schema migrations from {@code db/migration}; tables and rules from
 * {@link dev.voicegate.biometrics.store.jdbc.JdbcVoiceprintStore}. Only
 * {@link dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore} is public.
 */
package dev.voicegate.biometrics.store.sqlite;
