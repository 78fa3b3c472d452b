/**
 * Validated, immutable configuration records of the Genesys client; invalid values fail with
 * messages that name the key, the value and what was expected.
 */
package dev.voicegate.genesys.config;
