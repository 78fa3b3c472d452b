package dev.voicegate.biometrics.api;

/**
 * What an analysis should do.
 *
 * @param sampleRate     sample rate of the PCM16 chunks that will be fed (8000 or 16000)
 * @param claimedBiokey  biokey to verify against (1:1), or null
 * @param identify       run a 1:N search in the final result
 * @param checkBlocklist check every blocklist (the default for every call)
 */
public record AnalysisRequest(int sampleRate, String claimedBiokey, boolean identify, boolean checkBlocklist) {

    public AnalysisRequest {
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: 8000|16000)");
        }
        if (claimedBiokey != null && claimedBiokey.isBlank()) {
            throw new IllegalArgumentException("claimedBiokey: blank (expected: null or an id)");
        }
    }

    /** Verify against {@code biokey} (and check blocklists). */
    public static AnalysisRequest verify(int sampleRate, String biokey) {
        return new AnalysisRequest(sampleRate, biokey, false, true);
    }

    /** Identify by 1:N search (and check blocklists). */
    public static AnalysisRequest identify(int sampleRate) {
        return new AnalysisRequest(sampleRate, null, true, true);
    }

    /** The three shapes of request (used by tools). */
    public enum Kind { VERIFY, IDENTIFY, PASSIVE }

    /** Only passive checks: quality, blocklists, speaker change (e.g. while collecting enrollment speech). */
    public static AnalysisRequest passive(int sampleRate) {
        return new AnalysisRequest(sampleRate, null, false, true);
    }
}
