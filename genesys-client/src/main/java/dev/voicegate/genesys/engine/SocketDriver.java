package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.engine.ChannelSession.SocketHandle;
import dev.voicegate.genesys.internal.SocketConnector;
import dev.voicegate.genesys.protocol.NotificationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static dev.voicegate.genesys.engine.ChannelState.ACTIVE;
import static dev.voicegate.genesys.engine.ChannelState.CONNECTING;
import static dev.voicegate.genesys.engine.ChannelState.RECONNECTING;

/**
 * The socket side of a channel: opens sockets, classifies what arrives, tracks liveness, and
 * swaps sockets make-before-break on reconnect. Hands channel-level outcomes (live, lost, failed)
 * to {@link ChannelDriver}. Every method runs on the engine's serial executor.
 */
final class SocketDriver {

    private static final Logger log = LoggerFactory.getLogger(SocketDriver.class);
    static final String PING = "{\"message\":\"ping\"}";

    private final NotificationEngine engine;
    private final NotificationEngine.Deps deps;
    private final ChannelDriver channels;

    SocketDriver(NotificationEngine engine, NotificationEngine.Deps deps, ChannelDriver channels) {
        this.engine = engine;
        this.deps = deps;
        this.channels = channels;
    }

    private long now() {
        return deps.ticker().getAsLong();
    }

    void connect(ChannelSession s, boolean reconnect) {
        SocketHandle h = new SocketHandle(++s.socketGenerations);
        if (reconnect) {
            s.pendingSocket = h;
        } else {
            s.socket = h;
        }
        s.phaseStartedNanos = now();
        deps.connector().connect(s.connectUri, listener(s, h))
                .whenComplete((sock, err) -> engine.onSerial(() -> connected(s, h, sock, err)));
    }

    private void connected(ChannelSession s, SocketHandle h, SocketConnector.NotificationSocket sock, Throwable err) {
        if (err != null) {
            h.closed = true;
            if (h == s.pendingSocket) {
                s.pendingSocket = null;
                channels.rotate(s.shard, "reconnect_failed");
            } else if (h == s.socket && !s.closed()) {
                channels.fail(s, "connect", err);
            }
            return;
        }
        h.socket = sock;
        if (s.closed() || h.closed) {
            sock.close();
            return;
        }
        sock.send(PING); // a pong proves the socket live without waiting up to 30 s for a heartbeat
    }

    private SocketConnector.SocketListener listener(ChannelSession s, SocketHandle h) {
        return new SocketConnector.SocketListener() {
            @Override
            public CompletionStage<?> onText(String text) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                engine.onSerialOrDrop(() -> {
                    try {
                        received(s, h, text);
                    } finally {
                        done.complete(null);
                    }
                }, done);
                return done;
            }

            @Override
            public void onClosed(String reason) {
                engine.onSerial(() -> socketClosed(s, h, reason));
            }
        };
    }

    private void received(ChannelSession s, SocketHandle h, String text) {
        NotificationMessage msg;
        try {
            msg = NotificationMessage.parse(deps.json(), text);
        } catch (IllegalArgumentException e) {
            engine.metrics().received("unparseable");
            log.warn("[genesys {}] dropped a notification: {}", s, e.getMessage());
            return;
        }
        if (msg instanceof NotificationMessage.ConversationUpdate u) {
            // Delivered even from a socket or channel being replaced: events in flight there during
            // a make-before-break switch are not lost, and the tracker drops the duplicates.
            engine.metrics().received("conversation");
            engine.deliver(u.userId(), u.snapshot());
        }
        if (s.closed() || h.closed) {
            return;
        }
        markLive(s, h);
        if (msg instanceof NotificationMessage.Liveness) {
            engine.metrics().received("heartbeat");
        } else if (msg instanceof NotificationMessage.SocketClosing) {
            engine.metrics().received("system");
            reconnect(s, "socket_closing");
        } else if (msg instanceof NotificationMessage.ChannelLost lost) {
            engine.metrics().received("system");
            log.info("[genesys {}] channel lost: {}", s, lost.reason());
            s.lost = true;
            channels.rotate(s.shard, lost.reason().startsWith("channel gone") ? "channel_gone" : lost.reason());
            engine.evaluateHealth();
        } else if (msg instanceof NotificationMessage.Other) {
            engine.metrics().received("other");
        }
    }

    private void markLive(ChannelSession s, SocketHandle h) {
        long now = now();
        if (h == s.pendingSocket) {
            SocketHandle old = s.socket;
            h.live = true;
            s.socket = h;
            s.pendingSocket = null;
            s.lastLivenessNanos = now;
            if (s.state() == RECONNECTING) {
                s.to(ACTIVE);
            }
            if (old != null) {
                old.close();
            }
            log.info("[genesys {}] socket reconnected", s);
            engine.evaluateHealth();
        } else if (h == s.socket) {
            s.lastLivenessNanos = now;
            if (!h.live) {
                h.live = true;
                if (s.state() == CONNECTING) {
                    s.to(ACTIVE);
                    channels.promote(s);
                }
            }
        }
    }

    private void socketClosed(ChannelSession s, SocketHandle h, String reason) {
        h.closed = true;
        if (s.closed()) {
            return;
        }
        if (h == s.pendingSocket) {
            s.pendingSocket = null;
            channels.rotate(s.shard, "reconnect_failed");
            return;
        }
        if (h != s.socket || s.pendingSocket != null) {
            return; // superseded, or a replacement is already opening
        }
        log.info("[genesys {}] socket closed: {}", s, reason);
        switch (s.state()) {
            case CONNECTING -> channels.fail(s, "connect", new IllegalStateException("socket closed: " + reason));
            case ACTIVE -> reconnect(s, "socket_closed");
            case RECONNECTING -> channels.rotate(s.shard, "reconnect_failed");
            default -> { }
        }
    }

    /** Opens a new socket to the same channel; the old one serves until the new one is live. */
    void reconnect(ChannelSession s, String reason) {
        if (s.state() != ACTIVE) {
            return;
        }
        s.to(RECONNECTING);
        engine.metrics().reconnect(reason);
        log.info("[genesys {}] reconnecting socket ({})", s, reason);
        connect(s, true);
        engine.evaluateHealth();
    }
    void ping(ChannelSession s) {
        for (SocketHandle h : new SocketHandle[] {s.socket, s.pendingSocket}) {
            if (h != null && h.socket != null && !h.closed) {
                h.socket.send(PING);
            }
        }
    }
}
