package dev.voicegate.core.demo;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.VoiceprintStore;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the demo organisation already has on day one: the enrolled customers (consent recorded the
 * way an IVR would, then enrolled from their own enrollment clips through the engine) and the
 * fraudster on the blocklist. Runs once at start, before any call; blocking (bounded waits).
 */
final class DemoEnrollments {
    private static final int CHUNK = 1_600;   // 200 ms, as AudioHook frames arrive

    private final VoiceprintEngine engine;
    private final VoiceprintStore store;
    private final Clock clock;
    private final DemoLog log;

    DemoEnrollments(VoiceprintEngine engine, VoiceprintStore store, Clock clock, DemoLog log) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    /** Enrolls every {@link DemoCast#ENROLLMENTS} voice; {@code blocklistId} is the list "report fraud" uses. */
    void run(String blocklistId) throws Exception {
        engine.createBlocklist(blocklistId, "Known fraudsters (demo)", DemoCast.DEMO_OPERATOR).get(30, TimeUnit.SECONDS);
        for (DemoCast.Enrollment e : DemoCast.ENROLLMENTS) {
            short[] speech = DemoClips.load(e.clip());
            if (e.fraudster()) {
                try (Analysis a = analyse(speech)) {
                    engine.addToBlocklist(blocklistId, e.biokeyOrFraudsterId(), a, null, DemoCast.DEMO_OPERATOR).get(60, TimeUnit.SECONDS);
                }
                log.line("SETUP", null, String.format("blocklist '%s': added %s as %s (%.0f s of speech)", blocklistId, e.who(),
                        e.biokeyOrFraudsterId(), DemoClips.seconds(speech)));
                continue;
            }
            store.recordConsent(e.biokeyOrFraudsterId(), new ConsentRecord(clock.instant(), "ivr-dtmf", DemoCast.DEMO_OPERATOR));
            EnrollmentResult r;
            try (Analysis a = analyse(speech)) {
                r = engine.enroll(a, Set.of(e.biokeyOrFraudsterId()), DemoCast.DEMO_OPERATOR).get(60, TimeUnit.SECONDS);
            }
            EnrollmentResult.Outcome outcome = r.outcomes().get(e.biokeyOrFraudsterId());
            if (outcome != EnrollmentResult.Outcome.ENROLLED && outcome != EnrollmentResult.Outcome.UPDATED) {
                throw new IllegalStateException("demo enrollment of " + e.biokeyOrFraudsterId() + " failed: " + outcome
                        + " (net speech " + r.netSpeechSeconds() + " s)");
            }
            log.line("SETUP", null, String.format("enrolled %s as %s: consent recorded (ivr-dtmf), %.1f s of net speech",
                    e.who(), e.biokeyOrFraudsterId(), r.netSpeechSeconds()));
        }
    }

    /** Verifies each {@link DemoCast#EARLIER_CALLS} call, so that the engine knows its fingerprint (replay check). */
    void earlierCalls() throws Exception {
        for (DemoCast.EarlierCall c : DemoCast.EARLIER_CALLS) {
            short[] speech = DemoClips.load(c.clip());
            AnalysisResult r;
            try (Analysis a = engine.newAnalysis(AnalysisRequest.verify(DemoClips.RATE, c.biokey()))) {
                for (int at = 0; at < speech.length; at += CHUNK) {
                    a.feed(Arrays.copyOfRange(speech, at, Math.min(speech.length, at + CHUNK)), null);
                }
                r = a.finish().get(60, TimeUnit.SECONDS);
            }
            log.line("SETUP", null, String.format("%s's earlier call verified (%s); its fingerprint is kept to catch a replay of it",
                    c.who(), r.verification() == null ? "no verification" : r.verification().result()));
        }
    }

    private Analysis analyse(short[] speech) {
        Analysis a = engine.newAnalysis(AnalysisRequest.passive(DemoClips.RATE));
        for (int at = 0; at < speech.length; at += CHUNK) {
            a.feed(Arrays.copyOfRange(speech, at, Math.min(speech.length, at + CHUNK)), null);
        }
        return a;
    }
}
