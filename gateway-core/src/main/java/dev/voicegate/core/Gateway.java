package dev.voicegate.core;

import dev.voicegate.audiohook.auth.ApiKeyConfig;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.config.AuthMode;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.config.SessionConfig;
import dev.voicegate.audiohook.netty.AudioHookServer;
import dev.voicegate.core.admin.AdminServer;
import dev.voicegate.core.admin.Readiness;
import dev.voicegate.core.config.AudioHookSection;
import dev.voicegate.core.config.ConfigException;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.VoiceGateConfig;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.function.LongSupplier;

/**
 * The composition root: builds every component from the config, starts them in dependency order
 * and stops them in reverse (readiness off first, AudioHook drained, then the rest).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Wall clock and monotonic ticker (tests inject their own). */
    public record Time(Clock clock, LongSupplier ticker) {
        public static Time system() {
            return new Time(Clock.systemUTC(), System::nanoTime);
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Readiness readiness = new Readiness();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final VoiceGateConfig config;
    private AudioHookServer audiohook;
    private AdminServer admin;
    private GatingComponents gating;

    private Gateway(VoiceGateConfig config) {
        this.config = config;
    }

    /** Starts everything; on failure stops what already started and rethrows. */
    public static Gateway start(VoiceGateConfig config, Time time) {
        Gateway g = new Gateway(config);
        try {
            g.startAll(time);
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void startAll(Time time) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        toClose.push(registry::close);

        GatewayAudioListener listener;
        if (config.gating().modeValue() == GatingSection.Mode.GATED) {
            gating = GatingComponents.start(config, registry, readiness, time);
            toClose.push(gating);
            listener = new GatewayAudioListener(gating.correlator());
        } else {
            listener = new GatewayAudioListener(null);
        }
        audiohook = startAudioHook(config.audiohook(), listener, time);
        toClose.push(audiohook);
        readiness.register("audiohook", audiohook::isAccepting);
        admin = AdminServer.start(config.admin().host(), config.admin().port(), registry, readiness);
        toClose.push(admin);
        log.info("VoiceGate started: AudioHook on {}:{}{} (gating.mode {}), admin on {}:{}",
                config.audiohook().host(), audiohook.port(), config.audiohook().path(), config.gating().mode(),
                config.admin().host(), admin.port());
    }

    private AudioHookServer startAudioHook(AudioHookSection a, GatewayAudioListener listener, Time time) {
        try {
            AuthConfig auth = AuthConfig.of(a.apiKeys().stream().map(k -> new ApiKeyConfig(k.key(), k.secret())).toList())
                    .withOrganizationIds(new HashSet<>(a.organizationIds()));
            ServerLimits limits = ServerLimits.defaults()
                    .withMaxSessions(a.maxSessions())
                    .withOpenRate(a.maxOpensPerSecondPerOrg(), Math.max(1, a.maxOpensPerSecondPerOrg() * 2))
                    .withMaxBinaryFrameBytes(a.maxBinaryFrameBytes())
                    .withIdleTimeout(a.idleTimeout());
            SessionConfig session = SessionConfig.defaults().withDecisionDeadline(a.decisionDeadline());
            if (a.l16ByteOrder().equals("big")) {
                session = new SessionConfig(session.decisionDeadline(), session.mediaPreference(), ByteOrder.BIG_ENDIAN,
                        session.supportedLanguages());
            }
            return AudioHookServer.builder()
                    .host(a.host()).port(a.port()).path(a.path())
                    .auth(auth).authMode(a.authMode().equals("session") ? AuthMode.SESSION : AuthMode.REQUEST)
                    .limits(limits).session(session).drainPeriod(a.drainPeriod())
                    .listener(listener).meterRegistry(registry).clock(time.clock()).ticker(time.ticker())
                    .start();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Re-reads group and queue membership now (also runs every {@code genesys.agentSyncInterval}); no-op in open mode. */
    public java.util.concurrent.CompletionStage<Void> syncAgentsNow() {
        return gating == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : gating.directory().sync();
    }

    public int audiohookPort() {
        return audiohook.port();
    }

    public int adminPort() {
        return admin.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Readiness off, AudioHook drained (bounded by its drain period), then everything else in reverse start order. */
    @Override
    public synchronized void close() {
        readiness.shutdownStarted();
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
