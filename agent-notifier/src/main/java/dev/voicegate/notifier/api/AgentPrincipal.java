package dev.voicegate.notifier.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated agent-app user, as produced by a {@link TokenValidator}.
 *
 * @param userId      the user's id (a Genesys user id, or the subject of a local token); never blank
 * @param displayName a human-readable name for the app header; never null (may be empty)
 * @param roles       the user's roles (immutable copy); never empty
 * @param expiresAt   when the token this principal signed in with expires (the server closes the
 *                    socket then), or null when the validator does not know (e.g. a Genesys token)
 */
public record AgentPrincipal(String userId, String displayName, Set<Role> roles, Instant expiresAt) {

    /** A principal whose token expiry is unknown. */
    public AgentPrincipal(String userId, String displayName, Set<Role> roles) {
        this(userId, displayName, roles, null);
    }

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

    /** The same principal with the expiry of its token. */
    public AgentPrincipal expiringAt(Instant expiry) {
        return new AgentPrincipal(userId, displayName, roles, expiry);
    }

    /** Whether this principal holds {@code role}. */
    public boolean has(Role role) {
        return roles.contains(Objects.requireNonNull(role, "role"));
    }
}
