package dev.voicegate.biometrics.store;

/**
 * What a store tells the holder of an in-memory copy of its voiceprints and blocklists (the engine's 1:N and
 * blocklist indexes) when another process may have changed them. A store shared by several gateway instances
 * (PostgreSQL) announces every committed write that touches those indexes; the embedded store has no other
 * writer and announces nothing ({@link VoiceprintStore#followChanges}).
 *
 * <p>A notice names <em>what</em> changed, never the new content and never a clear biokey: the receiver re-reads
 * the current state from the store, so notices may be repeated, reordered or coalesced without harm, and a
 * receiver's own writes come back to it as well. Calls arrive one at a time on the store's listener thread (never
 * an event loop) and may block on the store.
 */
public interface IndexChanges {

    /**
     * The voiceprint of the biokey with this keyed pseudonym ({@link VoiceprintStore#pseudonym}) was written or
     * deleted (enrollment, opt-out, erasure, retention): re-read it with {@link VoiceprintStore#voiceprintOf}.
     */
    void voiceprintChanged(String pseudonym);

    /** An entry of blocklist {@code listId} was added or removed, or the list was created or deleted. */
    void blocklistChanged(String listId);

    /**
     * Notices may have been missed (the listener's connection was lost and is back, or a burst overflowed its
     * bounded buffer): rebuild everything from the store.
     */
    void reloadAll();
}
