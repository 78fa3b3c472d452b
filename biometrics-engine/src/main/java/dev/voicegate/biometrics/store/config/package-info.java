/**
 * Configuration records of the voiceprint store, validated at construction
 * ({@code biometrics.dataDir}, {@code biometrics.store.*}).
 */
package dev.voicegate.biometrics.store.config;
