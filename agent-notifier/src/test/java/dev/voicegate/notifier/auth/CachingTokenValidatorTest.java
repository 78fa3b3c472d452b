package dev.voicegate.notifier.auth;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.TokenRejectedException;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingTokenValidatorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final FakeValidator remote = new FakeValidator();
    private final CachingTokenValidator cache =
            new CachingTokenValidator(remote, Duration.ofSeconds(60), 2, clock.ticker());

    @Test
    void localTokensAreNeverCachedSoTheirExpiryIsCheckedOnEveryValidation() {
        LocalTokenService local = new LocalTokenService("0123456789abcdef0123456789abcdef".getBytes(), clock);
        List<String> asked = new ArrayList<>();
        CachingTokenValidator c = new CachingTokenValidator(t -> {
            asked.add(t);
            return local.validate(t);
        }, Duration.ofSeconds(60), 10, clock.ticker());
        String token = local.issue(AgentPrincipal.agent("u-1", "A"), Duration.ofSeconds(30));

        assertThat(c.validate(token).toCompletableFuture().join().userId()).isEqualTo("u-1");
        clock.advance(Duration.ofSeconds(30)); // expired, but well within the cache ttl
        assertThatThrownBy(() -> c.validate(token).toCompletableFuture().join())
                .hasCauseInstanceOf(TokenRejectedException.class);
        assertThat(asked).hasSize(2);
        assertThat(c.size()).isZero();
    }

    @Test
    void secondValidationWithinTtlIsAnsweredFromTheCache() {
        remote.answerNext();
        AgentPrincipal first = cache.validate("t1").toCompletableFuture().join();
        clock.advance(Duration.ofSeconds(59));
        AgentPrincipal second = cache.validate("t1").toCompletableFuture().join();

        assertThat(second).isEqualTo(first);
        assertThat(remote.calls).containsExactly("t1");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void validationAfterTtlAsksTheDelegateAgain() {
        remote.answerNext();
        cache.validate("t1").toCompletableFuture().join();
        clock.advance(Duration.ofSeconds(60));
        remote.answerNext();
        cache.validate("t1").toCompletableFuture().join();

        assertThat(remote.calls).containsExactly("t1", "t1");
    }

    @Test
    void concurrentValidationsOfOneTokenShareOneDelegateCall() {
        CompletableFuture<AgentPrincipal> a = cache.validate("t1").toCompletableFuture();
        CompletableFuture<AgentPrincipal> b = cache.validate("t1").toCompletableFuture();
        assertThat(a).isNotDone();

        remote.pending.get(0).complete(AgentPrincipal.agent("u-t1", ""));

        assertThat(a.join()).isEqualTo(b.join());
        assertThat(remote.calls).hasSize(1);
    }

    @Test
    void rejectionIsNotCached() {
        CompletableFuture<AgentPrincipal> first = cache.validate("t1").toCompletableFuture();
        remote.pending.get(0).completeExceptionally(
                new TokenRejectedException(TokenRejectedException.Reason.UNKNOWN_TOKEN, "401 from users/me"));
        assertThatThrownBy(first::join).hasCauseInstanceOf(TokenRejectedException.class);

        remote.answerNext();
        assertThat(cache.validate("t1").toCompletableFuture().join().userId()).isEqualTo("u-t1");
        assertThat(remote.calls).hasSize(2);
    }

    @Test
    void delegateThrowingSynchronouslyFailsTheValidationAndIsNotCached() {
        CachingTokenValidator c = new CachingTokenValidator(t -> {
            throw new IllegalStateException("client closed");
        }, Duration.ofSeconds(60), 2, clock.ticker());

        assertThat(c.validate("t1").toCompletableFuture()).isCompletedExceptionally();
        assertThat(c.validate("t1").toCompletableFuture()).isCompletedExceptionally();
        assertThat(c.size()).isZero();
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedAtCapacity() {
        remote.answerNext();
        cache.validate("t1").toCompletableFuture().join();
        remote.answerNext();
        cache.validate("t2").toCompletableFuture().join();
        cache.validate("t1").toCompletableFuture().join(); // t1 now most recent
        remote.answerNext();
        cache.validate("t3").toCompletableFuture().join(); // evicts t2

        assertThat(cache.size()).isEqualTo(2);
        remote.answerNext();
        cache.validate("t2").toCompletableFuture().join();
        assertThat(remote.calls).containsExactly("t1", "t2", "t3", "t2");
    }

    @Test
    void metersReportHitsMissesAndSize() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        cache.bindTo(registry);
        remote.answerNext();
        cache.validate("t1").toCompletableFuture().join();
        cache.validate("t1").toCompletableFuture().join();

        assertThat(registry.get("voicegate.notifier.token.cache").tag("result", "hit").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("voicegate.notifier.token.cache").tag("result", "miss").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("voicegate.notifier.token.cache.size").gauge().value()).isEqualTo(1);
    }

    @Test
    void invalidSettingsAreRefusedWithTheirKey() {
        assertThatThrownBy(() -> new CachingTokenValidator(remote, Duration.ZERO, 1, clock.ticker()))
                .hasMessage("agent.tokenCache.ttl: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new CachingTokenValidator(remote, Duration.ofSeconds(1), 0, clock.ticker()))
                .hasMessage("agent.tokenCache.maxEntries: 0 (expected: > 0)");
    }

    /** A remote validator whose answers the test controls. */
    private static final class FakeValidator implements dev.voicegate.notifier.api.TokenValidator {
        final List<String> calls = new ArrayList<>();
        final List<CompletableFuture<AgentPrincipal>> pending = new ArrayList<>();
        private boolean answerImmediately;

        void answerNext() {
            answerImmediately = true;
        }

        @Override
        public CompletionStage<AgentPrincipal> validate(String token) {
            calls.add(token);
            CompletableFuture<AgentPrincipal> f = new CompletableFuture<>();
            pending.add(f);
            if (answerImmediately) {
                answerImmediately = false;
                f.complete(AgentPrincipal.agent("u-" + token, ""));
            }
            return f;
        }
    }
}
