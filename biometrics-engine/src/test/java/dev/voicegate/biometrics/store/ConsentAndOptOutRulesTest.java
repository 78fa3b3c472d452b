package dev.voicegate.biometrics.store;

import java.nio.file.Path;

/** {@link ConsentAndOptOutRulesContract} on the embedded SQLite store. */
class ConsentAndOptOutRulesTest extends ConsentAndOptOutRulesContract {

    @Override
    StoreBackend backend(Path dataDir) {
        return StoreBackend.sqlite(dataDir);
    }
}
