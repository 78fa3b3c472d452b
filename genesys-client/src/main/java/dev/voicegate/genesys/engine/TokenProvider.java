package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.api.GenesysException;
import dev.voicegate.genesys.internal.HttpTransport;
import dev.voicegate.genesys.protocol.Dtos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * OAuth client-credentials tokens (fact sheet §1): fetched once and shared by every caller (single
 * flight), replaced after {@code refreshFraction} of the lifetime (callers keep using the old one
 * while the new one is fetched), dropped on a 401 via {@link #invalidate}. Thread-safe.
 */
public final class TokenProvider {

    private static final Logger log = LoggerFactory.getLogger(TokenProvider.class);

    private final HttpTransport transport;
    private final URI tokenUri;
    private final String basicAuth;
    private final LongSupplier ticker;
    private final double refreshFraction;
    private final Duration timeout;
    private final ObjectMapper json;

    private AccessToken current;
    private CompletableFuture<AccessToken> inFlight;
    private long generation;

    public TokenProvider(HttpTransport transport, URI loginBase, String clientId, String clientSecret,
                         TokenSettings settings) {
        this.transport = transport;
        this.tokenUri = URI.create(loginBase + "/oauth/token");
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.ticker = settings.ticker();
        this.refreshFraction = settings.refreshFraction();
        this.timeout = settings.timeout();
        this.json = settings.json();
    }

    /** Collaborators of a provider. */
    public record TokenSettings(LongSupplier ticker, double refreshFraction, Duration timeout, ObjectMapper json) {
    }

    /** A valid token: the cached one, or the result of the (shared) fetch. */
    public synchronized CompletableFuture<AccessToken> token() {
        long now = ticker.getAsLong();
        if (current != null && now < current.expiresAtNanos()) {
            if (now >= current.refreshAtNanos(refreshFraction)) {
                fetch(); // refresh ahead; keep serving the still-valid token meanwhile
            }
            return CompletableFuture.completedFuture(current);
        }
        return fetch();
    }

    /** A token other than {@code old} (a fresh one is fetched if {@code old} is still current). */
    public synchronized CompletableFuture<AccessToken> tokenNewerThan(AccessToken old) {
        if (old == null || (current != null && current.generation() > old.generation()
                && ticker.getAsLong() < current.expiresAtNanos())) {
            return token();
        }
        return fetch(); // others keep using the current token until the new one arrives
    }

    /** Forgets {@code rejected} if it is still the current token (after a 401). */
    public synchronized void invalidate(AccessToken rejected) {
        if (current != null && rejected != null && current.generation() == rejected.generation()) {
            log.info("[genesys] access token generation {} rejected with 401; fetching a new one", rejected.generation());
            current = null;
        }
    }

    private CompletableFuture<AccessToken> fetch() {
        if (inFlight != null) {
            return inFlight;
        }
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(timeout)
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        CompletableFuture<AccessToken> f = new CompletableFuture<>();
        inFlight = f;
        transport.send(request).whenComplete((res, err) -> complete(f, res, err));
        return f;
    }

    private void complete(CompletableFuture<AccessToken> f, HttpTransport.Result res, Throwable err) {
        AccessToken token = null;
        RuntimeException failure = null;
        if (err != null) {
            failure = new GenesysException("POST /oauth/token: no response (" + RestExecutor.describe(err) + ")", err);
        } else if (res.status() != 200) {
            failure = tokenError(res);
        } else {
            try {
                Dtos.TokenResponse t = json.readValue(res.body(), Dtos.TokenResponse.class);
                if (t.accessToken() == null || t.expiresIn() == null || t.expiresIn() <= 0) {
                    failure = new GenesysException("POST /oauth/token: answer lacks access_token or expires_in");
                } else {
                    synchronized (this) {
                        token = new AccessToken(t.accessToken(), ticker.getAsLong(), t.expiresIn() * 1_000_000_000L,
                                ++generation);
                    }
                }
            } catch (Exception e) {
                failure = new GenesysException("POST /oauth/token: unreadable answer", e);
            }
        }
        synchronized (this) {
            inFlight = null;
            if (token != null) {
                current = token;
                log.info("[genesys] access token generation {} obtained, lifetime {} s", token.generation(),
                        token.lifetimeNanos() / 1_000_000_000L);
            }
        }
        if (token != null) {
            f.complete(token);
        } else {
            f.completeExceptionally(failure);
        }
    }

    private GenesysApiException tokenError(HttpTransport.Result res) {
        String code = null;
        String detail = null;
        try {
            Dtos.ErrorBody e = json.readValue(res.body(), Dtos.ErrorBody.class);
            code = e.error() != null ? e.error() : e.code();
            detail = e.errorDescription();
        } catch (Exception unreadable) {
            detail = "unreadable error body";
        }
        return new GenesysApiException("POST", "/oauth/token", res.status(), code, null, detail);
    }
}
