package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.Backoff;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.config.NotificationConfig;
import dev.voicegate.genesys.internal.Scheduler;
import dev.voicegate.genesys.protocol.Dtos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static dev.voicegate.genesys.engine.ChannelState.ACTIVE;
import static dev.voicegate.genesys.engine.ChannelState.CONNECTING;
import static dev.voicegate.genesys.engine.ChannelState.CREATING;
import static dev.voicegate.genesys.engine.ChannelState.RECONNECTING;
import static dev.voicegate.genesys.engine.ChannelState.SUBSCRIBING;

/**
 * Drives each channel through {@link ChannelState}: create → subscribe → connect → live,
 * rotations (the successor channel runs beside the old one until it is live), retries with
 * backoff and the heartbeat watchdog; socket handling is in {@link SocketDriver}. Every method
 * runs on the engine's serial executor.
 */
final class ChannelDriver {

    private static final Logger log = LoggerFactory.getLogger(ChannelDriver.class);

    private final NotificationEngine engine;
    private final NotificationConfig config;
    private final NotificationEngine.Deps deps;
    private final Backoff backoff;
    private final SocketDriver sockets;
    private long sessionCounter;

    ChannelDriver(NotificationEngine engine, NotificationConfig config, NotificationEngine.Deps deps) {
        this.engine = engine;
        this.config = config;
        this.deps = deps;
        this.backoff = new Backoff(config.retryInitial(), config.retryMax(), deps.random());
        this.sockets = new SocketDriver(engine, deps, this);
    }

    SocketDriver sockets() {
        return sockets;
    }

    private long now() {
        return deps.ticker().getAsLong();
    }

    /** Opens a channel for the shard: its first one, or (with a current one) its successor. */
    void open(Shard shard, boolean rotation) {
        if (engine.isClosed() || shard.removed) {
            return;
        }
        if (engine.liveSessionCount() >= config.maxChannels()) {
            engine.waitForSlot(shard);
            return;
        }
        ChannelSession previous = shard.active;
        ChannelSession s = new ChannelSession(shard, ++sessionCounter);
        if (shard.active == null) {
            shard.active = s;
        } else {
            shard.successor = s;
        }
        engine.sessionAdded(s);
        s.to(CREATING);
        s.phaseStartedNanos = now();
        CompletableFuture<AccessToken> token = rotation && previous != null && previous.token != null
                ? deps.tokens().tokenNewerThan(previous.token) : deps.tokens().token();
        token.thenCompose(t -> {
            s.token = t;
            return deps.rest().createChannel();
        }).whenComplete((ch, err) -> engine.onSerial(() -> created(s, ch, err)));
    }

    private void created(ChannelSession s, Dtos.Channel ch, Throwable err) {
        if (s.closed()) {
            return;
        }
        if (err != null) {
            fail(s, "create", err);
            return;
        }
        s.channelId = ch.id();
        s.connectUri = URI.create(ch.connectUri());
        s.deadlineNanos = deadline(s, ch.expires());
        s.to(SUBSCRIBING);
        log.info("[genesys {}] channel created; subscribing {} topics", s, s.shard.topics.size());
        put(s);
    }

    private long deadline(ChannelSession s, String expires) {
        long now = now();
        long deadline = Math.min(s.token.refreshAtNanos(config.rotationFraction()), now + config.maxChannelAge().toNanos());
        if (expires != null) {
            try {
                Duration left = Duration.between(deps.clock().instant(), Instant.parse(expires))
                        .minus(config.channelExpiryMargin());
                deadline = Math.min(deadline, now + Math.max(0, left.toNanos()));
            } catch (RuntimeException e) {
                log.warn("[genesys {}] unreadable channel expiry {}; rotating on token lifetime only", s, expires);
            }
        }
        return deadline;
    }

    /** Sends the shard's full topic set to the channel (serialised per channel: one PUT in flight). */
    void put(ChannelSession s) {
        if (s.closed() || s.channelId == null) {
            return; // still being created: the set-up PUT reads the topics then
        }
        if (s.putInFlight) {
            s.putAgain = true;
            return;
        }
        s.putInFlight = true;
        List<String> topics = List.copyOf(s.shard.topics);
        deps.rest().putSubscriptions(s.channelId, topics)
                .whenComplete((r, e) -> engine.onSerial(() -> putDone(s, topics, r, e)));
    }

    private void putDone(ChannelSession s, List<String> topics, List<Dtos.ChannelTopic> result, Throwable err) {
        s.putInFlight = false;
        if (s.closed()) {
            return;
        }
        if (err != null) {
            if (s.state() == SUBSCRIBING) {
                fail(s, "subscribe", err);
            } else if (status(err) == 404) {
                rotate(s.shard, "channel_gone");
            } else {
                engine.metrics().failure("resubscribe");
                Duration delay = backoff.delay(++s.putFailures);
                log.warn("[genesys {}] subscription update failed: {}; retrying in {} ms", s, message(err), delay.toMillis());
                deps.scheduler().schedule(() -> engine.onSerial(() -> put(s)), delay);
            }
            return;
        }
        s.subscribed = topics;
        s.putFailures = 0;
        long rejected = result.stream().filter(t -> "Rejected".equalsIgnoreCase(t.state())).count();
        if (rejected > 0) {
            log.warn("[genesys {}] {} of {} topics rejected by Genesys (unknown users or missing permissions)",
                    s, rejected, topics.size());
        }
        if (s.state() == SUBSCRIBING) {
            s.to(CONNECTING);
            sockets.connect(s, false);
        }
        if (s.putAgain) {
            s.putAgain = false;
            put(s);
        }
    }


    /** Replaces the shard's channel with a new one (new token, new channel, full subscribe). */
    void rotate(Shard shard, String reason) {
        if (engine.isClosed() || shard.removed || shard.rotating()) {
            return;
        }
        engine.metrics().rotation(reason);
        log.info("[genesys shard={}] rotating channel ({})", shard.index, reason);
        open(shard, shard.active != null);
    }

    void promote(ChannelSession s) {
        Shard shard = s.shard;
        if (shard.successor == s) {
            ChannelSession old = shard.active;
            shard.active = s;
            shard.successor = null;
            if (old != null) {
                close(old);
            }
        }
        shard.failures = 0;
        if (shard.rotationTimer != null) {
            shard.rotationTimer.cancel();
        }
        long delay = Math.max(0, s.deadlineNanos - now());
        shard.rotationTimer = deps.scheduler().schedule(() -> engine.onSerial(() -> {
            if (shard.active == s && !s.closed()) {
                rotate(shard, "lifetime");
            }
        }), Duration.ofNanos(delay));
        log.info("[genesys {}] live; {} topics; rotation in {} s", s, s.subscribed.size(), delay / 1_000_000_000L);
        engine.evaluateHealth();
    }

    void fail(ChannelSession s, String step, Throwable err) {
        engine.metrics().failure(step);
        Shard shard = s.shard;
        close(s);
        if (shard.active == s) {
            shard.active = shard.successor;
            shard.successor = null;
        } else if (shard.successor == s) {
            shard.successor = null;
        }
        shard.failures++;
        Duration delay = backoff.delay(shard.failures);
        log.warn("[genesys {}] {} failed: {}; retrying in {} ms", s, step, message(err), delay.toMillis());
        if (shard.retryTimer != null) {
            shard.retryTimer.cancel();
        }
        shard.retryTimer = deps.scheduler().schedule(() -> engine.onSerial(() -> {
            shard.retryTimer = null;
            if (shard.active == null) {
                open(shard, false);
            } else {
                rotate(shard, "retry");
            }
        }), delay);
        engine.evaluateHealth();
    }

    /** Closes a session and its sockets (no-op if closed). */
    void close(ChannelSession s) {
        if (s.to(ChannelState.CLOSED)) {
            s.closeSockets();
            engine.sessionClosed(s);
        }
    }

    /** Stops a shard: timers cancelled, channels closed. */
    void retire(Shard shard) {
        shard.removed = true;
        for (Scheduler.Cancellable t : new Scheduler.Cancellable[] {shard.rotationTimer, shard.retryTimer}) {
            if (t != null) {
                t.cancel();
            }
        }
        shard.rotationTimer = null;
        shard.retryTimer = null;
        if (shard.successor != null) {
            close(shard.successor);
        }
        if (shard.active != null) {
            close(shard.active);
        }
        shard.active = null;
        shard.successor = null;
    }


    /** Heartbeat watchdog for one session. */
    void watch(ChannelSession s) {
        long timeout = config.heartbeatTimeout().toNanos();
        long now = now();
        switch (s.state()) {
            case ACTIVE -> {
                if (now - s.lastLivenessNanos > timeout) {
                    sockets.reconnect(s, "heartbeat_timeout");
                }
            }
            case CONNECTING -> {
                if (now - s.phaseStartedNanos > timeout) {
                    fail(s, "first_heartbeat", new IllegalStateException("no heartbeat within " + config.heartbeatTimeout()));
                }
            }
            case RECONNECTING -> {
                if (now - s.phaseStartedNanos > timeout) {
                    rotate(s.shard, "reconnect_timeout");
                }
            }
            default -> { }
        }
    }

    static int status(Throwable err) {
        Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return c instanceof GenesysApiException g ? g.status() : -1;
    }

    static String message(Throwable err) {
        Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
