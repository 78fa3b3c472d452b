package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
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
        Checks.key("id", id);
        Checks.text("name", name);
        Checks.time("createdAt", createdAt);
        Checks.key("createdBy", createdBy);
    }
}
