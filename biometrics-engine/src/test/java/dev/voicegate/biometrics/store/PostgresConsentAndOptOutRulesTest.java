package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link ConsentAndOptOutRulesContract} on PostgreSQL. */
class PostgresConsentAndOptOutRulesTest extends ConsentAndOptOutRulesContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.postgres("consent");
    }
}
