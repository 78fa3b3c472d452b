package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.notifier.api.BioResult;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.BioSearch;
import dev.voicegate.notifier.api.BlocklistResult;
import dev.voicegate.notifier.api.ClaimedIdentity;
import dev.voicegate.notifier.api.LiveVoiceResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns engine results into the result vocabulary (biometrics.md): the agent's view, the identity
 * state and the attributes written back to Genesys. Stateless.
 */
final class ResultMapper {
    private ResultMapper() {
    }

    /** The agent-facing results; a phone-number {@code BioUser} is masked. */
    static BioResults toView(AnalysisResult r) {
        BioResults.Builder b = BioResults.builder();
        String error = null;
        if (r.verification() != null) {
            b.verification(BioResult.valueOf(r.verification().result().name()), unit(r.verification().score()));
            error = r.verification().errorReason();
            if (r.verification().biokey() != null && isPositive(r.verification().result())) {
                b.user(displayBiokey(r.verification().biokey()));
            }
        }
        if (r.search() != null) {
            b.search(BioSearch.valueOf(r.search().search().name()), r.search().userCount(),
                    r.search().bestUser() == null ? null : displayBiokey(r.search().bestUser()));
            if (error == null || error.isBlank()) {
                error = r.search().errorReason();
            }
        }
        if (r.liveness() != null) {
            b.liveness(LiveVoiceResult.valueOf(r.liveness().result().name()), unit(r.liveness().score()));
        }
        if (r.blocklist() != null) {
            b.blocklist(BlocklistResult.valueOf(r.blocklist().result().name()), unit(r.blocklist().score()),
                    r.blocklist().listId(), r.blocklist().fraudsterId());
        }
        if (r.speakerChange() != null) {
            b.speakerChanged(r.speakerChange().changed());
        }
        b.enrollment(r.adequateSpeech(), null, null);
        if (error != null && error.contains("not enough speech")) {
            // Too little speech is not a failure: the vocabulary has NO_DATA / LOW_DATA for it (biometrics.md).
            double net = r.quality() == null ? 0 : r.quality().netSpeechSeconds();
            b.verification(net < 0.5 ? BioResult.NO_DATA : BioResult.LOW_DATA, null);
        } else if (error != null && !error.isBlank()) {
            b.error(error);
        }
        return b.build();
    }

    /** Whether a voiceprint was stored under at least one biokey. */
    static boolean stored(EnrollmentResult e) {
        return e.outcomes().values().stream().anyMatch(o -> o == EnrollmentResult.Outcome.ENROLLED
                || o == EnrollmentResult.Outcome.UPDATED || o == EnrollmentResult.Outcome.REPLACED_OLD_VERSION);
    }

    static BioResults enrollment(EnrollmentResult e) {
        boolean enrolled = stored(e);
        boolean optedOut = e.outcomes().values().stream().anyMatch(o -> o == EnrollmentResult.Outcome.OPTED_OUT);
        BioResults.Builder b = BioResults.builder().enrollment(e.adequateSpeech(), enrolled, optedOut ? Boolean.TRUE : null);
        // Too little speech is an outcome (BioAdequateSpeech=false), not an error; refusals and failures are errors.
        boolean failed = e.outcomes().values().stream().anyMatch(o -> o == EnrollmentResult.Outcome.ERROR
                || o == EnrollmentResult.Outcome.NO_CONSENT);
        if (!enrolled && failed) {
            b.error("enrollment not stored: " + e.outcomes().values().stream().map(Enum::name).distinct().toList());
        }
        return b.build();
    }

    static BioResults error(String reason) {
        return BioResults.builder().verification(BioResult.ERROR, null).error(reason).build();
    }

    /** Participant attributes for Genesys write-back (string values, as Architect reads them). */
    static Map<String, String> attributes(BioResults r) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "BioResult", r.bioResult());
        put(m, "BioScore", r.bioScore() == null ? null : String.format(Locale.ROOT, "%.2f", r.bioScore()));
        put(m, "BioSearch", r.bioSearch());
        put(m, "BioUserCount", r.bioUserCount());
        put(m, "BioUser", r.bioUser());
        put(m, "LiveVoiceResult", r.liveVoiceResult());
        put(m, "LiveVoiceScore", r.liveVoiceScore() == null ? null : String.format(Locale.ROOT, "%.2f", r.liveVoiceScore()));
        put(m, "BlocklistResult", r.blocklistResult());
        put(m, "BlocklistScore", r.blocklistScore() == null ? null : String.format(Locale.ROOT, "%.2f", r.blocklistScore()));
        put(m, "BlocklistID", r.blocklistId());
        put(m, "FraudsterID", r.fraudsterId());
        put(m, "BioSpeakerChanged", r.bioSpeakerChanged());
        put(m, "BioAdequateSpeech", r.bioAdequateSpeech());
        put(m, "BioEnrollment", r.bioEnrollment());
        put(m, "BioOptOut", r.bioOptOut());
        return m;
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }

    private static boolean isPositive(dev.voicegate.biometrics.api.BioResult r) {
        return r.name().startsWith("TRUE_");
    }

    /** Biokeys are {@code kind:value}; phone numbers are masked for display. */
    static String displayBiokey(String biokey) {
        if (biokey.startsWith("phone:")) {
            return "phone:" + ClaimedIdentity.maskPhone(biokey.substring("phone:".length()));
        }
        return biokey;
    }

    private static Double unit(double v) {
        return Double.isNaN(v) ? null : Math.max(0.0, Math.min(1.0, v));
    }
}
