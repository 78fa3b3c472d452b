package dev.voicegate.notifier.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated agent-app user, as produced by a {@link TokenValidator}.
 *
 * @param userId      the user's id (a Genesys user id, or the subject of a local token); never blank
 * @param displayName a human-readable name for the app header; never null (may be empty)
 * @param roles       the user's roles (immutable copy); never empty
 */
public record AgentPrincipal(String userId, String displayName, Set<Role> roles) {

    public AgentPrincipal {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId: '" + userId + "' (expected: non-blank)");
        }
        displayName = displayName == null ? "" : displayName;
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("roles: " + roles + " (expected: at least one of AGENT|SUPERVISOR)");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A principal with the single role {@link Role#AGENT}. */
    public static AgentPrincipal agent(String userId, String displayName) {
        return new AgentPrincipal(userId, displayName, Set.of(Role.AGENT));
    }

    /** Whether this principal holds {@code role}. */
    public boolean has(Role role) {
        return roles.contains(Objects.requireNonNull(role, "role"));
    }
}
