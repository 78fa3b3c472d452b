package dev.voicegate.biometrics.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.FraudsterEntry;
import dev.voicegate.biometrics.store.IndexChanges;
import dev.voicegate.biometrics.store.OptedOutException;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.internal.Database;
import dev.voicegate.biometrics.store.internal.IndexNotice;
import dev.voicegate.testing.postgres.PostgresServer;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** What the PostgreSQL store announces on {@code voicegate_index}, and how its listener copes with bursts. */
class IndexListenerTest {

    private static final Duration SAFETY = Duration.ofSeconds(30);
    private static final String PHONE = "+4915112345678";

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    String url;
    PostgresVoiceprintStore store;

    @BeforeEach
    void open() {
        url = PostgresServer.shared().createDatabase("listener");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        store = PostgresVoiceprintStore.open(new StoreConfig(dir, Map.of("k1", key), "k1", 5, 2),
                new PostgresStoreConfig(url, PostgresServer.USER, "", 2), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Connection listen() throws Exception {
        Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + Database.INDEX_CHANNEL);
        }
        return c;
    }

    /** Payloads received on {@code c} until one equals {@code last} (inclusive). */
    private static List<String> until(Connection c, String last) throws Exception {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + SAFETY.toNanos();
        while (!got.contains(last)) {
            assertThat(System.nanoTime()).as("waiting for " + last + ", got " + got).isLessThan(deadline);
            PGNotification[] batch = c.unwrap(PGConnection.class).getNotifications(500);
            if (batch != null) {
                for (PGNotification n : batch) {
                    got.add(n.getParameter());
                }
            }
        }
        return got;
    }

    private StoredVoiceprint voiceprint(String biokey) {
        byte[] template = new byte[64];
        new Random(1).nextBytes(template);
        return new StoredVoiceprint(biokey, "vg-xvec", 1, template, 30, 1, clock.instant());
    }

    @Test
    void committedWritesAnnounceThePseudonymOrListIdAndRolledBackOnesNothing() throws Exception {
        try (Connection c = listen()) {
            String v = "1795341600000:v:" + store.pseudonym(PHONE);
            store.put(voiceprint(PHONE), "agent-1", new ConsentRecord(clock.instant(), "ivr-dtmf", "agent-1"));
            assertThat(until(c, v)).containsExactly(v);

            store.optOut(PHONE, clock.instant(), "agent-1");
            assertThat(until(c, v)).containsExactly(v);
            // refused inside the transaction (opted out): rolled back, so nothing is announced
            assertThatThrownBy(() -> store.put(voiceprint(PHONE), "agent-1")).isInstanceOf(OptedOutException.class);
            store.createBlocklist("fraud-1", "Known fraudsters", clock.instant(), "ops");
            String list = "1795341600000:b:fraud-1";
            assertThat(until(c, list)).containsExactly(list);

            store.putFraudster(new FraudsterEntry("fraud-1", "fr-1", "vg-xvec", 1, new byte[] {1, 2, 3}, clock.instant(),
                    "ops", PHONE.replace("+49", "+33")));
            assertThat(until(c, list)).containsExactly(list);
            // erasure announces the voiceprint and every list that held an entry taken from the person
            String other = "1795341600000:v:" + store.pseudonym(PHONE.replace("+49", "+33"));
            store.erase(PHONE.replace("+49", "+33"), clock.instant(), "dpo");
            assertThat(until(c, other)).containsExactlyInAnyOrder(list, other);
            assertThat(store.fraudsters("fraud-1")).isEmpty();
            store.deleteBlocklist("fraud-1", clock.instant(), "ops");
            assertThat(until(c, list)).containsExactly(list);
        }
    }

    @Test
    void notADigitOfAClearBiokeyIsInAnyPayload() throws Exception {
        try (Connection c = listen()) {
            store.put(voiceprint(PHONE), "agent-1", new ConsentRecord(clock.instant(), "ivr-dtmf", "agent-1"));
            store.erase(PHONE, clock.instant(), "dpo");
            store.createBlocklist("done", "marker", clock.instant(), "ops");
            for (String payload : until(c, "1795341600000:b:done")) {
                assertThat(payload).doesNotContain("4915112345678").doesNotContain("5112345678");
            }
        }
    }

    @Test
    void payloadsRoundTripAndUnknownOnesAreRefused() {
        IndexNotice v = IndexNotice.voiceprint(store.pseudonym("x"), Instant.ofEpochMilli(5));
        assertThat(IndexNotice.parse(v.payload())).contains(v);
        IndexNotice b = IndexNotice.blocklist("list:with:colons", Instant.ofEpochMilli(7));
        assertThat(IndexNotice.parse(b.payload())).contains(b);
        for (String bad : new String[] {null, "", "x", "1:v", "1:v:", "1:v:abc", "a:b:list", "1:z:list", "1:vv:list",
            "1:v:" + store.pseudonym("x").toUpperCase(java.util.Locale.ROOT).replace('0', 'G')}) {
            assertThat(IndexNotice.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    /** Counts what the sink is told. */
    static final class CountingSink implements IndexChanges {
        final List<String> voiceprints = Collections.synchronizedList(new ArrayList<>());
        final List<String> blocklists = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger reloads = new AtomicInteger();

        @Override
        public void voiceprintChanged(String pseudonym) {
            voiceprints.add(pseudonym);
        }

        @Override
        public void blocklistChanged(String listId) {
            blocklists.add(listId);
        }

        @Override
        public void reloadAll() {
            reloads.incrementAndGet();
        }
    }

    @Test
    void repeatedNoticesAreCoalescedAndABurstBeyondTheBoundBecomesOneReload() throws Exception {
        CountingSink sink = new CountingSink();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PostgresStoreConfig pg = new PostgresStoreConfig(url, PostgresServer.USER, "", 2);
        try (IndexListener listener = IndexListener.start(pg, sink, clock, registry, 8);
             Connection raw = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement s = raw.createStatement()) {
            raw.setAutoCommit(false);
            // one transaction: 3 distinct notices, the first repeated (PostgreSQL itself folds identical payloads
            // of one transaction, so the repeats carry different times and only the listener can fold them)
            String p = store.pseudonym("cust-1");
            s.execute("SELECT pg_notify('voicegate_index', '1:v:" + p + "'), pg_notify('voicegate_index', '2:v:" + p + "'),"
                    + " pg_notify('voicegate_index', '3:b:fraud-1'), pg_notify('voicegate_index', 'garbage')");
            raw.commit();
            await().atMost(SAFETY).until(() -> sink.blocklists.size() == 1);
            assertThat(sink.voiceprints).containsExactly(p);
            assertThat(sink.reloads).hasValue(0);

            // 100 distinct keys at once, bound 8: dropped and answered by one reload
            s.execute("SELECT pg_notify('voicegate_index', i || ':v:' || md5(i::text) || md5(i::text))"
                    + " FROM generate_series(1, 100) AS i");
            raw.commit();
            await().atMost(SAFETY).until(() -> sink.reloads.get() >= 1);
            assertThat(sink.voiceprints).hasSizeLessThan(100);
            assertThat(registry.get("voicegate.biometrics.index.sync.reloads").tag("reason", "overflow").counter().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(registry.get("voicegate.biometrics.index.sync.notices").counter().count()).isEqualTo(104);
            assertThat(listener.connected()).isTrue();
        }
    }

    @Test
    void aListenerThatCannotConnectFailsWithTheUrlAndUserButNotThePassword() {
        PostgresStoreConfig wrong = new PostgresStoreConfig(url.replace("/listener", "/no_such_db")
                + "?password=secret-in-url", "nobody-here", "s3cret", 2);
        assertThatThrownBy(() -> IndexListener.start(wrong, new CountingSink(), clock, new SimpleMeterRegistry()))
                .isInstanceOf(dev.voicegate.biometrics.store.StoreException.class)
                .hasMessageStartingWith("index listener: cannot listen on ")
                .hasMessageContaining("as nobody-here")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("secret-in-url");
    }
}
