/**
 * The tables, SQL and per-person rules shared by the SQLite and PostgreSQL voiceprint stores
 * ({@link dev.voicegate.biometrics.store.jdbc.JdbcVoiceprintStore}); the SQL is the subset both
 * dialects run unchanged (upserts with {@code ON CONFLICT}, {@code LIMIT ?}, a {@code rowid} column).
 */
package dev.voicegate.biometrics.store.jdbc;
