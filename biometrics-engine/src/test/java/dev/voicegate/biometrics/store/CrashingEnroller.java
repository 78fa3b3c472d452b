package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Child-process main for {@link StoreCrashConsistencyTest}: enrolls in a tight loop (read the current
 * voiceprint, put an updated one, add a fingerprint) and prints {@code enrolled <n>} after each
 * committed put, until it is killed. Each put's template seed and counters follow a fixed rule
 * (net speech = 10 s per enrolled call) that the parent checks after the kill.
 */
public final class CrashingEnroller {

    static final int BIOKEYS = 5;
    static final double SECONDS_PER_CALL = 10.0;

    private CrashingEnroller() {
    }

    public static void main(String[] args) {
        SqliteVoiceprintStore store = SqliteVoiceprintStore.open(StoreFixtures.config(Path.of(args[0]), "k1", "k1"),
                Clock.systemUTC());
        for (long i = 0; ; i++) {
            String biokey = "crash-" + (i % BIOKEYS);
            if (store.consent(biokey).isEmpty()) {
                store.recordConsent(biokey, StoreFixtures.consent(StoreFixtures.T0));
            }
            int calls = store.get(biokey).map(StoredVoiceprint::enrolledCalls).orElse(0) + 1;
            store.put(new StoredVoiceprint(biokey, "crash-engine", 1, StoreFixtures.template(i, 512),
                    calls * SECONDS_PER_CALL, calls, StoreFixtures.T0.plusSeconds(i)), "crash-child");
            store.addReplayFingerprint(biokey, new ReplayFingerprint(StoreFixtures.template(-i, 64),
                    StoreFixtures.T0.plusSeconds(i)));
            System.out.println("enrolled " + (i + 1));
            System.out.flush();
        }
    }
}
