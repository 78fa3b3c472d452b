package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.config.AuthMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signature failures: HTTP 401 no sooner than 500 ms after arrival, or disconnect in session mode. */
class AuthenticationIT {

    private ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private Map<String, String> headers(String key, String secret, Clock clock) {
        return RawClient.signedHeaders(f.uri(), UUID.randomUUID().toString(), ServerFixture.ORG, key, secret, clock);
    }

    private void assertRefusedWith401NoSoonerThan500ms(Map<String, String> headers) throws Exception {
        long start = System.nanoTime();
        int status = RawClient.statusOf(new RawClient().connect(f.uri(), headers));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(status).isEqualTo(401);
        assertThat(elapsedMs).as("failure answered after %d ms", elapsedMs).isGreaterThanOrEqualTo(500);
        assertThat(f.server.activeSessions()).isZero();
    }

    @Test
    void missingSignatureIsRefused() throws Exception {
        Map<String, String> h = headers(ServerFixture.KEY, ServerFixture.SECRET, Clock.systemUTC());
        h.remove("signature");
        h.remove("signature-input");
        assertRefusedWith401NoSoonerThan500ms(h);
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        assertRefusedWith401NoSoonerThan500ms(headers(ServerFixture.KEY, "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0xMjM0NTY=",
                Clock.systemUTC()));
    }

    @Test
    void expiredSignatureIsRefused() throws Exception {
        assertRefusedWith401NoSoonerThan500ms(headers(ServerFixture.KEY, ServerFixture.SECRET,
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60))));
    }

    @Test
    void signatureCreatedInTheFutureIsRefused() throws Exception {
        assertRefusedWith401NoSoonerThan500ms(headers(ServerFixture.KEY, ServerFixture.SECRET,
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(60))));
    }

    @Test
    void unknownKeyIsRefused() throws Exception {
        assertRefusedWith401NoSoonerThan500ms(headers("bm90LWEta25vd24ta2V5", ServerFixture.SECRET, Clock.systemUTC()));
    }

    @Test
    void replayedNonceIsRefused() throws Exception {
        Map<String, String> h = headers(ServerFixture.KEY, ServerFixture.SECRET, Clock.systemUTC());
        RawClient first = new RawClient();
        first.connect(f.uri(), h).get();
        first.ws.sendClose(1000, "").join();
        assertRefusedWith401NoSoonerThan500ms(h);
    }

    @Test
    void unsignedRequestIsAcceptedOnlyForAKeyWithAnEmptySecret() throws Exception {
        Map<String, String> h = headers("unsigned-key", "", Clock.systemUTC());
        assertThat(h).doesNotContainKey("signature");
        RawClient c = new RawClient();
        c.connect(f.uri(), h).get();
        c.ws.sendClose(1000, "").join();
    }

    @Test
    void sessionModeUpgradesThenDisconnectsUnauthorizedAndIgnoresOpen() throws Exception {
        f.close();
        f = new ServerFixture(b -> b.authMode(AuthMode.SESSION));
        RawClient c = new RawClient();
        String sid = UUID.randomUUID().toString();
        Map<String, String> h = RawClient.signedHeaders(f.uri(), sid, ServerFixture.ORG, ServerFixture.KEY,
                "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0xMjM0NTY=", Clock.systemUTC());
        long start = System.nanoTime();
        c.connect(URI.create(f.uri().toString()), h).get();
        String open = c.openJson(ServerFixture.ORG).replace(c.sessionId, sid);
        c.ws.sendText(open, true).join();
        JsonNode d = c.next();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(500);
        assertThat(d.get("type").asText()).isEqualTo("disconnect");
        assertThat(d.at("/parameters/reason").asText()).isEqualTo("unauthorized");
        assertThat(d.at("/parameters/info").asText()).isEqualTo("FAILED");
        c.ws.sendText(c.message("close", 2, "{\"reason\":\"disconnect\"}").replace(c.sessionId, sid), true).join();
        assertThat(c.next().get("type").asText()).isEqualTo("closed");
        assertThat(f.listener.opened).isEmpty();
    }

    @Test
    void ourClientReportsTheRefusalStatus() throws Exception {
        var c = f.connect(f.clientConfig().credentials(ServerFixture.KEY,
                "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0xMjM0NTY=").build());
        var error = org.assertj.core.api.Assertions.catchThrowable(() -> c.connected().get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(error).hasCauseInstanceOf(dev.voicegate.audiohook.client.HandshakeRejectedException.class);
        assertThat(((dev.voicegate.audiohook.client.HandshakeRejectedException) error.getCause()).status()).isEqualTo(401);
    }
}
