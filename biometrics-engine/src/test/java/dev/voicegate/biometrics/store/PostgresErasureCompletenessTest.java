package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link ErasureCompletenessContract} on PostgreSQL. */
class PostgresErasureCompletenessTest extends ErasureCompletenessContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.postgres("erasure");
    }
}
