package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link KeyRotationContract} on PostgreSQL. */
class PostgresKeyRotationTest extends KeyRotationContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.postgres("rotation");
    }
}
