package dev.voicegate.biometrics.api;

import java.util.List;

/**
 * 1:N identification.
 *
 * @param search     {@code BioSearch}
 * @param userCount  {@code BioUserCount}: candidates at or above the search threshold
 * @param bestUser   {@code BioUser}: best candidate's biokey when {@code userCount ≥ 1}, else null
 * @param candidates up to 10 best candidates above the threshold, best first
 * @param errorReason non-empty when the search could not run (then {@code search} is
 *                   {@code NO_USER_FOUND} and nothing else is meaningful)
 */
public record Search(BioSearch search, int userCount, String bestUser, List<Candidate> candidates, String errorReason) {

    public Search {
        candidates = List.copyOf(candidates);
    }
}
