package dev.voicegate.notifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The result fields of one transaction, named as in the contact-centre result vocabulary
 * (docs/biometrics.md). Every field is optional (null = not produced by this transaction) and
 * null fields are left out of the JSON.
 *
 * @param bioResult         verification outcome
 * @param bioScore          calibrated score 0.00–1.00
 * @param bioSearch         1:N search outcome
 * @param bioUserCount      candidates above the search threshold
 * @param bioUser           the identified/verified enrolled user id (an opaque biokey, may be masked)
 * @param liveVoiceResult   liveness outcome
 * @param liveVoiceScore    liveness score 0.00–1.00
 * @param blocklistResult   blocklist outcome
 * @param blocklistScore    best watchlist score
 * @param blocklistId       which list
 * @param fraudsterId       which fraudster
 * @param bioSpeakerChanged whether the customer voice changed
 * @param bioAdequateSpeech enough speech to enroll
 * @param bioEnrollment     an enrollment will be submitted at end of call
 * @param bioOptOut         the caller opted out
 * @param errorReason       why an {@code ERROR} happened (never inside the result itself)
 * @param bioDecision       the call's decision when this result was produced ({@link BioDecision})
 * @param bioVeto           the vetoes in force, comma-separated {@link AlertType} names, or null when none
 * @param voiceMatch        the voice comparison alone when the decision policy overruled it (a vetoed or
 *                          rejected {@code TRUE_*}); shown to the agent as the reason, never written back
 * @param voiceMatchScore   the score of {@link #voiceMatch()}, 0.00–1.00, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BioResults(
        @JsonProperty("BioResult") BioResult bioResult,
        @JsonProperty("BioScore") Double bioScore,
        @JsonProperty("BioSearch") BioSearch bioSearch,
        @JsonProperty("BioUserCount") Integer bioUserCount,
        @JsonProperty("BioUser") String bioUser,
        @JsonProperty("LiveVoiceResult") LiveVoiceResult liveVoiceResult,
        @JsonProperty("LiveVoiceScore") Double liveVoiceScore,
        @JsonProperty("BlocklistResult") BlocklistResult blocklistResult,
        @JsonProperty("BlocklistScore") Double blocklistScore,
        @JsonProperty("BlocklistID") String blocklistId,
        @JsonProperty("FraudsterID") String fraudsterId,
        @JsonProperty("BioSpeakerChanged") Boolean bioSpeakerChanged,
        @JsonProperty("BioAdequateSpeech") Boolean bioAdequateSpeech,
        @JsonProperty("BioEnrollment") Boolean bioEnrollment,
        @JsonProperty("BioOptOut") Boolean bioOptOut,
        @JsonProperty("ErrorReason") String errorReason,
        @JsonProperty("BioDecision") BioDecision bioDecision,
        @JsonProperty("BioVeto") String bioVeto,
        @JsonProperty("VoiceMatch") BioResult voiceMatch,
        @JsonProperty("VoiceMatchScore") Double voiceMatchScore) {

    public BioResults {
        checkUnit("BioScore", bioScore);
        checkUnit("LiveVoiceScore", liveVoiceScore);
        checkUnit("BlocklistScore", blocklistScore);
        checkUnit("VoiceMatchScore", voiceMatchScore);
        if (bioUserCount != null && bioUserCount < 0) {
            throw new IllegalArgumentException("BioUserCount: " + bioUserCount + " (expected: >= 0)");
        }
    }

    /** A builder holding every field of this result. */
    public Builder toBuilder() {
        return Builder.from(this);
    }

    /** No fields set; start of a {@link #builder()} chain. */
    public static Builder builder() {
        return new Builder();
    }

    private static void checkUnit(String name, Double v) {
        if (v != null && !(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: 0.0..1.0)");
        }
    }

    /** Mutable builder for {@link BioResults}; not thread-safe. */
    public static final class Builder {
        private BioResult bioResult;
        private Double bioScore;
        private BioSearch bioSearch;
        private Integer bioUserCount;
        private String bioUser;
        private LiveVoiceResult liveVoiceResult;
        private Double liveVoiceScore;
        private BlocklistResult blocklistResult;
        private Double blocklistScore;
        private String blocklistId;
        private String fraudsterId;
        private Boolean speakerChanged;
        private Boolean adequateSpeech;
        private Boolean enrollment;
        private Boolean optOut;
        private String errorReason;
        private BioDecision decision;
        private String veto;
        private BioResult voiceMatch;
        private Double voiceMatchScore;

        /** A builder holding every field of {@code r}. */
        public static Builder from(BioResults r) {
            Builder b = new Builder();
            b.bioResult = r.bioResult;
            b.bioScore = r.bioScore;
            b.bioSearch = r.bioSearch;
            b.bioUserCount = r.bioUserCount;
            b.bioUser = r.bioUser;
            b.liveVoiceResult = r.liveVoiceResult;
            b.liveVoiceScore = r.liveVoiceScore;
            b.blocklistResult = r.blocklistResult;
            b.blocklistScore = r.blocklistScore;
            b.blocklistId = r.blocklistId;
            b.fraudsterId = r.fraudsterId;
            b.speakerChanged = r.bioSpeakerChanged;
            b.adequateSpeech = r.bioAdequateSpeech;
            b.enrollment = r.bioEnrollment;
            b.optOut = r.bioOptOut;
            b.errorReason = r.errorReason;
            b.decision = r.bioDecision;
            b.veto = r.bioVeto;
            b.voiceMatch = r.voiceMatch;
            b.voiceMatchScore = r.voiceMatchScore;
            return b;
        }

        /** The decision policy's outcome: {@code BioDecision} and {@code BioVeto} (null when no veto). */
        public Builder decision(BioDecision decision, String veto) {
            this.decision = decision;
            this.veto = veto;
            return this;
        }

        /** The voice comparison the decision policy overruled (agent view only). */
        public Builder voiceMatch(BioResult result, Double score) {
            this.voiceMatch = result;
            this.voiceMatchScore = score;
            return this;
        }

        public Builder verification(BioResult result, Double score) {
            this.bioResult = result;
            this.bioScore = score;
            return this;
        }

        public Builder search(BioSearch search, Integer userCount, String user) {
            this.bioSearch = search;
            this.bioUserCount = userCount;
            this.bioUser = user;
            return this;
        }

        public Builder user(String user) {
            this.bioUser = user;
            return this;
        }

        public Builder liveness(LiveVoiceResult result, Double score) {
            this.liveVoiceResult = result;
            this.liveVoiceScore = score;
            return this;
        }

        public Builder blocklist(BlocklistResult result, Double score, String listId, String fraudster) {
            this.blocklistResult = result;
            this.blocklistScore = score;
            this.blocklistId = listId;
            this.fraudsterId = fraudster;
            return this;
        }

        public Builder speakerChanged(Boolean changed) {
            this.speakerChanged = changed;
            return this;
        }

        public Builder enrollment(Boolean adequateSpeech, Boolean willEnroll, Boolean optedOut) {
            this.adequateSpeech = adequateSpeech;
            this.enrollment = willEnroll;
            this.optOut = optedOut;
            return this;
        }

        public Builder error(String reason) {
            this.bioResult = BioResult.ERROR;
            this.errorReason = reason;
            return this;
        }

        public BioResults build() {
            return new BioResults(bioResult, bioScore, bioSearch, bioUserCount, bioUser, liveVoiceResult,
                    liveVoiceScore, blocklistResult, blocklistScore, blocklistId, fraudsterId, speakerChanged,
                    adequateSpeech, enrollment, optOut, errorReason, decision, veto, voiceMatch, voiceMatchScore);
        }
    }
}
