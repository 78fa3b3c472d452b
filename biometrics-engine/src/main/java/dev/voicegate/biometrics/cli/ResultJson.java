package dev.voicegate.biometrics.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.biometrics.api.AnalysisResult;

/** Renders an analysis result in the result vocabulary of docs/biometrics.md as one JSON object. */
final class ResultJson {

    private ResultJson() {
    }

    static String of(AnalysisResult r) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("netSpeechSec", r.quality().netSpeechSeconds());
        n.put("snrDb", Math.round(r.quality().snrDb() * 10) / 10.0);
        n.put("BioAdequateSpeech", r.adequateSpeech());
        if (r.verification() != null) {
            n.put("BioUser", r.verification().biokey());
            n.put("BioResult", r.verification().result().name());
            putScore(n, "BioScore", r.verification().score());
            if (!r.verification().errorReason().isEmpty()) {
                n.put("reason", r.verification().errorReason());
            }
        }
        if (r.search() != null) {
            n.put("BioSearchEnabled", true);
            n.put("BioSearch", r.search().search().name());
            n.put("BioUserCount", r.search().userCount());
            if (r.search().bestUser() != null) {
                n.put("BioUser", r.search().bestUser());
                putScore(n, "BioScore", r.search().candidates().get(0).score());
            }
        }
        n.put("BlocklistResult", r.blocklist().result().name());
        putScore(n, "BlocklistScore", r.blocklist().score());
        if (r.blocklist().listId() != null) {
            n.put("BlocklistID", r.blocklist().listId());
            n.put("FraudsterID", r.blocklist().fraudsterId());
        }
        n.put("BioSpeakerChanged", r.speakerChange().changed());
        if (r.liveness() != null) {
            n.put("LiveVoiceResult", r.liveness().result().name());
            putScore(n, "LiveVoiceScore", r.liveness().score());
        }
        return n.toString();
    }

    private static void putScore(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(v * 100) / 100.0);
        }
    }
}
