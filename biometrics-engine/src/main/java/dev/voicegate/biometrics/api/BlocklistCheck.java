package dev.voicegate.biometrics.api;

/**
 * Blocklist check against every watchlist.
 *
 * @param result      {@code BlocklistResult}
 * @param score       {@code BlocklistScore}: calibrated score of the best fraudster (NaN when no list has entries)
 * @param listId      {@code BlocklistID} of the best fraudster, or null
 * @param fraudsterId {@code FraudsterID} of the best fraudster, or null
 */
public record BlocklistCheck(BlocklistResult result, double score, String listId, String fraudsterId) {

    /** No entries to compare with, or not enough speech. */
    public static final BlocklistCheck NONE = new BlocklistCheck(BlocklistResult.NO_MATCH, Double.NaN, null, null);
}
