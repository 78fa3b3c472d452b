package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Child-process main for {@link StoreCrashConsistencyTest}; runs until it is killed.
 *
 * <ul>
 *   <li>{@code enroll DIR}: enrolls in a tight loop (read the current voiceprint, put an updated one,
 *       add a fingerprint) and prints {@code progress <n>} after each committed put. Counters follow
 *       a fixed rule (net speech = 10 s per enrolled call) that the parent checks after the kill.</li>
 *   <li>{@code rotate DIR}: re-encrypts everything under k2, then k1, then k2, ... and prints
 *       {@code progress <n>} after each complete rotation, so a kill lands inside one.</li>
 * </ul>
 */
public final class CrashChild {

    static final int BIOKEYS = 5;
    static final double SECONDS_PER_CALL = 10.0;

    private CrashChild() {
    }

    /** The config both processes use: keys k1 and k2, {@code active} for new writes. */
    static StoreConfig config(Path dir, String active) {
        return new StoreConfig(dir, StoreFixtures.keys("k1", "k2"), active, 3, 2, StoreFixtures.PSEUDONYM_KEY);
    }

    public static void main(String[] args) {
        boolean rotate = args[0].equals("rotate");
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(config(Path.of(args[1]), "k1"),
                Clock.systemUTC())) {
            for (long i = 0; ; i++) {
                if (rotate) {
                    store.reencryptAll(i % 2 == 0 ? "k2" : "k1");
                } else {
                    enrollOnce(store, i);
                }
                System.out.println("progress " + (i + 1));
                System.out.flush();
            }
        }
    }

    private static void enrollOnce(SqliteVoiceprintStore store, long i) {
        String biokey = "crash-" + (i % BIOKEYS);
        if (store.consent(biokey).isEmpty()) {
            store.recordConsent(biokey, StoreFixtures.consent(StoreFixtures.T0));
        }
        int calls = store.get(biokey).map(StoredVoiceprint::enrolledCalls).orElse(0) + 1;
        store.put(new StoredVoiceprint(biokey, "crash-engine", 1, StoreFixtures.template(i, 512),
                calls * SECONDS_PER_CALL, calls, StoreFixtures.T0.plusSeconds(i)), "crash-child");
        store.addReplayFingerprint(biokey, new ReplayFingerprint(StoreFixtures.template(-i, 64),
                StoreFixtures.T0.plusSeconds(i)));
    }
}
