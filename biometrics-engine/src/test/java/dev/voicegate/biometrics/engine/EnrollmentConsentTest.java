package dev.voicegate.biometrics.engine;

import static dev.voicegate.biometrics.engine.EngineFixture.A;
import static dev.voicegate.biometrics.engine.EngineFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.EnrollmentResult.Outcome;
import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.ConsentRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent given with an enrollment is recorded only together with the stored voiceprint. */
class EnrollmentConsentTest {

    @TempDir
    Path dir;
    private EngineFixture f;

    @BeforeEach
    void open() {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private EnrollmentResult enroll(short[] pcm, Set<String> biokeys, ConsentRecord consent) throws Exception {
        try (Analysis a = f.engine.newAnalysis(AnalysisRequest.passive(8000))) {
            EngineFixture.feed(a, pcm);
            return f.engine.enroll(a, biokeys, "agent-1", consent).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailedEnrollmentLeavesNoConsentRecord() throws Exception {
        ConsentRecord consent = new ConsentRecord(f.clock.instant(), "agent-app: verbal consent", "agent-1");
        short[] enrollAudio = audio(A, "enroll-mulaw.wav");

        EnrollmentResult tooShort = enroll(Arrays.copyOf(enrollAudio, 8000 * 8), Set.of("cust-short"), consent);
        assertThat(tooShort.outcomes()).containsEntry("cust-short", Outcome.NOT_ENOUGH_SPEECH);
        assertThat(f.store.consent("cust-short")).isEmpty();
        assertThat(f.store.auditTrail("cust-short", 10)).isEmpty();

        f.store.optOut("cust-opted", f.clock.instant(), "agent-1");
        EnrollmentResult mixed = enroll(enrollAudio, Set.of("cust-opted", "cust-ok"), consent);
        assertThat(mixed.outcomes()).containsEntry("cust-opted", Outcome.OPTED_OUT)
                .containsEntry("cust-ok", Outcome.ENROLLED);
        assertThat(f.store.consent("cust-opted")).isEmpty();
        assertThat(f.store.consent("cust-ok")).contains(consent);
        assertThat(f.store.get("cust-ok")).isPresent();
        assertThat(f.store.auditTrail("cust-ok", 10)).extracting(AuditEvent::action)
                .containsExactly(AuditAction.CONSENT, AuditAction.ENROLL);
    }
}
