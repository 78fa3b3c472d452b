package dev.voicegate.core;

import dev.voicegate.audiohook.netty.AudioHookServer;
import dev.voicegate.core.admin.AdminServer;
import dev.voicegate.core.admin.Readiness;
import dev.voicegate.audiohook.config.AudioHookServerConfig;
import dev.voicegate.core.config.ComponentConfigs;
import dev.voicegate.core.config.ConfigException;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.core.genesys.GenesysOrgPorts;
import dev.voicegate.core.genesys.OrgPorts;
import dev.voicegate.core.identity.ClaimedIdentityResolver;
import dev.voicegate.core.time.Timers;
import dev.voicegate.core.tx.Activity;
import dev.voicegate.core.tx.TransactionLog;
import dev.voicegate.core.tx.TransactionManager;
import dev.voicegate.core.tx.TxDeps;
import dev.voicegate.core.tx.WriteBack;
import dev.voicegate.genesys.api.GenesysClient;
import dev.voicegate.genesys.config.GenesysConfig;
import dev.voicegate.notifier.auth.CachingTokenValidator;
import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.netty.AgentNotifierServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The composition root: builds every component from the config, starts them in dependency order
 * and stops them in reverse (readiness off first, AudioHook drained, then the rest).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** Blocking tasks (store I/O, analysis ends, retention) that may wait for a thread; more are rejected. */
    static final int BLOCKING_QUEUE = 1_000;

    /** Wall clock and monotonic ticker (tests inject their own). */
    public record Time(Clock clock, LongSupplier ticker) {
        public static Time system() {
            return new Time(Clock.systemUTC(), System::nanoTime);
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Readiness readiness = new Readiness();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<Consumer<Activity>> activityListeners = new CopyOnWriteArrayList<>();
    private final VoiceGateConfig config;
    private final ComponentConfigs components;
    private final GatewayResources resources;
    private AudioHookServer audiohook;
    private AdminServer admin;
    private GatingComponents gating;
    private BiometricsComponents biometrics;
    private AgentNotifierServer agentServer;
    private LocalTokenService localTokens;
    private TransactionLog txLog;
    private dev.voicegate.core.cluster.ClusterNode cluster;
    private dev.voicegate.core.cluster.ClusterOrgPorts clusterOrg;

    private Gateway(VoiceGateConfig config, ComponentConfigs components, GatewayResources resources) {
        this.config = config;
        this.components = components;
        this.resources = resources;
        toClose.push(resources);     // created first, closed last
    }

    /** Starts everything against the real Genesys Cloud organisation (gated mode); on failure stops what started. */
    public static Gateway start(VoiceGateConfig config, Time time) {
        config.requireGenesysForGating();
        return start(config, time, null);
    }

    /**
     * Starts everything; in gated mode against {@code org} (the demo's simulated organisation), or the
     * real Genesys Cloud client when {@code org} is null.
     */
    public static Gateway start(VoiceGateConfig config, Time time, OrgPorts org) {
        ComponentConfigs components = ComponentConfigs.of(config);
        Gateway g = new Gateway(config, components, GatewayResources.create(resourceSettings(config), time));
        try {
            g.startAll(time, org);
            return g;
        } catch (RuntimeException e) {
            g.close();
            throw StartupException.of(e);
        }
    }

    /** Shared I/O threads: Netty's default (2 × cores); blocking threads: {@code biometrics.workers}. */
    static GatewayResources.Settings resourceSettings(VoiceGateConfig config) {
        return new GatewayResources.Settings(0, config.biometrics().workers(), BLOCKING_QUEUE);
    }

    private void startAll(Time time, OrgPorts orgOverride) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        toClose.push(registry::close);

        if (config.cluster().enabled()) {
            startCluster(time);
        }
        OrgPorts org = null;
        GatewayAudioListener listener = new GatewayAudioListener(null);
        if (config.gating().modeValue() == GatingSection.Mode.GATED) {
            org = orgOverride != null ? orgOverride : genesysOrg(time);
            if (cluster != null) {
                OrgPorts single = orgOverride;
                clusterOrg = new dev.voicegate.core.cluster.ClusterOrgPorts(org,
                        () -> single != null ? single : genesysEventTerm(time), cluster);
                org = clusterOrg;
            }
            gating = GatingComponents.start(config, org, resources, registry, readiness);
            toClose.push(gating);
            listener = new GatewayAudioListener(gating.correlator());
        }
        if (config.biometrics().enabled()) {
            startBiometrics(time, org, listener);
        } else {
            log.warn("biometrics off: no biometrics.encryptionKeys configured; VoiceGate runs as a {} AudioHook endpoint",
                    gating == null ? "plain" : "gating");
        }
        if (cluster != null) {
            cluster.start(resources.scheduler());
        }
        audiohook = startAudioHook(listener, time);
        toClose.push(audiohook);
        readiness.register("audiohook", audiohook::isAccepting);
        try {
            admin = AdminServer.start(config.admin().host(), config.admin().port(), registry, readiness, components.admin(),
                    resources.serverLoops(), adminApi(time));
        } catch (RuntimeException e) {
            throw StartupException.listening("admin", "admin.port", config.admin().host(), config.admin().port(), e);
        }
        toClose.push(admin);
        log.info("VoiceGate started: AudioHook on {}:{}{} (gating.mode {}), admin on {}:{}{}",
                config.audiohook().host(), audiohook.port(), config.audiohook().path(), config.gating().mode(),
                config.admin().host(), admin.port(), agentServer == null ? "" : ", agent app on " + config.agent().host() + ":"
                        + agentServer.boundPort() + "/agent/");
    }

    /** The data-subject API: on with an {@code admin.token}; answers "biometrics off" when nothing is stored. */
    private dev.voicegate.core.admin.AdminApi adminApi(Time time) {
        if (!config.admin().apiEnabled()) {
            log.info("admin API off: no admin.token configured (only /healthz, /readyz, /metrics are served)");
            return dev.voicegate.core.admin.AdminApi.off();
        }
        return new dev.voicegate.core.admin.AdminApi(config.admin().token(), biometrics == null ? null
                : new dev.voicegate.core.admin.SubjectRequests(biometrics.store, biometrics.engine::forget, txLog,
                        time.clock(), resources.blocking()));
    }

    private OrgPorts genesysOrg(Time time) {
        GenesysConfig gc = components.genesys();
        return new GenesysOrgPorts(GenesysClient.builder(gc).clock(time.clock()).ticker(time.ticker()).meterRegistry(registry)
                .scheduler(resources.scheduler()).random(resources.jitter()).build(), time.clock());
    }

    /** {@code cluster.enabled}: the bus and membership on the shared PostgreSQL database (started after the wiring). */
    private void startCluster(Time time) {
        var c = config.cluster();
        String id = c.instanceId().isEmpty() ? defaultInstanceId() : c.instanceId();
        var store = components.store();
        var bus = new dev.voicegate.core.cluster.PgBus(components.postgres(), id, store.keys(), store.activeKeyId(),
                time.clock(), c.heartbeat(), registry);
        cluster = new dev.voicegate.core.cluster.ClusterNode(bus, c.heartbeat(), c.peerTimeout(), time.ticker(), registry);
        toClose.push(cluster);
        readiness.register("cluster", bus::listening);
        log.info("[cluster] instance {} joins the cluster on {}", id, components.postgres().jdbcUrl());
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (java.net.UnknownHostException e) {
            host = "gateway";
        }
        String suffix = Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffL);
        return (host.length() > 50 ? host.substring(0, 50) : host) + "-" + suffix;
    }

    /**
     * A fresh Genesys client for one lease term's notification subscription. The previous term's gauges (channels,
     * heartbeat age, health) are removed first so the new client's are the ones exported.
     */
    private OrgPorts genesysEventTerm(Time time) {
        registry.getMeters().stream()
                .filter(m -> m instanceof io.micrometer.core.instrument.Gauge && m.getId().getName().startsWith("voicegate.genesys."))
                .toList().forEach(registry::remove);
        return genesysOrg(time);
    }

    private void startBiometrics(Time time, OrgPorts org, GatewayAudioListener listener) {
        biometrics = BiometricsComponents.start(components.store(), components.postgres(), components.engine(),
                components.model(), time.clock(), registry);
        toClose.push(biometrics);
        ExecutorService blocking = resources.blocking();
        Timers timers = resources.timers();
        txLog = new TransactionLog(Path.of(config.biometrics().dataDir()), config.retention().transactions(), time.clock(), registry);
        toClose.push(txLog);
        RetentionJob retention = new RetentionJob(config.retention(), biometrics.store, txLog, time.clock(), biometrics.engine::forget);
        java.util.concurrent.ScheduledFuture<?> retentionRuns = resources.scheduler()
                .scheduleWithFixedDelay(() -> blocking.execute(retention), 1, 60, TimeUnit.MINUTES);
        toClose.push(() -> retentionRuns.cancel(false));
        WriteBack writeBack = org != null && config.genesys().writeBack() ? new WriteBack(org, registry) : null;
        var tx = new TransactionManager(config.transactions(),
                new ClaimedIdentityResolver(config.transactions().claimAttributes(), config.transactions().defaultRegion(),
                        config.transactions().useAni()),
                new TxDeps(biometrics.engine, biometrics.store, timers, blocking, time.clock(), time.ticker(), registry,
                        this::activity, (ctx, outcome) -> {
                            txLog.record(ctx, outcome);
                            if (writeBack != null) {
                                writeBack.write(ctx, outcome);
                            }
                        }));
        startAgentServer(time, org, tx);
        tx.commands().enrollSeconds(config.biometrics().minEnrollSpeech().toMillis() / 1000.0);
        listener.sink(tx);
        if (gating != null) {
            gating.bindings(tx);
        }
    }

    private void startAgentServer(Time time, OrgPorts org, TransactionManager tx) {
        var a = config.agent();
        localTokens = a.tokenKey().length == 0 ? null : new LocalTokenService(a.tokenKey(), time.clock(),
                components.agent().limits().maxTokenLifetime());
        var validator = new CachingTokenValidator(new AgentTokens(localTokens, a.genesysLogin() ? org : null,
                java.util.Set.copyOf(a.supervisors())), a.tokenCacheTtl(), 10_000, time.ticker());
        dev.voicegate.core.cluster.ClusterAgentNotifier mirror = cluster == null ? null
                : new dev.voicegate.core.cluster.ClusterAgentNotifier(cluster);
        dev.voicegate.notifier.api.AgentCommandListener commands = mirror == null ? tx.commands()
                : new dev.voicegate.core.cluster.ClusterCommands(tx.commands(), tx::holds, mirror, cluster, resources.timers(),
                        config.cluster().commandTimeout(), registry);
        agentServer = AgentNotifierServer.builder()
                .config(components.agent())
                .tokenValidator(validator).commandListener(commands).meterRegistry(registry)
                .eventLoops(resources.acceptors(), resources.workers(), resources.serverChannel())
                .time(time.clock(), time.ticker()).build();
        toClose.push(agentServer);
        try {
            agentServer.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the agent server", e);
        } catch (RuntimeException e) {
            throw StartupException.listening("agent app", "agent.port", a.host(), a.port(), e);
        }
        if (mirror == null) {
            tx.attachNotifier(agentServer.notifier());
        } else {
            mirror.attach(agentServer.notifier());
            tx.attachNotifier(mirror);
        }
    }

    private void activity(Activity a) {
        log.info("[conv={} agent={}] {} {}", a.conversationId(), a.agentUserId(), a.kind(), a.text());
        activityListeners.forEach(l -> l.accept(a));
    }

    /** Receives one line per event on calls (bound, transaction started/completed, alerts, commands). */
    public void onActivity(Consumer<Activity> listener) {
        activityListeners.add(listener);
    }

    public Optional<LocalTokenService> localTokens() {
        return Optional.ofNullable(localTokens);
    }

    public Optional<VoiceprintEngine> engine() {
        return Optional.ofNullable(biometrics).map(b -> b.engine);
    }

    public Optional<VoiceprintStore> store() {
        return Optional.ofNullable(biometrics).map(b -> b.store);
    }

    public Optional<TransactionLog> transactionLog() {
        return Optional.ofNullable(txLog);
    }

    /** The agent app's port, or -1 when biometrics (and so the agent app) are off. */
    public int agentPort() {
        return agentServer == null ? -1 : agentServer.boundPort();
    }

    private AudioHookServer startAudioHook(GatewayAudioListener listener, Time time) {
        AudioHookServerConfig c = components.audiohook();
        try {
            return AudioHookServer.builder().config(c)
                    .listener(listener).meterRegistry(registry).clock(time.clock()).ticker(time.ticker())
                    .eventLoops(resources.acceptors(), resources.workers(), resources.serverChannel())
                    .start();
        } catch (RuntimeException e) {
            throw StartupException.listening("AudioHook", "audiohook.port", c.host(), c.port(), e);
        }
    }

    /** Re-reads group and queue membership now (also runs every {@code genesys.agentSyncInterval}); no-op in open mode. */
    public java.util.concurrent.CompletionStage<Void> syncAgentsNow() {
        return gating == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : gating.directory().sync();
    }

    /** This instance's cluster id, when {@code cluster.enabled}. */
    public Optional<String> clusterInstanceId() {
        return Optional.ofNullable(cluster).map(dev.voicegate.core.cluster.ClusterNode::instanceId);
    }

    /** Whether this instance runs the cluster's Genesys notification subscription now (false when not clustered). */
    public boolean subscribesForCluster() {
        return clusterOrg != null && clusterOrg.subscribing();
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
