package dev.voicegate.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The instances' message bus and lease, on the PostgreSQL server they already share (docs/architecture.md "Several
 * instances"): {@code NOTIFY voicegate_bus} carries sealed messages ({@link BusCodec}) to every instance that
 * {@code LISTEN}s, in the order one connection sent them; a session-level advisory lock is the lease on the Genesys
 * notification subscription (held while the holder's connection lives; the server releases it when the connection
 * ends, so a lost instance gives it up without any home-made failure detector).
 *
 * <p>Threads: one receiver ({@code vg-bus-rx}: its own connection, LISTEN, the lease, handler calls) and one sender
 * ({@code vg-bus-tx}: its own connection, drains a bounded queue). {@link #publish} never blocks: a full queue drops
 * the message and counts it. Handlers run on the receiver thread and must not block.
 */
public final class PgBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgBus.class);
    static final String CHANNEL = "voicegate_bus";
    /** The advisory-lock key of the Genesys notification lease ("VGLEASE1" as a 64-bit number). */
    static final long LEASE_KEY = 0x56474c4541534531L;
    static final int QUEUE = 10_000;
    private static final int BATCH = 64;
    private static final long POLL_MILLIS = 100;
    /** How often an instance without the lease tries to take it (bounds the hand-over time after a holder stops). */
    private static final long LEASE_RETRY_MILLIS = 250;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** One message from another instance. */
    public record Message(String origin, String kind, JsonNode body, long sentAtMillis) {
    }

    private final PostgresStoreConfig db;
    private final String instanceId;
    private final BusCodec codec;
    private final Clock clock;
    private final Duration livenessCheck;
    private final Map<String, Consumer<Message>> handlers = new ConcurrentHashMap<>();
    private final List<Consumer<Boolean>> leaseListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ObjectNode> outbox = new ArrayBlockingQueue<>(QUEUE);
    private final Counter sent;
    private final Counter received;
    private final Counter reconnects;
    private final MeterRegistry registry;
    private final Timer delivery;
    private final Thread rx;
    private final Thread tx;
    private volatile boolean running = true;
    private volatile boolean wantLease;
    private volatile boolean leader;
    private volatile boolean listening;
    private volatile Connection rxConnection;

    public PgBus(PostgresStoreConfig db, String instanceId, Map<String, byte[]> keys, String activeKeyId, Clock clock,
                 Duration livenessCheck, MeterRegistry registry) {
        this.db = db;
        this.instanceId = instanceId;
        this.codec = new BusCodec(keys, activeKeyId);
        this.clock = clock;
        this.livenessCheck = livenessCheck;
        this.registry = registry;
        this.sent = Counter.builder("vg_cluster_messages_sent").description("messages this instance published to the others")
                .register(registry);
        this.received = Counter.builder("vg_cluster_messages_received").description("messages received from other instances")
                .register(registry);
        this.reconnects = Counter.builder("vg_cluster_reconnects").description("bus connections re-opened after a failure")
                .register(registry);
        this.delivery = Timer.builder("vg_cluster_delivery").description("publish (wall clock of the sender) to receipt")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("vg_cluster_connected", () -> listening ? 1 : 0).description("1 while the bus is listening")
                .register(registry);
        Gauge.builder("vg_cluster_leader", () -> leader ? 1 : 0)
                .description("1 while this instance holds the Genesys notification lease").register(registry);
        Gauge.builder("vg_cluster_outbox", outbox::size).description("messages waiting to be published").register(registry);
        rx = new Thread(this::receive, "vg-bus-rx");
        rx.setDaemon(true);
        tx = new Thread(this::send, "vg-bus-tx");
        tx.setDaemon(true);
    }

    public String instanceId() {
        return instanceId;
    }

    /** Registers the handler of one message kind (before {@link #start} to miss nothing). */
    public void on(String kind, Consumer<Message> handler) {
        handlers.put(kind, handler);
    }

    /** Called with true when this instance takes the lease and false when it loses it. */
    public void onLease(Consumer<Boolean> listener) {
        leaseListeners.add(listener);
    }

    /** Called after the bus listens again following a failure (messages may have been missed meanwhile). */
    public void onReconnected(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /** Competes for the lease from now on (idempotent). */
    public void requestLease() {
        wantLease = true;
    }

    public boolean leader() {
        return leader;
    }

    /** Whether the receiver is connected and listening. */
    public boolean listening() {
        return listening;
    }

    public void start() {
        rx.start();
        tx.start();
    }

    /**
     * Queues a message for every other instance; never blocks.
     *
     * @return false when it was dropped (queue full; counted)
     */
    public boolean publish(String kind, ObjectNode body) {
        ObjectNode env = BusCodec.JSON.createObjectNode();
        env.put("o", instanceId).put("k", kind).put("t", clock.millis()).set("b", body);
        if (!outbox.offer(env)) {
            dropped("queue_full");
            return false;
        }
        return true;
    }

    private void dropped(String reason) {
        registry.counter("vg_cluster_dropped", "reason", reason).increment();
    }

    private Connection connect(String role) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        if (db.password() != null && !db.password().isEmpty()) {
            p.setProperty("password", db.password());
        }
        p.setProperty("ApplicationName", "voicegate-bus-" + role);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "5");
        Connection c = DriverManager.getConnection(db.jdbcUrl(), p);
        c.setAutoCommit(true);
        return c;
    }

    private void receive() {
        long backoff = 50;
        boolean first = true;
        while (running) {
            try (Connection c = connect("rx-" + instanceId)) {
                rxConnection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                backoff = 50;
                if (!first) {
                    reconnects.increment();
                    log.info("[cluster] bus listening again after a failure; resynchronising");
                    reconnectListeners.forEach(Runnable::run);
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                long nextCheck = System.nanoTime() + livenessCheck.toNanos();
                long nextLeaseTry = System.nanoTime();
                while (running) {
                    if (wantLease && !leader && System.nanoTime() - nextLeaseTry >= 0) {
                        tryLease(c);
                        nextLeaseTry = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEASE_RETRY_MILLIS);
                    }
                    PGNotification[] ns = pg.getNotifications((int) POLL_MILLIS);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            dispatch(n.getParameter());
                        }
                    }
                    if (System.nanoTime() - nextCheck > 0) {
                        try (Statement s = c.createStatement()) {
                            s.setQueryTimeout((int) Math.max(1, livenessCheck.toSeconds()));
                            s.execute("SELECT 1");
                        }
                        nextCheck = System.nanoTime() + livenessCheck.toNanos();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("[cluster] bus connection failed ({}); retrying in {} ms", e.toString(), backoff);
                }
            } finally {
                rxConnection = null;
                listening = false;
                if (leader) {
                    leader = false;
                    log.warn("[cluster] lost the Genesys notification lease (bus connection ended)");
                    leaseListeners.forEach(l -> l.accept(false));
                }
            }
            if (running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                backoff = Math.min(MAX_BACKOFF.toMillis(), backoff * 2);
            }
        }
    }

    private void tryLease(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, LEASE_KEY);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getBoolean(1)) {
                    leader = true;
                    log.info("[cluster] {} holds the Genesys notification lease", instanceId);
                    leaseListeners.forEach(l -> l.accept(true));
                }
            }
        }
    }

    private void dispatch(String payload) {
        JsonNode env;
        try {
            env = codec.open(payload);
        } catch (BusCodec.BadMessageException e) {
            dropped("bad_message");
            log.warn("[cluster] refused a bus message: {}", e.getMessage());
            return;
        }
        String origin = env.path("o").asText("");
        if (origin.equals(instanceId)) {
            return;     // our own, echoed back by the server
        }
        String kind = env.path("k").asText("");
        long t = env.path("t").asLong(0);
        received.increment();
        if (t > 0) {
            delivery.record(Math.max(0, clock.millis() - t), TimeUnit.MILLISECONDS);
        }
        Consumer<Message> h = handlers.get(kind);
        if (h == null) {
            dropped("unknown_kind");
            return;
        }
        try {
            h.accept(new Message(origin, kind, env.path("b"), t));
        } catch (RuntimeException e) {
            log.warn("[cluster] handler of '{}' failed: {}", kind, e.toString());
        }
    }

    private void send() {
        List<ObjectNode> batch = new ArrayList<>(BATCH);
        long backoff = 50;
        int failures = 0;
        while (running) {
            try (Connection c = connect("tx-" + instanceId);
                 PreparedStatement s = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                try (Statement st = c.createStatement()) {
                    // a NOTIFY needs a transaction id, so each one commits; waiting for its WAL flush buys nothing
                    // (notifications are not durable anyway) and costs milliseconds per message
                    st.execute("SET synchronous_commit = off");
                }
                backoff = 50;
                while (running) {
                    if (batch.isEmpty()) {
                        ObjectNode first = outbox.poll(200, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                        outbox.drainTo(batch, BATCH - 1);
                    }
                    int queued = 0;
                    for (ObjectNode m : batch) {
                        String payload = codec.seal(m);
                        if (payload.length() > BusCodec.MAX_PAYLOAD) {
                            dropped("too_large");
                            log.warn("[cluster] a '{}' message is {} bytes sealed (limit {}); not sent", m.path("k").asText(),
                                    payload.length(), BusCodec.MAX_PAYLOAD);
                            continue;
                        }
                        s.setString(1, payload);
                        s.addBatch();
                        queued++;
                    }
                    if (queued > 0) {
                        s.executeBatch();
                        sent.increment(queued);
                    }
                    batch.clear();
                    failures = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (running && ++failures > 1) {
                    log.warn("[cluster] bus publish failed again ({}); {} message(s) dropped", e.toString(), batch.size());
                    batch.forEach(m -> dropped("send_failed"));
                    batch.clear();
                    failures = 0;
                } else if (running) {
                    log.warn("[cluster] bus publish failed ({}); {} message(s) will be retried in {} ms", e.toString(),
                            batch.size(), backoff);
                }
            }
            if (running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                backoff = Math.min(MAX_BACKOFF.toMillis(), backoff * 2);
            }
        }
    }

    /** Stops both threads and closes their connections (the server releases the lease with them). */
    @Override
    public void close() {
        running = false;
        tx.interrupt();
        Connection c = rxConnection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            rx.join(5_000);
            tx.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
