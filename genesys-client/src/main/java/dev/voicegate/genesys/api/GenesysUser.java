package dev.voicegate.genesys.api;

import java.util.Objects;

/**
 * The user behind a user bearer token ({@code GET /api/v2/users/me}).
 *
 * @param id    Genesys user id
 * @param name  display name, may be null
 * @param email e-mail, may be null
 */
public record GenesysUser(String id, String name, String email) {
    public GenesysUser {
        Objects.requireNonNull(id, "id");
    }
}
