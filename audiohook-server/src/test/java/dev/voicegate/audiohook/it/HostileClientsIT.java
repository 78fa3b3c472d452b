package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicegate.audiohook.config.ConnectionLimits;
import dev.voicegate.audiohook.config.ServerLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that attack the public port (issue 11), over real sockets: nothing they do before
 * authenticating costs a session slot or an organisation's budget, and nothing they do makes the server
 * buffer without bound.
 */
class HostileClientsIT {

    private ServerFixture f;
    private final List<RawSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RawSocket s : sockets) {
            s.close();
        }
        f.close();
    }

    private static ServerLimits limits(ConnectionLimits c) {
        return ServerLimits.defaults().withConnections(c);
    }

    private RawSocket connect() throws IOException {
        return connect(null);
    }

    private RawSocket connect(String from) throws IOException {
        RawSocket s = RawSocket.connect(f.server.port(), from, 0);
        sockets.add(s);
        return s;
    }

    private Map<String, String> unsignedHeaders(String key) {
        return Map.of("Audiohook-Organization-Id", ServerFixture.ORG, "X-API-KEY", key);
    }

    @Test
    void partialRequestLineIsClosedAtTheHandshakeTimeout() throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults().withHandshakeTimeout(Duration.ofMillis(700)))));
        RawSocket s = connect();
        s.write("GET /api/v1/audi");
        assertThat(s.closedByServer()).isTrue();
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "handshake_timeout")).isEqualTo(1);
    }

    @Test
    void slowlorisHeadersAndSilentConnectionsAreClosedAtTheHandshakeTimeout() throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults().withHandshakeTimeout(Duration.ofMillis(700)))));
        RawSocket silent = connect();
        RawSocket slowloris = connect();
        slowloris.write("GET " + ServerFixture.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        // Trickles header lines until the server closes the connection (well before the safety bound).
        boolean closed = false;
        for (int i = 0; i < 2_000 && !closed; i++) {
            try {
                slowloris.write("X-Pad-" + i + ": a\r\n");
                closed = slowloris.socket.getInputStream().available() < 0;
                TimeUnit.MILLISECONDS.sleep(10);  // pacing of the attack itself, not synchronisation
            } catch (IOException e) {
                closed = true;
            }
        }
        assertThat(slowloris.closedByServer()).isTrue();
        assertThat(silent.closedByServer()).isTrue();
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "handshake_timeout")).isEqualTo(2);
    }

    @Test
    void headerBlockOver16KiBIsAnswered431() throws Exception {
        f = new ServerFixture();
        RawSocket s = connect();
        s.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                Map.of("X-Big", "a".repeat(64 * 1024))));
        assertThat(s.readStatus()).isEqualTo(431);
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "header_too_large")).isEqualTo(1);
    }

    @Test
    void pendingConnectionsBeyondThePerSourceCapAreClosedWhileOtherSourcesAreServed() throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults().withMaxPendingConnectionsPerSource(2))));
        connect("127.0.0.1");
        connect("127.0.0.1");
        RawSocket third = connect("127.0.0.1");
        assertThat(third.closedByServer()).isTrue();
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "too_many_pending_connections")).isEqualTo(1);
        RawSocket other = connect("127.0.0.2");
        other.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                unsignedHeaders("unsigned-key")));
        assertThat(other.readStatus()).isEqualTo(101);
    }

    @Test
    void signedOpenSucceedsWhileTheServerIsFullOfUnsignedRequests() throws Exception {
        // Long failure delay: the unsigned requests are all still waiting for their 401 when the signed one comes.
        f = new ServerFixture(b -> b.limits(ServerLimits.defaults().withMaxSessions(2)
                .withConnections(ConnectionLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(30)))
                .withMinAuthFailureDelay(Duration.ofSeconds(15))));
        for (int i = 0; i < 6; i++) {
            connect().write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                    unsignedHeaders(ServerFixture.KEY)));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() ->
                f.counter("voicegate.audiohook.rejections", "reason", "unauthorized") == 6);
        RawClient signed = new RawClient().connectSigned(f);
        assertThat(f.server.activeSessions()).isEqualTo(1);
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "too_many_sessions")).isZero();
        signed.ws.sendClose(1000, "").join();
    }

    @Test
    void unsignedFloodNamingAnOrganizationDoesNotSpendItsOpenBudget() throws Exception {
        f = new ServerFixture(b -> b.limits(ServerLimits.defaults().withOpenRate(0.01, 3)
                .withMinAuthFailureDelay(Duration.ZERO)));
        for (int i = 0; i < 20; i++) {
            RawSocket s = connect();
            s.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                    unsignedHeaders(ServerFixture.KEY)));
            assertThat(s.readStatus()).isEqualTo(401);
        }
        for (int i = 0; i < 3; i++) {
            RawClient c = new RawClient();
            c.connect(f.uri(), RawClient.signedHeaders(f.uri(), c.sessionId, ServerFixture.ORG, ServerFixture.KEY,
                    ServerFixture.SECRET, Clock.systemUTC())).get(10, TimeUnit.SECONDS);
            c.ws.sendClose(1000, "").join();
        }
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "rate_limited")).isZero();
    }

    @Test
    void upgradesBeyondThePerSourceRateGet429BeforeAuthentication() throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults().withUpgradeRatePerSource(0.01, 2))));
        for (int i = 0; i < 2; i++) {
            RawSocket s = connect();
            s.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                    unsignedHeaders("unsigned-key")));
            assertThat(s.readStatus()).isEqualTo(101);
        }
        RawSocket third = connect();
        third.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                unsignedHeaders("unsigned-key")));
        assertThat(third.readHead()).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after");
        RawSocket elsewhere = connect("127.0.0.3");
        elsewhere.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                unsignedHeaders("unsigned-key")));
        assertThat(elsewhere.readStatus()).isEqualTo(101);
    }

    /** An authenticated session (unsigned key with an empty secret) that has sent its open. */
    private RawSocket openSession(RawSocket s, String sessionId) throws IOException {
        s.write(RawSocket.upgradeRequest(ServerFixture.PATH, sessionId, unsignedHeaders("unsigned-key")));
        assertThat(s.readStatus()).isEqualTo(101);
        return s;
    }

    private static String ping(String sessionId, long seq) {
        return "{\"version\":\"2\",\"id\":\"" + sessionId + "\",\"type\":\"ping\",\"seq\":" + seq
                + ",\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}";
    }

    /** A large {@code event} (the application producing results for a peer that does not read). */
    private static final List<dev.voicegate.audiohook.api.EventEntity> BIG_EVENT = List.of(
            new dev.voicegate.audiohook.api.EventEntity("transcript", RawClient.JSON.getNodeFactory().objectNode()
                    .put("id", UUID.randomUUID().toString()).put("text", "x".repeat(32 * 1024))));

    /**
     * Opens a session on a socket with a 4 KiB receive buffer that is never read, then sends
     * {@code clientFrame} and lets the application send large events until the server closes it as a slow
     * consumer (60 s safety bound). Events fill the kernel buffers (several MB on loopback) quickly.
     */
    private void floodUntilSlowClose(java.util.function.BiFunction<String, Long, byte[]> clientFrame, int opcode)
            throws Exception {
        String sid = UUID.randomUUID().toString();
        RawSocket s = RawSocket.connect(f.server.port(), null, 4096);
        sockets.add(s);
        openSession(s, sid);
        s.text("{\"version\":\"2\",\"id\":\"" + sid + "\",\"type\":\"open\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\",\"parameters\":{\"organizationId\":\"" + ServerFixture.ORG + "\","
                + "\"conversationId\":\"" + UUID.randomUUID() + "\",\"participant\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"ani\":\"\",\"aniName\":\"\",\"dnis\":\"\"},\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                + "\"channels\":[\"external\"],\"rate\":8000}]}}");
        dev.voicegate.audiohook.api.AudioHookSession session =
                f.listener.of(f.listener.opened, sid).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);  // safety bound only
        try {
            for (long n = 2; System.nanoTime() < deadline && f.counter("voicegate.audiohook.slow.closes") == 0; n++) {
                session.sendEvent(BIG_EVENT);
                s.frame(true, 0, opcode, clientFrame.apply(sid, n));
            }
        } catch (IOException closedByServer) {
            // expected when the close arrives while we write
        }
        assertThat(s.closedByServer()).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.counter("voicegate.audiohook.slow.closes") == 1);
        var pending = f.registry.find("voicegate.audiohook.slow.pending.bytes").summary();
        assertThat(pending.count()).isEqualTo(1);
        // Bounded by the high-water mark plus the message that crossed it (one 32 KiB event) and a few small ones.
        assertThat(pending.max()).isLessThanOrEqualTo(16 * 1024 + 40 * 1024);
        assertThat(f.counter("voicegate.audiohook.events.dropped", "reason", "backpressure")).isPositive();
        assertThat(f.listener.of(f.listener.closed, sid).get(10, TimeUnit.SECONDS).detail())
                .isEqualTo("slow consumer: not reading");
    }

    @Test
    void clientThatPingsButNeverReadsIsClosedWithItsQueueBounded() throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults()
                .withBackpressure(16 * 1024, Duration.ofMillis(500)))));
        floodUntilSlowClose((sid, n) -> ping(sid, n).getBytes(StandardCharsets.UTF_8), RawSocket.TEXT);
        // Whether a pong was dropped before this close depends on timing; the deterministic check is
        // protocolPongsForAPeerThatStoppedReadingAreDropped (and ServerSessionTest).
    }

    @Test
    void clientThatSendsWebSocketPingsButNeverReadsIsClosedToo() throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults()
                .withBackpressure(16 * 1024, Duration.ofMillis(500)))));
        floodUntilSlowClose((sid, n) -> new byte[100], RawSocket.PING);
        // Whether a ws_pong was dropped before this close depends on timing; the deterministic check is
        // webSocketPongsForAPeerThatStoppedReadingAreDropped (and ControlFrameGuardTest).
    }

    /**
     * The deterministic form of the dropped-pong check: the slow-consumer close is set far beyond the test
     * (5 min), so it cannot end the connection before a ping reaches a server whose buffer towards this
     * peer is full. Events fill it; the peer never reads, so once the kernel buffers are full it stays
     * above the high-water mark, and every ping from then on must be dropped, not answered and queued.
     * The loop ends on that count (60 s safety bound), not on time.
     */
    private void pingUntilAPongIsDropped(java.util.function.BiFunction<String, Long, byte[]> clientFrame, int opcode,
                                         String droppedType) throws Exception {
        f = new ServerFixture(b -> b.limits(limits(ConnectionLimits.defaults()
                .withBackpressure(16 * 1024, Duration.ofMinutes(5)))));
        String sid = UUID.randomUUID().toString();
        RawSocket s = RawSocket.connect(f.server.port(), null, 4096);
        sockets.add(s);
        openSession(s, sid);
        s.text("{\"version\":\"2\",\"id\":\"" + sid + "\",\"type\":\"open\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\",\"parameters\":{\"organizationId\":\"" + ServerFixture.ORG + "\","
                + "\"conversationId\":\"" + UUID.randomUUID() + "\",\"participant\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"ani\":\"\",\"aniName\":\"\",\"dnis\":\"\"},\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                + "\"channels\":[\"external\"],\"rate\":8000}]}}");
        dev.voicegate.audiohook.api.AudioHookSession session =
                f.listener.of(f.listener.opened, sid).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);  // safety bound only
        for (long n = 2; System.nanoTime() < deadline
                && f.counter("voicegate.audiohook.outbound.dropped", "type", droppedType) == 0; n++) {
            session.sendEvent(BIG_EVENT);
            s.frame(true, 0, opcode, clientFrame.apply(sid, n));
        }
        assertThat(f.counter("voicegate.audiohook.outbound.dropped", "type", droppedType)).isPositive();
        assertThat(f.counter("voicegate.audiohook.slow.closes")).as("dropped while the connection was open").isZero();
    }

    @Test
    void protocolPongsForAPeerThatStoppedReadingAreDropped() throws Exception {
        pingUntilAPongIsDropped((sid, n) -> ping(sid, n).getBytes(StandardCharsets.UTF_8), RawSocket.TEXT, "pong");
    }

    @Test
    void webSocketPongsForAPeerThatStoppedReadingAreDropped() throws Exception {
        pingUntilAPongIsDropped((sid, n) -> new byte[100], RawSocket.PING, "ws_pong");
    }

    @Test
    void invalidUtf8TextIsClosedWith1007() throws Exception {
        f = new ServerFixture();
        RawSocket s = openSession(connect(), UUID.randomUUID().toString());
        s.frame(true, 0, RawSocket.TEXT, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
        assertThat(s.readUntilClose()).isEqualTo(1007);
    }

    @Test
    void reservedBitsAreAProtocolErrorClosedWith1002() throws Exception {
        f = new ServerFixture();
        RawSocket s = openSession(connect(), UUID.randomUUID().toString());
        s.frame(true, 4, RawSocket.TEXT, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(s.readUntilClose()).isEqualTo(1002);
    }

    @Test
    void unknownOpcodeIsAProtocolErrorClosedWith1002() throws Exception {
        f = new ServerFixture();
        RawSocket s = openSession(connect(), UUID.randomUUID().toString());
        s.frame(true, 0, 3, new byte[] {1});
        assertThat(s.readUntilClose()).isEqualTo(1002);
    }

    @Test
    void frameBeyondTheLimitIsClosedWith1009() throws Exception {
        f = new ServerFixture();
        RawSocket s = openSession(connect(), UUID.randomUUID().toString());
        // Only the header: the decoder refuses on the declared length (and the client has nothing left to write).
        s.out.write(new byte[] {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 4, (byte) 0xb0, 0, 1, 2, 3, 4});
        s.out.flush();
        assertThat(s.readUntilClose()).isEqualTo(1009);
    }

    @Test
    void fragmentedMessageBeyondTheLimitIsClosedWith1009() throws Exception {
        f = new ServerFixture();
        RawSocket s = openSession(connect(), UUID.randomUUID().toString());
        // Two fragments, each within the frame limit, together beyond the message limit (2 x 64 KiB).
        s.frame(false, 0, RawSocket.BINARY, new byte[100 * 1024]);
        s.frame(true, 0, 0, new byte[40 * 1024]);
        assertThat(s.readUntilClose()).isEqualTo(1009);
    }

    @Test
    void sessionModeUnauthenticatedSessionsHoldNoSlotAndAreClosedAtTheHandshakeDeadline() throws Exception {
        f = new ServerFixture(b -> b.authMode(dev.voicegate.audiohook.config.AuthMode.SESSION)
                .limits(ServerLimits.defaults().withMaxSessions(1)
                        .withConnections(ConnectionLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(2)))));
        List<RawSocket> unauthenticated = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawSocket s = connect();
            s.write(RawSocket.upgradeRequest(ServerFixture.PATH, UUID.randomUUID().toString(),
                    unsignedHeaders(ServerFixture.KEY)));
            assertThat(s.readStatus()).isEqualTo(101);
            unauthenticated.add(s);
        }
        RawClient signed = new RawClient().connectSigned(f);   // the only slot is still free
        for (RawSocket s : unauthenticated) {
            assertThat(s.readFrame().text()).contains("\"disconnect\"").contains("unauthorized");
            assertThat(s.closedByServer()).isTrue();            // without the client closing it
        }
        assertThat(f.counter("voicegate.audiohook.rejections", "reason", "handshake_timeout")).isEqualTo(3);
        signed.ws.sendClose(1000, "").join();
    }
}
