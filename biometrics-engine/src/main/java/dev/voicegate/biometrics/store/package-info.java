/**
 * The voiceprint store SPI (issue 4 §4, architecture §6): {@link dev.voicegate.biometrics.store.VoiceprintStore}
 * and its records and exceptions. Everything biometric kept about a person — templates, consent,
 * opt-outs, replay fingerprints, blocklist entries, audit trail — and the rules around it (consent
 * before enrollment, opt-out is permanent, erasure leaves only a tombstone).
 *
 * <p>The embedded default is {@link dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore},
 * configured by {@link dev.voicegate.biometrics.store.config.StoreConfig}. A networked store
 * (PostgreSQL) would be another implementation of the same interface; {@code forEachVoiceprint}
 * plus {@code putAll} move data between the two.
 *
 * <p>All methods block: call them from a bounded worker executor, never from a Netty event loop.
 */
package dev.voicegate.biometrics.store;
