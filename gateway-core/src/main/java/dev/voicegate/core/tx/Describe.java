package dev.voicegate.core.tx;

import dev.voicegate.notifier.api.BioResults;

import java.util.Locale;

/** One-line, PII-free descriptions of outcomes for the activity log. */
final class Describe {
    private Describe() {
    }

    static String outcome(Transaction tx) {
        BioResults r = tx.results;
        StringBuilder sb = new StringBuilder().append(tx.kind).append(' ').append(tx.state.name().toLowerCase(Locale.ROOT));
        if (r != null) {
            if (r.bioResult() != null) {
                sb.append(": ").append(r.bioResult());
                if (r.bioScore() != null) {
                    sb.append(String.format(Locale.ROOT, " score %.2f", r.bioScore()));
                }
            }
            if (r.bioSearch() != null) {
                sb.append(": ").append(r.bioSearch());
                if (r.bioUser() != null) {
                    sb.append(" → ").append(r.bioUser());
                }
            }
            if (r.bioEnrollment() != null) {
                sb.append(r.bioEnrollment() ? ": voiceprint stored"
                        : Boolean.FALSE.equals(r.bioAdequateSpeech()) ? ": not stored (not enough speech)" : ": not stored");
            }
            if (r.liveVoiceResult() != null) {
                sb.append("; liveness ").append(r.liveVoiceResult());
            }
            if (r.blocklistResult() != null) {
                sb.append("; blocklist ").append(r.blocklistResult());
            }
            if (Boolean.TRUE.equals(r.bioSpeakerChanged())) {
                sb.append("; SPEAKER CHANGED");
            }
            if (r.voiceMatch() != null) {
                sb.append("; voice match ").append(r.voiceMatch()).append(" overruled");
            }
            if (r.bioDecision() != null && tx.kind != dev.voicegate.notifier.api.TransactionKind.ENROLL) {
                sb.append("; decision ").append(r.bioDecision());
                if (r.bioVeto() != null) {
                    sb.append(" (").append(r.bioVeto()).append(')');
                }
            }
            if (r.errorReason() != null) {
                sb.append(" (").append(r.errorReason()).append(')');
            }
        }
        sb.append(String.format(Locale.ROOT, " [%.1f s speech]", tx.heardSeconds));
        return sb.toString();
    }
}
