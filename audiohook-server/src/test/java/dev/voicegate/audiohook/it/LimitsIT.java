package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.config.ServerLimits;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admission limits, idle timeout and graceful shutdown over real sockets. */
class LimitsIT {

    private ServerFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void sessionBeyondTheMaximumIsRefusedWith503BeforeTheUpgrade() throws Exception {
        f = new ServerFixture(b -> b.limits(ServerLimits.defaults().withMaxSessions(1)));
        RawClient first = new RawClient().connectSigned(f);
        RawClient second = new RawClient();
        assertThat(RawClient.statusOf(second.connect(f.uri(), RawClient.signedHeaders(f.uri(), second.sessionId,
                ServerFixture.ORG, ServerFixture.KEY, ServerFixture.SECRET, Clock.systemUTC())))).isEqualTo(503);
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "too_many_sessions")).isEqualTo(1);
        first.ws.sendClose(1000, "").join();
    }

    @Test
    void tooManyOpensPerSecondForAnOrganizationGet429WithRetryAfter() throws Exception {
        f = new ServerFixture(b -> b.limits(ServerLimits.defaults().withOpenRate(0.1, 1)));
        RawClient first = new RawClient().connectSigned(f);
        RawClient second = new RawClient();
        WebSocketHandshakeException e = RawClient.refusal(second.connect(f.uri(), RawClient.signedHeaders(f.uri(),
                second.sessionId, ServerFixture.ORG, ServerFixture.KEY, ServerFixture.SECRET, Clock.systemUTC())));
        assertThat(e.getResponse().statusCode()).isEqualTo(429);
        assertThat(e.getResponse().headers().firstValue("retry-after")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 10));
        RawClient otherOrg = new RawClient();
        otherOrg.connect(f.uri(), RawClient.signedHeaders(f.uri(), otherOrg.sessionId, UUID.randomUUID().toString(),
                ServerFixture.KEY, ServerFixture.SECRET, Clock.systemUTC())).get(10, TimeUnit.SECONDS);
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "rate_limited")).isEqualTo(1);
        assertThat(f.registry.find("voicegate.audiohook.ratelimiter.organizations").gauge().value()).isEqualTo(2);
        first.ws.sendClose(1000, "").join();
        otherOrg.ws.sendClose(1000, "").join();
    }

    @Test
    void idleSessionIsDisconnectedAndClosed() throws Exception {
        f = new ServerFixture(b -> b.limits(ServerLimits.defaults().withIdleTimeout(Duration.ofSeconds(1))));
        RawClient c = new RawClient().connectSigned(f);
        c.text(c.openJson(ServerFixture.ORG));
        c.next();
        JsonNode d = c.next();
        assertThat(d.at("/parameters/info").asText()).startsWith("Idle timeout");
        assertThat(c.closedByServer.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(f.listener.of(f.listener.closed, c.sessionId).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
    }

    @Test
    void gracefulShutdownStopsAcceptingDrainsThenDisconnectsCompleted() throws Exception {
        f = new ServerFixture(b -> b.drainPeriod(Duration.ofMillis(300)).closeTimeout(Duration.ofSeconds(3)));
        AudioHookClient c = f.connect(f.clientConfig().source(PcmAudioSource.tone(200, 30, 5000))
                .closeAtEndOfSource(false).build());
        c.opened().get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        Thread closer = new Thread(f.server::close);
        closer.start();
        assertThat(c.disconnectReceived().get(10, TimeUnit.SECONDS).reason().wireName()).isEqualTo("completed");
        assertThat(f.server.isAccepting()).isFalse();
        c.closed().get(10, TimeUnit.SECONDS);
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 3_500L);
        assertThat(f.listener.of(f.listener.closed, c.sessionId()).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(CloseReason.Kind.SHUTDOWN);
        assertThat(c.protocolErrors()).isEmpty();
    }
}
