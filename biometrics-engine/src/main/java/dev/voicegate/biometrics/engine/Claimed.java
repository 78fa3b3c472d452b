package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.Voiceprint;
import java.util.List;

/**
 * What was loaded for a claimed biokey: its voiceprint (or why there is none) and its recent
 * replay fingerprints.
 *
 * @param voiceprint   the parsed voiceprint, or null
 * @param problem      why there is no voiceprint ("not enrolled", a version refusal, "overloaded", a store error), else ""
 * @param fingerprints decoded replay fingerprints, newest first
 */
record Claimed(Voiceprint voiceprint, String problem, List<int[]> fingerprints) {

    static Claimed failed(String problem) {
        return new Claimed(null, problem, List.of());
    }
}
