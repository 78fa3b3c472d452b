/**
 * The GMM-supervector voiceprint model: UBM, Baum-Welch statistics, projection, calibration,
 * template codec and their training. Internal: never imported from another module.
 */
package dev.voicegate.biometrics.internal.model;
