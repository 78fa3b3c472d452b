package dev.voicegate.testing.genesys;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notification channels of the fake and delivery of events to their sockets. Enforces the
 * documented limits: 1,000 topics per channel (else 400), 20 channels per app (the 21st evicts the
 * oldest, unconnected first), one connection per channel, channel death at its expiry or at the
 * expiry of the token that created it. Synchronized.
 */
final class FakeChannels {

    static final int MAX_TOPICS = 1000;
    static final int MAX_CHANNELS = 20;

    private final Map<String, FakeChannel> channels = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private volatile String wsBaseUri;
    private volatile Duration lifetime = Duration.ofHours(24);

    FakeChannels(Clock clock, ScheduledExecutorService timers) {
        this.clock = clock;
        this.timers = timers;
    }

    void wsBaseUri(String uri) {
        this.wsBaseUri = uri;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    synchronized FakeChannel create(String token, Instant tokenExpiry) {
        evictIfFull();
        String id = "streaming-" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 10);
        Instant expires = clock.instant().plus(lifetime);
        FakeChannel ch = new FakeChannel(id, wsBaseUri + "/channels/" + id, token, expires);
        channels.put(id, ch);
        Instant death = tokenExpiry.isBefore(expires) ? tokenExpiry : expires;
        long delayMs = Math.max(0, Duration.between(clock.instant(), death).toMillis());
        timers.schedule(() -> expire(id), delayMs, TimeUnit.MILLISECONDS);
        return ch;
    }

    private void evictIfFull() {
        List<FakeChannel> live = channels.values().stream().filter(c -> !c.dead).toList();
        if (live.size() < MAX_CHANNELS) {
            return;
        }
        FakeChannel victim = live.stream().filter(c -> c.connection == null).findFirst().orElse(live.get(0));
        kill(victim);
    }

    synchronized Optional<FakeChannel> live(String id) {
        FakeChannel ch = channels.get(id);
        return ch == null || ch.dead ? Optional.empty() : Optional.of(ch);
    }

    synchronized List<FakeChannel> liveChannels(String token) {
        return channels.values().stream().filter(c -> !c.dead && (token == null || c.token.equals(token))).toList();
    }

    /** Replaces (or with {@code add} extends) the topic set; returns false if over the limit. */
    synchronized boolean subscribe(FakeChannel ch, Collection<String> topics, boolean add) {
        Set<String> next = new java.util.LinkedHashSet<>(add ? ch.topics : Set.of());
        next.addAll(topics);
        if (next.size() > MAX_TOPICS) {
            return false;
        }
        ch.topics.clear();
        ch.topics.addAll(next);
        return true;
    }

    synchronized List<String> topics(FakeChannel ch) {
        return new ArrayList<>(ch.topics);
    }

    synchronized void clearTopics(FakeChannel ch) {
        ch.topics.clear();
    }

    /** Expires a channel: later REST calls get 404, its socket gets the 404 signal and is closed. */
    synchronized void expire(String id) {
        FakeChannel ch = channels.get(id);
        if (ch != null && !ch.dead) {
            kill(ch);
        }
    }

    private void kill(FakeChannel ch) {
        ch.dead = true;
        io.netty.channel.Channel conn = ch.connection;
        if (conn != null) {
            conn.writeAndFlush(new TextWebSocketFrame(ConversationEventBodies.channelGone(ch.id)))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    /** Sends {@code json} on every live, connected channel subscribed to {@code topic}; returns how many. */
    synchronized int publish(String topic, String json) {
        int sent = 0;
        for (FakeChannel ch : channels.values()) {
            io.netty.channel.Channel conn = ch.connection;
            if (!ch.dead && conn != null && conn.isActive() && ch.topics.contains(topic)) {
                conn.writeAndFlush(new TextWebSocketFrame(json));
                sent++;
            }
        }
        return sent;
    }

    /** Sends {@code json} to every connected channel. */
    synchronized void broadcast(String json) {
        connections().forEach(c -> c.writeAndFlush(new TextWebSocketFrame(json)));
    }

    synchronized List<io.netty.channel.Channel> connections() {
        return channels.values().stream().filter(c -> !c.dead).map(c -> c.connection)
                .filter(c -> c != null && c.isActive()).toList();
    }

    /** Registers a new socket for a channel; closes (kicks) the previous one. False if channel gone. */
    synchronized boolean attach(String id, io.netty.channel.Channel conn) {
        FakeChannel ch = channels.get(id);
        if (ch == null || ch.dead) {
            return false;
        }
        io.netty.channel.Channel previous = ch.connection;
        ch.connection = conn;
        if (previous != null && previous != conn) {
            // As a task, so frames already queued for the old socket by other threads go out first.
            previous.eventLoop().execute(previous::close);
        }
        return true;
    }

    synchronized void detach(String id, io.netty.channel.Channel conn) {
        FakeChannel ch = channels.get(id);
        if (ch != null && ch.connection == conn) {
            ch.connection = null;
        }
    }
}
