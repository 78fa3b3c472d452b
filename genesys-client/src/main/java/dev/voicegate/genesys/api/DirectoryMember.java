package dev.voicegate.genesys.api;

import java.util.Objects;

/**
 * A user listed as a member of a Genesys group or queue (fact sheet §2).
 *
 * @param userId the Genesys user id (the id used in {@code v2.users.{id}.conversations})
 * @param name   display name, may be null
 * @param email  e-mail, may be null
 */
public record DirectoryMember(String userId, String name, String email) {
    public DirectoryMember {
        Objects.requireNonNull(userId, "userId");
    }
}
