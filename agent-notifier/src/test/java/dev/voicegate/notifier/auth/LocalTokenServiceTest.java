package dev.voicegate.notifier.auth;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.api.TokenRejectedException;
import dev.voicegate.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTokenServiceTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final LocalTokenService service = new LocalTokenService(SECRET, clock);

    @Test
    void issuedTokenValidatesToTheSamePrincipal() {
        AgentPrincipal who = new AgentPrincipal("u-1", "Ada Lovelace", Set.of(Role.AGENT, Role.SUPERVISOR));
        String token = service.issue(who, Duration.ofMinutes(5));

        assertThat(token).startsWith("vg1.").matches("[A-Za-z0-9._-]+");
        assertThat(service.validate(token).toCompletableFuture().join()).isEqualTo(who);
    }

    @Test
    void tokenIsRejectedAsExpiredAtItsExpiry() {
        String token = service.issue(AgentPrincipal.agent("u-1", "A"), Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(service.verify(token).userId()).isEqualTo("u-1");

        clock.advance(Duration.ofSeconds(1));
        assertRejected(token, TokenRejectedException.Reason.EXPIRED);
    }

    @Test
    void tamperedPayloadIsRejectedForItsSignature() {
        String token = service.issue(AgentPrincipal.agent("u-1", "A"), Duration.ofMinutes(5));
        String forged = "{\"sub\":\"u-2\",\"name\":\"A\",\"roles\":[\"SUPERVISOR\"],\"exp\":9999999999}";
        String tampered = "vg1." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.lastIndexOf('.'));

        assertRejected(tampered, TokenRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        LocalTokenService other = new LocalTokenService("another-secret-another-secret-xx".getBytes(StandardCharsets.US_ASCII), clock);
        String token = other.issue(AgentPrincipal.agent("u-1", "A"), Duration.ofMinutes(5));

        assertRejected(token, TokenRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void garbageIsRejectedAsMalformed() {
        assertRejected("not-a-token", TokenRejectedException.Reason.MALFORMED);
        assertRejected("vg1.", TokenRejectedException.Reason.MALFORMED);
        assertRejected("vg1.abc.%%%", TokenRejectedException.Reason.MALFORMED);
        assertRejected("vg1." + "a".repeat(5000), TokenRejectedException.Reason.MALFORMED);
    }

    @Test
    void validateReturnsAFailedStageInsteadOfThrowing() {
        assertThat(service.validate("nope").toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void shortSecretIsRefusedWithItsLength() {
        assertThatThrownBy(() -> new LocalTokenService(new byte[16], clock))
                .hasMessage("agent.localTokens.secret: 16 bytes (expected: >= 32)");
    }

    @Test
    void subSecondTtlIsRefused() {
        assertThatThrownBy(() -> service.issue(AgentPrincipal.agent("u", ""), Duration.ofMillis(10)))
                .hasMessage("ttl: PT0.01S (expected: >= 1s)");
    }

    private void assertRejected(String token, TokenRejectedException.Reason reason) {
        assertThatThrownBy(() -> service.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .message().doesNotContain(token.length() > 8 ? token.substring(4) : "\u0000");
    }
}
