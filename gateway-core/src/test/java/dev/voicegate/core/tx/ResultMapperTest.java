package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BlocklistCheck;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.Liveness;
import dev.voicegate.biometrics.api.Search;
import dev.voicegate.biometrics.api.SpeakerChange;
import dev.voicegate.biometrics.api.Verification;
import dev.voicegate.biometrics.frontend.SpeechQuality;
import dev.voicegate.notifier.api.BioResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResultMapper}: every value of the engine's result enums against the agent-facing value
 * (tables written out here, checked to cover every constant of both sides, so a constant added to
 * either enum fails until it is mapped), scores, absent fields, the identity state and the
 * write-back attributes.
 */
class ResultMapperTest {
    private static final String PHONE = "phone:+35315550123";
    private static final String PHONE_MASKED = "phone:+35••••••123";

    private static final Map<dev.voicegate.biometrics.api.BioResult, dev.voicegate.notifier.api.BioResult> BIO_RESULT = Map.ofEntries(
            entry(dev.voicegate.biometrics.api.BioResult.ERROR, dev.voicegate.notifier.api.BioResult.ERROR),
            entry(dev.voicegate.biometrics.api.BioResult.NO_DATA, dev.voicegate.notifier.api.BioResult.NO_DATA),
            entry(dev.voicegate.biometrics.api.BioResult.LOW_DATA, dev.voicegate.notifier.api.BioResult.LOW_DATA),
            entry(dev.voicegate.biometrics.api.BioResult.FALSE_HIGH, dev.voicegate.notifier.api.BioResult.FALSE_HIGH),
            entry(dev.voicegate.biometrics.api.BioResult.FALSE_MEDIUM, dev.voicegate.notifier.api.BioResult.FALSE_MEDIUM),
            entry(dev.voicegate.biometrics.api.BioResult.FALSE_LOW, dev.voicegate.notifier.api.BioResult.FALSE_LOW),
            entry(dev.voicegate.biometrics.api.BioResult.TRUE_LOW, dev.voicegate.notifier.api.BioResult.TRUE_LOW),
            entry(dev.voicegate.biometrics.api.BioResult.TRUE_MEDIUM, dev.voicegate.notifier.api.BioResult.TRUE_MEDIUM),
            entry(dev.voicegate.biometrics.api.BioResult.TRUE_HIGH, dev.voicegate.notifier.api.BioResult.TRUE_HIGH));

    private static final Map<dev.voicegate.biometrics.api.BioSearch, dev.voicegate.notifier.api.BioSearch> BIO_SEARCH = Map.of(
            dev.voicegate.biometrics.api.BioSearch.NO_USER_FOUND, dev.voicegate.notifier.api.BioSearch.NO_USER_FOUND,
            dev.voicegate.biometrics.api.BioSearch.FOUND_ONE, dev.voicegate.notifier.api.BioSearch.FOUND_ONE,
            dev.voicegate.biometrics.api.BioSearch.FOUND_MANY, dev.voicegate.notifier.api.BioSearch.FOUND_MANY,
            dev.voicegate.biometrics.api.BioSearch.FOUND_TOO_MANY, dev.voicegate.notifier.api.BioSearch.FOUND_TOO_MANY);

    private static final Map<dev.voicegate.biometrics.api.LiveVoiceResult, dev.voicegate.notifier.api.LiveVoiceResult> LIVE = Map.of(
            dev.voicegate.biometrics.api.LiveVoiceResult.GENUINE, dev.voicegate.notifier.api.LiveVoiceResult.GENUINE,
            dev.voicegate.biometrics.api.LiveVoiceResult.SPOOFED, dev.voicegate.notifier.api.LiveVoiceResult.SPOOFED,
            dev.voicegate.biometrics.api.LiveVoiceResult.LOW_DATA, dev.voicegate.notifier.api.LiveVoiceResult.LOW_DATA,
            dev.voicegate.biometrics.api.LiveVoiceResult.LOW_CONF, dev.voicegate.notifier.api.LiveVoiceResult.LOW_CONF,
            dev.voicegate.biometrics.api.LiveVoiceResult.TIMEOUT, dev.voicegate.notifier.api.LiveVoiceResult.TIMEOUT);

    private static final Map<dev.voicegate.biometrics.api.BlocklistResult, dev.voicegate.notifier.api.BlocklistResult> BLOCKLIST = Map.of(
            dev.voicegate.biometrics.api.BlocklistResult.MATCH, dev.voicegate.notifier.api.BlocklistResult.MATCH,
            dev.voicegate.biometrics.api.BlocklistResult.NO_MATCH, dev.voicegate.notifier.api.BlocklistResult.NO_MATCH);

    /** Results that carry a calibrated score (the others have NaN, biometrics-engine's {@code Verification}). */
    private static final Set<dev.voicegate.biometrics.api.BioResult> SCORED = EnumSet.of(
            dev.voicegate.biometrics.api.BioResult.FALSE_HIGH, dev.voicegate.biometrics.api.BioResult.FALSE_MEDIUM,
            dev.voicegate.biometrics.api.BioResult.FALSE_LOW, dev.voicegate.biometrics.api.BioResult.TRUE_LOW,
            dev.voicegate.biometrics.api.BioResult.TRUE_MEDIUM, dev.voicegate.biometrics.api.BioResult.TRUE_HIGH);

    private static AnalysisResult result(double netSpeech, Verification v, Search s, BlocklistCheck b, SpeakerChange sc, Liveness l) {
        return new AnalysisResult(true, new SpeechQuality(netSpeech, netSpeech, 20, 0, 0), false, v, s, b, sc, l);
    }

    private static AnalysisResult verification(Verification v) {
        return result(9, v, null, BlocklistCheck.NONE, SpeakerChange.NONE, null);
    }

    private static AnalysisResult search(Search s, double netSpeech) {
        return result(netSpeech, null, s, BlocklistCheck.NONE, SpeakerChange.NONE, null);
    }

    // ---- the tables cover both vocabularies ------------------------------------------------------------

    @Test
    void theTablesCoverEveryConstantOfBothVocabularies() {
        assertThat(BIO_RESULT.keySet()).containsExactlyInAnyOrder(dev.voicegate.biometrics.api.BioResult.values());
        assertThat(BIO_RESULT.values()).containsExactlyInAnyOrder(dev.voicegate.notifier.api.BioResult.values());
        assertThat(BIO_SEARCH.keySet()).containsExactlyInAnyOrder(dev.voicegate.biometrics.api.BioSearch.values());
        assertThat(BIO_SEARCH.values()).containsExactlyInAnyOrder(dev.voicegate.notifier.api.BioSearch.values());
        assertThat(LIVE.keySet()).containsExactlyInAnyOrder(dev.voicegate.biometrics.api.LiveVoiceResult.values());
        assertThat(LIVE.values()).containsExactlyInAnyOrder(dev.voicegate.notifier.api.LiveVoiceResult.values());
        assertThat(BLOCKLIST.keySet()).containsExactlyInAnyOrder(dev.voicegate.biometrics.api.BlocklistResult.values());
        assertThat(BLOCKLIST.values()).containsExactlyInAnyOrder(dev.voicegate.notifier.api.BlocklistResult.values());
    }

    // ---- verification ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(dev.voicegate.biometrics.api.BioResult.class)
    void everyVerificationResultReachesTheAgentWithItsScoreAndUser(dev.voicegate.biometrics.api.BioResult r) {
        boolean scored = SCORED.contains(r);
        String reason = r == dev.voicegate.biometrics.api.BioResult.ERROR ? "not enrolled" : "";
        BioResults v = ResultMapper.toView(verification(new Verification(PHONE, r, scored ? 0.734 : Double.NaN,
                scored ? 0.61 : Double.NaN, reason)));

        assertThat(v.bioResult()).isEqualTo(BIO_RESULT.get(r));
        assertThat(v.bioScore()).isEqualTo(scored ? 0.734 : null);
        assertThat(v.bioUser()).as("the verified user, masked; only for a positive result")
                .isEqualTo(r.name().startsWith("TRUE_") ? PHONE_MASKED : null);
        assertThat(v.errorReason()).isEqualTo(r == dev.voicegate.biometrics.api.BioResult.ERROR ? "not enrolled" : null);
        assertThat(v.bioSearch()).isNull();
        assertThat(v.liveVoiceResult()).isNull();
        assertThat(v.bioAdequateSpeech()).isFalse();
    }

    @Test
    void scoresOutsideTheUnitRangeAreClampedForTheAgent() {
        assertThat(ResultMapper.toView(verification(new Verification(PHONE, dev.voicegate.biometrics.api.BioResult.TRUE_HIGH,
                1.02, 0.9, ""))).bioScore()).isEqualTo(1.0);
        assertThat(ResultMapper.toView(verification(new Verification(PHONE, dev.voicegate.biometrics.api.BioResult.FALSE_HIGH,
                -0.01, -0.2, ""))).bioScore()).isEqualTo(0.0);
    }

    // ---- search ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(dev.voicegate.biometrics.api.BioSearch.class)
    void everySearchOutcomeReachesTheAgentWithItsCountAndBestUser(dev.voicegate.biometrics.api.BioSearch s) {
        int count = switch (s) {
            case NO_USER_FOUND -> 0;
            case FOUND_ONE -> 1;
            case FOUND_MANY -> 3;
            case FOUND_TOO_MANY -> 6;
        };
        String best = count == 0 ? null : PHONE;
        BioResults v = ResultMapper.toView(search(new Search(s, count, best, List.of(), ""), 9));

        assertThat(v.bioSearch()).isEqualTo(BIO_SEARCH.get(s));
        assertThat(v.bioUserCount()).isEqualTo(count);
        assertThat(v.bioUser()).isEqualTo(count == 0 ? null : PHONE_MASKED);
        assertThat(v.bioResult()).as("no verification ran").isNull();
        assertThat(v.errorReason()).isNull();
    }

    @Test
    void aSearchWithTooLittleSpeechIsNoDataOrLowDataNotAnError() {
        Search tooLittle = new Search(dev.voicegate.biometrics.api.BioSearch.NO_USER_FOUND, 0, null, List.of(), "not enough speech");
        assertThat(ResultMapper.toView(search(tooLittle, 0.0)).bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.NO_DATA);
        assertThat(ResultMapper.toView(search(tooLittle, 0.49)).bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.NO_DATA);
        assertThat(ResultMapper.toView(search(tooLittle, 0.5)).bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.LOW_DATA);
        BioResults low = ResultMapper.toView(search(tooLittle, 4));
        assertThat(low.bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.LOW_DATA);
        assertThat(low.errorReason()).isNull();
        assertThat(low.bioScore()).isNull();
    }

    @Test
    void aSearchThatCouldNotRunIsAnErrorWithItsReasonUnlessTheVerificationAlreadyHasOne() {
        Search failed = new Search(dev.voicegate.biometrics.api.BioSearch.NO_USER_FOUND, 0, null, List.of(), "overloaded");
        BioResults v = ResultMapper.toView(search(failed, 9));
        assertThat(v.bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.ERROR);
        assertThat(v.errorReason()).isEqualTo("overloaded");

        BioResults both = ResultMapper.toView(result(9, new Verification(PHONE, dev.voicegate.biometrics.api.BioResult.ERROR,
                Double.NaN, Double.NaN, "not enrolled"), failed, BlocklistCheck.NONE, SpeakerChange.NONE, null));
        assertThat(both.errorReason()).isEqualTo("not enrolled");
    }

    // ---- liveness, blocklist, speaker change, absent fields -----------------------------------------------

    @ParameterizedTest
    @EnumSource(dev.voicegate.biometrics.api.LiveVoiceResult.class)
    void everyLivenessResultReachesTheAgent(dev.voicegate.biometrics.api.LiveVoiceResult r) {
        boolean scored = r == dev.voicegate.biometrics.api.LiveVoiceResult.SPOOFED;
        BioResults v = ResultMapper.toView(result(9, null, null, BlocklistCheck.NONE, SpeakerChange.NONE,
                new Liveness(r, scored ? 0.06 : Double.NaN)));
        assertThat(v.liveVoiceResult()).isEqualTo(LIVE.get(r));
        assertThat(v.liveVoiceScore()).isEqualTo(scored ? 0.06 : null);
    }

    @ParameterizedTest
    @EnumSource(dev.voicegate.biometrics.api.BlocklistResult.class)
    void everyBlocklistResultReachesTheAgent(dev.voicegate.biometrics.api.BlocklistResult r) {
        boolean match = r == dev.voicegate.biometrics.api.BlocklistResult.MATCH;
        BlocklistCheck check = match ? new BlocklistCheck(r, 0.971, "fraud", "F-1") : new BlocklistCheck(r, 0.42, "fraud", "F-2");
        BioResults v = ResultMapper.toView(result(9, null, null, check, SpeakerChange.NONE, null));
        assertThat(v.blocklistResult()).isEqualTo(BLOCKLIST.get(r));
        assertThat(v.blocklistScore()).isEqualTo(match ? 0.971 : 0.42);
        assertThat(v.blocklistId()).isEqualTo("fraud");
        assertThat(v.fraudsterId()).isEqualTo(match ? "F-1" : "F-2");
    }

    @Test
    void absentPartsLeaveTheirFieldsOut() {
        BioResults none = ResultMapper.toView(result(0, null, null, null, null, null));
        assertThat(none).isEqualTo(BioResults.builder().enrollment(false, null, null).build());

        BioResults defaults = ResultMapper.toView(result(0, null, null, BlocklistCheck.NONE, SpeakerChange.NONE, null));
        assertThat(defaults).isEqualTo(BioResults.builder().blocklist(dev.voicegate.notifier.api.BlocklistResult.NO_MATCH, null, null, null)
                .speakerChanged(false).enrollment(false, null, null).build());
        assertThat(ResultMapper.toView(result(0, null, null, null, new SpeakerChange(true, Duration.ofSeconds(3)), null))
                .bioSpeakerChanged()).isTrue();
        assertThat(ResultMapper.toView(new AnalysisResult(true, SpeechQuality.EMPTY, true, null, null, null, null, null))
                .bioAdequateSpeech()).isTrue();
    }

    // ---- enrollment ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(EnrollmentResult.Outcome.class)
    void everyEnrollmentOutcomeReachesTheAgent(EnrollmentResult.Outcome o) {
        boolean stored = switch (o) {
            case ENROLLED, UPDATED, REPLACED_OLD_VERSION -> true;
            case NOT_ENOUGH_SPEECH, NO_CONSENT, OPTED_OUT, ERROR -> false;
        };
        boolean error = o == EnrollmentResult.Outcome.NO_CONSENT || o == EnrollmentResult.Outcome.ERROR;
        boolean adequate = o != EnrollmentResult.Outcome.NOT_ENOUGH_SPEECH;
        BioResults v = ResultMapper.enrollment(new EnrollmentResult(adequate, adequate ? 24 : 7, Map.of(PHONE, o)));

        assertThat(v.bioEnrollment()).isEqualTo(stored);
        assertThat(v.bioAdequateSpeech()).isEqualTo(adequate);
        assertThat(v.bioOptOut()).isEqualTo(o == EnrollmentResult.Outcome.OPTED_OUT ? Boolean.TRUE : null);
        assertThat(v.bioResult()).isEqualTo(error ? dev.voicegate.notifier.api.BioResult.ERROR : null);
        assertThat(v.errorReason()).isEqualTo(error ? "enrollment not stored: [" + o + "]" : null);
    }

    @Test
    void anEnrollmentStoredUnderOneBiokeyIsStoredEvenIfAnotherFailed() {
        BioResults v = ResultMapper.enrollment(new EnrollmentResult(true, 24, Map.of(PHONE, EnrollmentResult.Outcome.ENROLLED,
                "customer:C-1", EnrollmentResult.Outcome.ERROR)));
        assertThat(v.bioEnrollment()).isTrue();
        assertThat(v.errorReason()).isNull();
    }

    @Test
    void aFailureIsAnErrorWithItsReason() {
        assertThat(ResultMapper.error("analysis failed")).isEqualTo(BioResults.builder()
                .error("analysis failed").build());
        assertThat(ResultMapper.error("analysis failed").bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.ERROR);
    }

    // ---- write-back attributes and display -----------------------------------------------------------------

    @Test
    void attributesAreTheVocabularyAsStringsWithTwoDecimalScoresAndNoAbsentFields() {
        BioResults all = new BioResults(dev.voicegate.notifier.api.BioResult.TRUE_MEDIUM, 0.8349, dev.voicegate.notifier.api.BioSearch.FOUND_ONE,
                1, PHONE_MASKED, dev.voicegate.notifier.api.LiveVoiceResult.SPOOFED, 0.005, dev.voicegate.notifier.api.BlocklistResult.MATCH,
                1.0, "fraud", "F-9", true, true, false, true, "reason", null, null, null, null);
        assertThat(ResultMapper.attributes(all)).containsExactly(
                entry("BioResult", "TRUE_MEDIUM"), entry("BioScore", "0.83"), entry("BioSearch", "FOUND_ONE"),
                entry("BioUserCount", "1"), entry("BioUser", PHONE_MASKED), entry("LiveVoiceResult", "SPOOFED"),
                entry("LiveVoiceScore", "0.01"), entry("BlocklistResult", "MATCH"), entry("BlocklistScore", "1.00"),
                entry("BlocklistID", "fraud"), entry("FraudsterID", "F-9"), entry("BioSpeakerChanged", "true"),
                entry("BioAdequateSpeech", "true"), entry("BioEnrollment", "false"), entry("BioOptOut", "true"));
        assertThat(ResultMapper.attributes(all)).as("the error reason is for the agent, not Architect").doesNotContainKey("ErrorReason");
        assertThat(ResultMapper.attributes(BioResults.builder().build())).isEmpty();
    }

    @Test
    void phoneBiokeysAreMaskedForDisplayOthersAreNot() {
        assertThat(ResultMapper.displayBiokey(PHONE)).isEqualTo(PHONE_MASKED);
        assertThat(ResultMapper.displayBiokey(PHONE_MASKED)).isEqualTo(PHONE_MASKED);
        assertThat(ResultMapper.displayBiokey("customer:C-1001")).isEqualTo("customer:C-1001");
    }
}
