package dev.voicegate.biometrics.store;

import java.time.Instant;

/**
 * A named watchlist of fraudster voiceprints ({@code BlocklistID}).
 *
 * @param id        caller-chosen id, 1..256 characters
 * @param name      display name
 * @param createdAt when it was created
 * @param createdBy who created it
 */
public record Blocklist(String id, String name, Instant createdAt, String createdBy) {

    public Blocklist {
        Fields.key("id", id);
        Fields.text("name", name);
        Fields.time("createdAt", createdAt);
        Fields.key("createdBy", createdBy);
    }
}
