package dev.voicegate.biometrics.store.postgres;

import dev.voicegate.biometrics.store.IndexChanges;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.internal.Database;
import dev.voicegate.biometrics.store.internal.IndexNotice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@link Database#INDEX_CHANNEL} for one {@link IndexChanges} sink: a dedicated JDBC connection (not one of
 * the pool's: it holds a session-level {@code LISTEN} for its whole life), polled on one named daemon thread.
 *
 * <p><b>Bounded.</b> Notices are coalesced by what they name into at most {@value #MAX_PENDING} pending keys; a
 * burst beyond that (or more than {@value #MAX_DRAIN} notices without a pause) is dropped and answered with one
 * {@link IndexChanges#reloadAll}, which covers everything it named.
 *
 * <p><b>Connection loss.</b> A failed poll, or a failed heartbeat ({@code SELECT 1} after {@link #HEARTBEAT} without
 * traffic, which also catches a silently dropped link), closes the connection; the thread reconnects with backoff
 * ({@link #MIN_BACKOFF} doubling to {@link #MAX_BACKOFF}) and then reloads everything, since notices sent while it was
 * away are lost. A sink that throws (the store unreachable while it re-reads) also leads to a reload once the
 * store answers again.
 *
 * <p>Meters ({@code voicegate.biometrics.index.sync.*}): {@code notices} (counter: notices received),
 * {@code reloads} (counter; reason=reconnect|overflow|error), {@code lag} (timer: writer's clock at the write →
 * applied here; includes clock skew between instances), {@code connected} (gauge, 1 while listening).
 */
final class IndexListener implements AutoCloseable {

    static final int MAX_PENDING = 4096;
    static final int MAX_DRAIN = 4 * MAX_PENDING;
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(IndexListener.class);
    private static final String PREFIX = "voicegate.biometrics.index.sync.";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final PostgresStoreConfig config;
    private final int maxPending;
    private final IndexChanges sink;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final Counter notices;
    private final MeterRegistry registry;
    private final Timer lag;
    private volatile boolean connected;
    private volatile Connection connection;
    /** Sink state may be behind the store (a sink call failed): reload before anything else. */
    private boolean reloadPending;

    private IndexListener(PostgresStoreConfig config, IndexChanges sink, Clock clock, MeterRegistry registry,
                          int maxPending) {
        this.config = config;
        this.maxPending = maxPending;
        this.sink = sink;
        this.clock = clock;
        this.registry = registry;
        this.notices = Counter.builder(PREFIX + "notices").description("index change notices received")
                .register(registry);
        this.lag = Timer.builder(PREFIX + "lag").description("write on any instance -> applied to this index")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder(PREFIX + "connected", this, l -> l.connected ? 1 : 0)
                .description("1 while the index listener is connected").register(registry);
        this.thread = new Thread(this::run, "voicegate-index-listener-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /**
     * Connects and {@code LISTEN}s before returning (so every write committed afterwards reaches {@code sink}), then
     * polls on its own thread.
     *
     * @throws StoreException naming the URL (without parameters) when the first connection fails
     */
    static IndexListener start(PostgresStoreConfig config, IndexChanges sink, Clock clock, MeterRegistry registry) {
        return start(config, sink, clock, registry, MAX_PENDING);
    }

    /** With another bound on pending keys (tests); the drain bound stays four times that. */
    static IndexListener start(PostgresStoreConfig config, IndexChanges sink, Clock clock, MeterRegistry registry,
                               int maxPending) {
        IndexListener listener = new IndexListener(config, sink, clock, registry, maxPending);
        try {
            listener.connection = listener.connect();
        } catch (SQLException e) {
            throw new StoreException("index listener: cannot listen on " + config.redactedUrl() + " as "
                    + config.user() + ": " + e.getMessage(), e);
        }
        listener.connected = true;
        listener.thread.start();
        return listener;
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password());
        p.setProperty("ApplicationName", "voicegate-index-listener");
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(config.jdbcUrl(), p);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + Database.INDEX_CHANNEL);
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        boolean reconnected = false;
        while (stop.getCount() > 0) {
            Connection c = connection;
            try {
                if (c == null) {
                    c = connect();
                    connection = c;
                    connected = true;
                    reconnected = true;
                    log.info("[index-sync] listening again on {}", config.redactedUrl());
                }
                if (reconnected || reloadPending) {
                    reload(reconnected ? "reconnect" : "error");
                    reconnected = false;
                }
                backoff = MIN_BACKOFF;
                poll(c);
            } catch (SQLException e) {
                if (stop.getCount() == 0) {
                    break;
                }
                connected = false;
                connection = null;
                closeQuietly(c);
                log.warn("[index-sync] listener connection lost ({}); reconnecting in {} ms", e.getMessage(),
                        backoff.toMillis());
                if (await(backoff)) {
                    break;
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            } catch (RuntimeException e) {
                // the sink could not read the store: its state may be behind, reload once the store answers
                reloadPending = true;
                log.warn("[index-sync] applying changes failed ({}); reloading in {} ms", e.toString(), backoff.toMillis());
                if (await(backoff)) {
                    break;
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
        connected = false;
        closeQuietly(connection);
        connection = null;
    }

    /** Polls until the connection fails or {@link #close}; applies each batch of notices. */
    private void poll(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        Instant lastTraffic = clock.instant();
        while (stop.getCount() > 0) {
            PGNotification[] batch = pg.getNotifications((int) POLL.toMillis());
            if (batch == null || batch.length == 0) {
                if (Duration.between(lastTraffic, clock.instant()).compareTo(HEARTBEAT) >= 0) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                    lastTraffic = clock.instant();
                }
                continue;
            }
            lastTraffic = clock.instant();
            Map<String, IndexNotice> pending = new LinkedHashMap<>();
            boolean overflow = false;
            int drained = 0;
            while (batch != null && batch.length > 0) {
                for (PGNotification n : batch) {
                    notices.increment();
                    drained++;
                    if (overflow) {
                        continue;
                    }
                    IndexNotice notice = IndexNotice.parse(n.getParameter()).orElse(null);
                    if (notice == null) {
                        log.warn("[index-sync] ignoring a notice this version does not understand ({} characters)",
                                n.getParameter() == null ? 0 : n.getParameter().length());
                        continue;
                    }
                    pending.putIfAbsent(notice.kind() + ":" + notice.id(), notice);
                    if (pending.size() > maxPending) {
                        overflow = true;
                        pending.clear();
                    }
                }
                if (drained >= 4 * maxPending) {
                    overflow = true;
                    pending.clear();
                    break;
                }
                batch = pg.getNotifications(); // what has already arrived, without waiting
            }
            if (overflow) {
                reload("overflow");
                continue;
            }
            for (IndexNotice notice : pending.values()) {
                switch (notice.kind()) {
                    case VOICEPRINT -> sink.voiceprintChanged(notice.id());
                    case BLOCKLIST -> sink.blocklistChanged(notice.id());
                    default -> throw new IllegalStateException("unknown notice kind " + notice.kind());
                }
                Duration d = Duration.between(notice.writtenAt(), clock.instant());
                lag.record(d.isNegative() ? Duration.ZERO : d);
            }
        }
    }

    private void reload(String reason) {
        Counter.builder(PREFIX + "reloads").tag("reason", reason).description("full index reloads")
                .register(registry).increment();
        reloadPending = true;
        sink.reloadAll();
        reloadPending = false;
        log.info("[index-sync] indexes reloaded from the store (reason={})", reason);
    }

    private boolean await(Duration d) {
        try {
            return stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("[index-sync] closing the listener connection: {}", e.getMessage());
            }
        }
    }

    /** Whether the listener is connected and listening (for tests and health). */
    boolean connected() {
        return connected;
    }

    /** Stops polling (within {@link #POLL}) and closes the connection. Idempotent. */
    @Override
    public void close() {
        stop.countDown();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread.isAlive()) {
            log.warn("[index-sync] listener thread did not stop within 10 s");
        }
    }
}
