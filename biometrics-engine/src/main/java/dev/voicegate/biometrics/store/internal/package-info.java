/**
 * Store internals (record cipher, connection pools, schema migrator, JDBC helpers, meters). Never
 * imported from another module.
 */
package dev.voicegate.biometrics.store.internal;
