package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link KeyRotationContract} on the embedded SQLite store. */
class KeyRotationTest extends KeyRotationContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.sqlite(dataDir);
    }
}
