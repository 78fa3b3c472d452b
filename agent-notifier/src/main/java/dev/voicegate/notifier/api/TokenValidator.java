package dev.voicegate.notifier.api;

import java.util.concurrent.CompletionStage;

/**
 * SPI: turns a bearer token presented on the agent WebSocket upgrade into an {@link AgentPrincipal}.
 *
 * <p>Implementations must not block the calling thread (it is a Netty event loop): do remote calls
 * asynchronously (e.g. gateway-core's Genesys validator calling {@code GET /api/v2/users/me}) and
 * complete the stage from any thread. A token that is not acceptable completes the stage
 * exceptionally with {@link TokenRejectedException} (the client gets HTTP 401); any other exception
 * means "could not decide" (the client gets HTTP 503 and may retry).
 *
 * <p>Implementations must never log the token.
 */
@FunctionalInterface
public interface TokenValidator {

    /**
     * Validates {@code token}.
     *
     * @param token the raw token, never null or blank
     * @return the principal, or a stage failed with {@link TokenRejectedException}
     */
    CompletionStage<AgentPrincipal> validate(String token);
}
