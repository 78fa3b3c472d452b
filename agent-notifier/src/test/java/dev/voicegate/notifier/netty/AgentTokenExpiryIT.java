package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import dev.voicegate.testing.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open agent socket is closed when the token it signed in with expires ({@link CloseCodes#TOKEN_EXPIRED},
 * with a reason the app shows), not only refused at the next upgrade. The server and the token service share a
 * manual clock, moved to shortly before the expiry, so the close comes a fraction of a second after connecting.
 */
class AgentTokenExpiryIT {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final LocalTokenService tokens = new LocalTokenService(NotifierHarness.SECRET, clock);
    private NotifierHarness h;

    @BeforeEach
    void start() throws InterruptedException {
        h = new NotifierHarness(NotifierConfig.loopbackEphemeral(NotifierLimits.defaults()), tokens, clock, clock.ticker());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpiresAndOthersStayOpen() throws Exception {
        String shortLived = tokens.issue(AgentPrincipal.agent("alice", "Alice"), Duration.ofSeconds(2));
        String longLived = tokens.issue(new AgentPrincipal("bob", "Bob", Set.of(Role.AGENT)), Duration.ofMinutes(10));
        clock.advance(Duration.ofMillis(1_700)); // alice's token has 300 ms left: still accepted at the upgrade
        try (WsClient alice = WsClient.connect(h.port(), shortLived);
             WsClient bob = WsClient.connect(h.port(), longLived)) {
            assertThat(alice.next().path("type").asText()).isEqualTo("hello");
            assertThat(bob.next().path("type").asText()).isEqualTo("hello");

            assertThat(alice.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.TOKEN_EXPIRED);
            assertThat(alice.closeReason.get(10, TimeUnit.SECONDS)).isEqualTo("token expired; sign in again");
            assertThat(h.count("voicegate.notifier.token.expired.closes")).isEqualTo(1.0);

            bob.send("{\"type\":\"ping\"}");
            JsonNodeWaiter.untilType(bob, "pong");
            assertThat(bob.closeCode).isNotDone();
        }
        // the same token is refused from now on: the app has to sign in again
        clock.advance(Duration.ofSeconds(1));
        assertThat(WsClient.refusalStatus(h.port(), shortLived)).isEqualTo(401);
    }

    @Test
    void aTokenThatExpiresWhileItsUpgradeIsValidatedIsClosedAtOnce() throws Exception {
        String token = tokens.issue(AgentPrincipal.agent("carol", "Carol"), Duration.ofSeconds(5));
        CompletableFuture<AgentPrincipal> validated = new CompletableFuture<>();
        // A validator that answers late (as a remote one may): by then the expiry has passed.
        h.close();
        h = new NotifierHarness(NotifierConfig.loopbackEphemeral(NotifierLimits.defaults()), t -> {
            AgentPrincipal p = tokens.verify(t);
            clock.advance(Duration.ofSeconds(6));
            validated.complete(p);
            return validated;
        }, clock, clock.ticker());
        try (WsClient carol = WsClient.connect(h.port(), token)) {
            assertThat(carol.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.TOKEN_EXPIRED);
        }
        assertThat(validated.get().expiresAt()).isEqualTo(Instant.parse("2026-12-04T09:00:05Z"));
    }

    /** Reads messages until one of the given type (a safety-net timeout per message). */
    private static final class JsonNodeWaiter {
        static void untilType(WsClient c, String type) throws InterruptedException {
            for (int i = 0; i < 20; i++) {
                if (type.equals(c.next().path("type").asText())) {
                    return;
                }
            }
            throw new AssertionError("no " + type + " among 20 messages");
        }
    }
}
