package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.store.IndexChanges;

/** Applies a shared store's change notices to the engine's indexes (on the store's listener thread). */
final class IndexFollower implements IndexChanges {

    private final DefaultVoiceprintEngine engine;

    IndexFollower(DefaultVoiceprintEngine engine) {
        this.engine = engine;
    }

    @Override
    public void voiceprintChanged(String pseudonym) {
        engine.refreshVoiceprint(pseudonym);
    }

    @Override
    public void blocklistChanged(String listId) {
        engine.refreshBlocklist(listId);
    }

    @Override
    public void reloadAll() {
        engine.reloadIndexes();
    }
}
