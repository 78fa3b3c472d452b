package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenProviderTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FakeTransport transport = new FakeTransport();
    private final TokenProvider tokens = new TokenProvider(transport, URI.create("https://login.mypurecloud.ie"),
            "id", "secret", new TokenProvider.TokenSettings(clock.ticker(), 0.8, Duration.ofSeconds(5), new ObjectMapper()));

    @Test
    void concurrentCallersShareOneTokenRequest() {
        transport.holdTokens = true;
        CompletableFuture<AccessToken> a = tokens.token();
        CompletableFuture<AccessToken> b = tokens.token();
        assertThat(transport.pendingTokens).hasSize(1);
        transport.pendingTokens.get(0).complete(transport.token());
        assertThat(a.join()).isSameAs(b.join());
        assertThat(a.join().value()).isEqualTo("tok-1");
        var req = transport.requests.get(0);
        assertThat(req.uri().toString()).isEqualTo("https://login.mypurecloud.ie/oauth/token");
        assertThat(FakeTransport.bearer(req)).isEqualTo("Basic aWQ6c2VjcmV0");
    }

    @Test
    void cachedTokenIsReusedUntilEightyPercentThenRefreshedAheadOfExpiry() {
        AccessToken first = tokens.token().join();
        clock.advance(Duration.ofSeconds(79));
        assertThat(tokens.token().join()).isSameAs(first);
        assertThat(transport.tokensIssued).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2)); // 81 % of 100 s
        transport.holdTokens = true;
        assertThat(tokens.token().join()).isSameAs(first); // still valid: served while the refresh runs
        assertThat(tokens.token().join()).isSameAs(first);
        assertThat(transport.pendingTokens).hasSize(1); // one refresh for both callers
        transport.pendingTokens.get(0).complete(transport.token());
        assertThat(tokens.token().join().value()).isEqualTo("tok-2");
    }

    @Test
    void expiredTokenIsNeverServed() {
        tokens.token().join();
        clock.advance(Duration.ofSeconds(101));
        assertThat(tokens.token().join().value()).isEqualTo("tok-2");
    }

    @Test
    void invalidatedTokenIsReplacedOnNextCall() {
        AccessToken first = tokens.token().join();
        tokens.invalidate(first);
        assertThat(tokens.token().join().generation()).isEqualTo(2);
        tokens.invalidate(first); // stale invalidation does not drop the new token
        assertThat(tokens.token().join().generation()).isEqualTo(2);
    }

    @Test
    void tokenNewerThanForcesAFreshTokenForRotation() {
        AccessToken first = tokens.token().join();
        AccessToken second = tokens.tokenNewerThan(first).join();
        assertThat(second.generation()).isEqualTo(2);
        assertThat(tokens.tokenNewerThan(first).join()).isSameAs(second);
    }

    @Test
    void badCredentialsFailWithTheOauthErrorAndNoSecret() {
        transport.holdTokens = true;
        CompletableFuture<AccessToken> f = tokens.token();
        transport.pendingTokens.get(0).complete(FakeTransport.json(401,
                "{\"error\":\"invalid_client\",\"description\":\"d\",\"error_description\":\"client authentication failed\"}"));
        assertThatThrownBy(f::join).hasCauseInstanceOf(GenesysApiException.class)
                .hasMessageContaining("POST /oauth/token: HTTP 401 invalid_client (client authentication failed)")
                .hasMessageNotContaining("secret");
        transport.holdTokens = false;
        assertThat(tokens.token().join().value()).isEqualTo("tok-1"); // a later call tries again
    }
}
