package dev.voicegate.core;

import dev.voicegate.core.genesys.OrgPorts;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.api.TokenRejectedException;
import dev.voicegate.notifier.api.TokenValidator;
import dev.voicegate.notifier.auth.LocalTokenService;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Agent-app sign-in: signed local tokens ({@code vg1.…}) when {@code agent.tokenSecret} is set, else
 * Genesys user tokens validated with {@code GET /api/v2/users/me} when {@code agent.genesysLogin}.
 * Configured supervisors get the supervisor role either way.
 */
final class AgentTokens implements TokenValidator {
    private final LocalTokenService local;
    private final OrgPorts org;
    private final Set<String> supervisors;

    AgentTokens(LocalTokenService local, OrgPorts org, Set<String> supervisors) {
        this.local = local;
        this.org = org;
        this.supervisors = Set.copyOf(supervisors);
    }

    @Override
    public CompletionStage<AgentPrincipal> validate(String token) {
        if (local != null && token.startsWith("vg1.")) {
            return local.validate(token).thenApply(this::withRoles);
        }
        if (org == null) {
            return CompletableFuture.failedFuture(new TokenRejectedException(TokenRejectedException.Reason.UNKNOWN_TOKEN,
                    "not a VoiceGate token and Genesys sign-in is off"));
        }
        return org.userForToken(token).handle((u, failure) -> {
            if (failure == null) {
                return withRoles(AgentPrincipal.agent(u.id(), u.name()));
            }
            Throwable c = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (c instanceof OrgPorts.InvalidUserTokenException) {
                throw new TokenRejectedException(TokenRejectedException.Reason.UNKNOWN_TOKEN, "Genesys did not accept the token");
            }
            throw new CompletionException(c);
        });
    }

    private AgentPrincipal withRoles(AgentPrincipal p) {
        if (!supervisors.contains(p.userId()) || p.has(Role.SUPERVISOR)) {
            return p;
        }
        EnumSet<Role> roles = EnumSet.copyOf(p.roles());
        roles.add(Role.SUPERVISOR);
        return new AgentPrincipal(p.userId(), p.displayName(), roles, p.expiresAt());
    }
}
