package dev.voicegate.core.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * This instance's membership of the cluster: a heartbeat every {@code cluster.heartbeat} (carrying whether it holds
 * the lease and whether its Genesys event stream is healthy), the peers heard from, and the peers gone (not heard for
 * {@code cluster.peerTimeout}). Listeners of "gone" run on the scheduler thread and must not block.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    static final String HEARTBEAT = "hb";

    /** What a peer last said about itself. */
    record Peer(String id, long lastSeenNanos, boolean leader, boolean eventsHealthy) {
    }

    private final PgBus bus;
    private final Duration heartbeat;
    private final Duration peerTimeout;
    private final LongSupplier ticker;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> joined = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> gone = new CopyOnWriteArrayList<>();
    private final List<Runnable> ticks = new CopyOnWriteArrayList<>();
    private volatile BooleanSupplier eventsHealthy = () -> false;
    private ScheduledFuture<?> beating;

    public ClusterNode(PgBus bus, Duration heartbeat, Duration peerTimeout, LongSupplier ticker, MeterRegistry registry) {
        this.bus = bus;
        this.heartbeat = heartbeat;
        this.peerTimeout = peerTimeout;
        this.ticker = ticker;
        bus.on(HEARTBEAT, m -> {
            Peer before = peers.put(m.origin(), new Peer(m.origin(), ticker.getAsLong(), m.body().path("leader").asBoolean(),
                    m.body().path("healthy").asBoolean()));
            if (before == null) {
                log.info("[cluster] instance {} joined ({} peers)", m.origin(), peers.size());
                joined.forEach(l -> l.accept(m.origin()));
            }
        });
        Gauge.builder("vg_cluster_peers", peers::size).description("other instances heard from within cluster.peerTimeout")
                .register(registry);
    }

    public PgBus bus() {
        return bus;
    }

    public String instanceId() {
        return bus.instanceId();
    }

    /** Whether this instance's own Genesys event stream is healthy (announced in the heartbeat). */
    public void eventsHealthy(BooleanSupplier healthy) {
        this.eventsHealthy = healthy;
    }

    /** Called (scheduler thread) with the id of an instance heard from for the first time, or again after it was gone. */
    public void onJoined(Consumer<String> listener) {
        joined.add(listener);
    }

    /** Called (scheduler thread) with the id of an instance not heard from for {@code cluster.peerTimeout}. */
    public void onGone(Consumer<String> listener) {
        gone.add(listener);
    }

    /** Called on every heartbeat tick (scheduler thread). */
    public void onTick(Runnable r) {
        ticks.add(r);
    }

    /** The peer that says it holds the lease, if one was heard within the timeout. */
    Optional<Peer> leaderPeer() {
        long now = ticker.getAsLong();
        return peers.values().stream().filter(p -> p.leader() && now - p.lastSeenNanos() < peerTimeout.toNanos()).findFirst();
    }

    public int peerCount() {
        return peers.size();
    }

    public void start(ScheduledExecutorService scheduler) {
        bus.start();
        beating = scheduler.scheduleAtFixedRate(this::tick, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            ObjectNode b = BusCodec.JSON.createObjectNode();
            b.put("leader", bus.leader()).put("healthy", bus.leader() && eventsHealthy.getAsBoolean());
            bus.publish(HEARTBEAT, b);
            long now = ticker.getAsLong();
            List<String> lost = new ArrayList<>();
            peers.values().removeIf(p -> {
                boolean dead = now - p.lastSeenNanos() >= peerTimeout.toNanos();
                if (dead) {
                    lost.add(p.id());
                }
                return dead;
            });
            for (String id : lost) {
                log.warn("[cluster] instance {} not heard from for {}: gone", id, peerTimeout);
                gone.forEach(l -> l.accept(id));
            }
            ticks.forEach(Runnable::run);
        } catch (RuntimeException e) {
            log.warn("[cluster] heartbeat tick failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (beating != null) {
            beating.cancel(false);
        }
        bus.close();
    }

}
