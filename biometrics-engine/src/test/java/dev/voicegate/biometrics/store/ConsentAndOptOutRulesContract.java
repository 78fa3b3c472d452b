package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static dev.voicegate.biometrics.store.StoreFixtures.consent;
import static dev.voicegate.biometrics.store.StoreFixtures.enroll;
import static dev.voicegate.biometrics.store.StoreFixtures.voiceprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.voicegate.testing.time.ManualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent and opt-out rules on every store: {@link ConsentAndOptOutRulesTest} (SQLite), {@link PostgresConsentAndOptOutRulesTest}. */
abstract class ConsentAndOptOutRulesContract {

    @TempDir
    Path dir;

    private VoiceprintStore store;

    abstract StoreBackend backend(Path dataDir);

    @BeforeEach
    void open() {
        store = backend(dir).open(StoreFixtures.config(dir, "k1", "k1"), new ManualClock(T0), new CompositeMeterRegistry());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void consentGivenWithAnEnrollmentIsRecordedOnlyWithTheVoiceprint() {
        ConsentRecord consent = StoreFixtures.consent(T0);
        store.put(StoreFixtures.voiceprint("cust-1", 1, T0), "agent-7", consent);
        assertThat(store.consent("cust-1")).contains(consent);
        assertThat(store.get("cust-1")).isPresent();

        store.optOut("cust-2", T0, "agent-7");
        assertThatThrownBy(() -> store.put(StoreFixtures.voiceprint("cust-2", 2, T0), "agent-7", consent))
                .isInstanceOf(OptedOutException.class);
        assertThat(store.consent("cust-2")).isEmpty();

        // putIfUnchanged that loses the race records neither the voiceprint nor the consent
        StoreFixtures.enroll(store, "cust-3", 3, T0);
        assertThat(store.putIfUnchanged(StoreFixtures.voiceprint("cust-3", 4, T0.plusSeconds(1)),
                java.util.Optional.empty(), "agent-7", StoreFixtures.consent(T0.plusSeconds(1)))).isFalse();
        assertThat(store.consent("cust-3")).contains(consent);
        assertThat(store.putIfUnchanged(StoreFixtures.voiceprint("cust-4", 4, T0), java.util.Optional.empty(),
                "agent-7", consent)).isTrue();
        assertThat(store.consent("cust-4")).contains(consent);
    }

    @Test
    void refusesEnrollmentWithoutRecordedConsent() {
        assertThatThrownBy(() -> store.put(voiceprint("cust-1", 1, T0), "agent-7"))
                .isInstanceOf(ConsentRequiredException.class)
                .hasMessage("enrollment refused: no consent is recorded for the biokey");
        assertThat(store.get("cust-1")).isEmpty();
        assertThat(store.auditTrail("cust-1", 10)).isEmpty();
    }

    @Test
    void recordsConsentWithWhenHowAndByWhom() {
        store.recordConsent("cust-1", new ConsentRecord(T0, "agent-verbal", "agent-3"));
        store.recordConsent("cust-1", new ConsentRecord(T0.plusSeconds(60), "web-form", "portal"));
        assertThat(store.consent("cust-1")).contains(new ConsentRecord(T0.plusSeconds(60), "web-form", "portal"));
        assertThat(store.consent("cust-2")).isEmpty();
    }

    @Test
    void optOutDeletesVoiceprintAndFingerprintsAndKeepsConsentAsEvidence() {
        enroll(store, "cust-1", 1, T0);
        store.addReplayFingerprint("cust-1", new ReplayFingerprint(new byte[] {1}, T0));
        assertThat(store.optOut("cust-1", T0.plusSeconds(30), "agent-7")).isTrue();
        assertThat(store.get("cust-1")).isEmpty();
        assertThat(store.replayFingerprints("cust-1")).isEmpty();
        assertThat(store.consent("cust-1")).contains(consent(T0));
        assertThat(store.isOptedOut("cust-1")).isTrue();
        assertThat(store.optOutRecord("cust-1")).contains(new OptOutRecord(T0.plusSeconds(30), "agent-7", false));
        assertThat(store.auditTrail("cust-1", 10)).extracting(AuditEvent::action).endsWith(AuditAction.OPT_OUT);
    }

    @Test
    void optOutBlocksEnrollmentConsentAndFingerprintsForGood() {
        store.optOut("cust-1", T0, "agent-7");
        assertThatThrownBy(() -> store.recordConsent("cust-1", consent(T0.plusSeconds(1))))
                .isInstanceOf(OptedOutException.class)
                .hasMessage("consent refused: the biokey opted out of voice biometrics");
        assertThatThrownBy(() -> store.put(voiceprint("cust-1", 1, T0), "agent-7"))
                .isInstanceOf(OptedOutException.class)
                .hasMessage("enrollment refused: the biokey opted out of voice biometrics");
        assertThatThrownBy(() -> store.addReplayFingerprint("cust-1", new ReplayFingerprint(new byte[] {1}, T0)))
                .isInstanceOf(OptedOutException.class);
        assertThat(store.isOptedOut("cust-2")).isFalse();
    }

    @Test
    void optOutIsIdempotentAndKeepsTheFirstTime() {
        assertThat(store.optOut("cust-1", T0, "agent-7")).isFalse();
        store.optOut("cust-1", T0.plusSeconds(99), "agent-8");
        assertThat(store.optOutRecord("cust-1")).contains(new OptOutRecord(T0, "agent-7", false));
    }

    @Test
    void erasureAfterOptOutKeepsTheBlockInTheTombstone() {
        enroll(store, "cust-1", 1, T0);
        store.optOut("cust-1", T0.plusSeconds(10), "agent-7");
        ErasureReport report = store.erase("cust-1", T0.plusSeconds(20), "dpo-1");
        assertThat(report.tombstone().optedOut()).isTrue();
        assertThat(report.consentRemoved()).isTrue();
        assertThat(store.isOptedOut("cust-1")).isTrue();
        assertThat(store.optOutRecord("cust-1")).contains(new OptOutRecord(T0.plusSeconds(10), "agent-7", true));
        assertThatThrownBy(() -> store.recordConsent("cust-1", consent(T0.plusSeconds(30))))
                .isInstanceOf(OptedOutException.class);
        // a second erasure carries the block forward
        store.erase("cust-1", T0.plusSeconds(40), "dpo-1");
        assertThat(store.tombstones("cust-1")).hasSize(2).allSatisfy(t -> assertThat(t.optedOut()).isTrue());
        assertThat(store.isOptedOut("cust-1")).isTrue();
    }

    @Test
    void erasureWithoutOptOutAllowsANewConsentAndEnrollmentLater() {
        enroll(store, "cust-1", 1, T0);
        ErasureReport report = store.erase("cust-1", T0.plusSeconds(20), "dpo-1");
        assertThat(report.tombstone().optedOut()).isFalse();
        assertThat(store.isOptedOut("cust-1")).isFalse();
        assertThatThrownBy(() -> store.put(voiceprint("cust-1", 2, T0.plusSeconds(30)), "agent-7"))
                .isInstanceOf(ConsentRequiredException.class);
        StoredVoiceprint again = enroll(store, "cust-1", 2, T0.plusSeconds(40));
        assertThat(store.get("cust-1")).contains(again);
    }
}
