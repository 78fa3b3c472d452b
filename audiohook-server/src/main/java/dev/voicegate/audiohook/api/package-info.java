/**
 * What other modules use from the AudioHook server (architecture.md §3).
 *
 * <p>The application implements {@link dev.voicegate.audiohook.api.AudioHookListener}: it decides at
 * {@code open} (resume, start paused, reject), receives decoded audio as
 * {@link dev.voicegate.audiohook.api.AudioChunk}s, and hears about pause, resume and the end of each
 * session once. It steers a session through {@link dev.voicegate.audiohook.api.AudioHookSession}
 * ({@code pause}, {@code resume}, {@code disconnect}, {@code sendEvent}); those calls are thread-safe.
 * Callbacks run on the session's event loop and must not block.
 *
 * <p>Start a server with {@code dev.voicegate.audiohook.netty.AudioHookServer.builder()}. Protocol
 * facts: {@code audiohook-protocol.md} (fact sheet), sections cited on each type.
 */
package dev.voicegate.audiohook.api;
