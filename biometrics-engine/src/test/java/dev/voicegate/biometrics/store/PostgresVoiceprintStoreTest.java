package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link VoiceprintStoreContract} on PostgreSQL (a fresh database per test on a throwaway server). */
class PostgresVoiceprintStoreTest extends VoiceprintStoreContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.postgres("contract");
    }
}
