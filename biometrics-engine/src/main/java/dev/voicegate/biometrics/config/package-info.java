/**
 * Configuration records of the biometrics engine, validated in their compact constructors
 * (invalid values fail at start-up with a message naming the key, the value and what was expected).
 */
package dev.voicegate.biometrics.config;
