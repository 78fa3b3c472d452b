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
        assertThat(service.validate(token).toCompletableFuture().join())
                .as("the same principal, with the token's expiry (the server closes its socket then)")
                .isEqualTo(who.expiringAt(Instant.parse("2026-01-01T10:05:00Z")));
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
                .hasMessage("ttl: PT0.01S (expected: PT1S..PT12H, agent.limits.maxTokenLifetime)");
    }

    // ---- maximum lifetime (issue 11, deliverable 8) ----------------------------------------------

    /** A token signed with the real secret around an arbitrary payload: what a holder of the secret can mint. */
    private static String selfSigned(String payloadJson) {
        String body = "vg1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
            return body + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static String payload(String iat, String exp) {
        return "{\"sub\":\"u-9\",\"name\":\"Mallory\",\"roles\":[\"AGENT\",\"SUPERVISOR\"]"
                + (iat == null ? "" : ",\"iat\":" + iat) + (exp == null ? "" : ",\"exp\":" + exp) + "}";
    }

    @Test
    void aSelfIssuedSupervisorTokenWithAFarExpiryIsRejected() {
        String forever = selfSigned(payload(Long.toString(now()), "9999999999"));
        assertThatThrownBy(() -> service.verify(forever)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenRejectedException.Reason.EXPIRED))
                .hasMessage("local token lifetime exceeds the maximum of PT12H (agent.limits.maxTokenLifetime)");
        // the same through the caching validator the gateway puts in front of it
        CachingTokenValidator cached = new CachingTokenValidator(service, Duration.ofSeconds(60), 10, clock.ticker());
        assertThat(cached.validate(forever).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void theLifetimeIsMeasuredFromIatAndTheMaximumItselfIsAccepted() {
        long now = now();
        String exactly = selfSigned(payload(Long.toString(now), Long.toString(now + 12 * 3600)));
        assertThat(service.verify(exactly).userId()).isEqualTo("u-9");
        String oneMore = selfSigned(payload(Long.toString(now), Long.toString(now + 12 * 3600 + 1)));
        assertRejected(oneMore, TokenRejectedException.Reason.EXPIRED);
        // an old iat does not make a short remaining life acceptable when exp - iat is too long
        String backdated = selfSigned(payload(Long.toString(now - 13 * 3600), Long.toString(now + 60)));
        assertRejected(backdated, TokenRejectedException.Reason.EXPIRED);
    }

    @Test
    void aTokenWithoutIatOrWithANonIntegralOneIsRejected() {
        String exp = Long.toString(now() + 300);
        assertThatThrownBy(() -> service.verify(selfSigned(payload(null, exp))))
                .isInstanceOf(TokenRejectedException.class).hasMessage("local token has no integral 'iat'");
        assertRejected(selfSigned(payload("\"" + now() + "\"", exp)), TokenRejectedException.Reason.MALFORMED);
        assertRejected(selfSigned(payload(now() + ".5", exp)), TokenRejectedException.Reason.MALFORMED);
        assertRejected(selfSigned(payload("99999999999999999999999", exp)), TokenRejectedException.Reason.MALFORMED);
        assertRejected(selfSigned(payload(Long.toString(now()), null)), TokenRejectedException.Reason.MALFORMED);
    }

    @Test
    void anIatInTheFutureIsRejectedBeyondTheClockSkew() {
        long now = now();
        String withinSkew = selfSigned(payload(Long.toString(now + 60), Long.toString(now + 600)));
        assertThat(service.verify(withinSkew).userId()).isEqualTo("u-9");
        String ahead = selfSigned(payload(Long.toString(now + 61), Long.toString(now + 600)));
        assertThatThrownBy(() -> service.verify(ahead)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenRejectedException.Reason.MALFORMED))
                .hasMessage("local token issued in the future (iat more than 60 s ahead)");
    }

    @Test
    void theMaximumIsConfigurableAndBoundsIssuingToo() {
        LocalTokenService shortLived = new LocalTokenService(SECRET, clock, Duration.ofHours(1));
        assertThatThrownBy(() -> shortLived.issue(AgentPrincipal.agent("u", ""), Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl: PT2H (expected: PT1S..PT1H, agent.limits.maxTokenLifetime)");
        String twoHours = service.issue(AgentPrincipal.agent("u-1", "A"), Duration.ofHours(2));
        assertThat(service.verify(twoHours).userId()).isEqualTo("u-1");
        assertThatThrownBy(() -> shortLived.verify(twoHours)).isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("lifetime exceeds the maximum of PT1H");
        assertThatThrownBy(() -> new LocalTokenService(SECRET, clock, Duration.ofDays(8)))
                .hasMessage("agent.limits.maxTokenLifetime: PT192H (expected: PT1S..PT168H)");
        assertThat(new LocalTokenService(SECRET, clock).maxLifetime())
                .isEqualTo(dev.voicegate.notifier.config.NotifierLimits.DEFAULT_MAX_TOKEN_LIFETIME)
                .isEqualTo(dev.voicegate.notifier.config.NotifierLimits.defaults().maxTokenLifetime());
    }

    private void assertRejected(String token, TokenRejectedException.Reason reason) {
        assertThatThrownBy(() -> service.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .message().doesNotContain(token.length() > 8 ? token.substring(4) : "\u0000");
    }
}
