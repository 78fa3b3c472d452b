package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.api.AudioHookListener;
import dev.voicegate.audiohook.audio.MediaSelector;
import dev.voicegate.audiohook.config.SessionConfig;
import dev.voicegate.audiohook.protocol.AudioHookCodec;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Shared, thread-safe collaborators of every {@link ServerSession}; creates sessions. */
public final class ServerSessionFactory {

    final SessionConfig config;
    final AudioHookListener listener;
    final AudioHookMetrics metrics;
    final AudioHookCodec codec;
    final MediaSelector selector;
    final LongSupplier ticker;

    /**
     * @param ticker monotonic nanoseconds (used for the open→opened latency)
     */
    public ServerSessionFactory(SessionConfig config, AudioHookListener listener, AudioHookMetrics metrics,
                                LongSupplier ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.codec = new AudioHookCodec();
        this.selector = new MediaSelector(config.mediaPreference());
    }

    /** The codec sessions use (thread-safe). */
    public AudioHookCodec codec() {
        return codec;
    }

    /** The shared metrics. */
    public AudioHookMetrics metrics() {
        return metrics;
    }

    /** Creates a session in PREPARING bound to {@code transport}. Call it on the transport's thread. */
    public ServerSession create(SessionContext context, SessionTransport transport) {
        return new ServerSession(this, context, transport);
    }
}
