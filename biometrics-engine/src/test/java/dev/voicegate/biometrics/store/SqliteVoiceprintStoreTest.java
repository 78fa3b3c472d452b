package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link VoiceprintStoreContract} on the embedded SQLite store. */
class SqliteVoiceprintStoreTest extends VoiceprintStoreContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.sqlite(dataDir);
    }
}
