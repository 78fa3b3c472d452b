package dev.voicegate.core;

import dev.voicegate.core.admin.Readiness;
import dev.voicegate.core.config.ConfigException;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.GenesysSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.core.directory.AgentDirectory;
import dev.voicegate.core.gating.BindingListener;
import dev.voicegate.core.gating.Correlator;
import dev.voicegate.core.gating.CorrelatorConfig;
import dev.voicegate.core.gating.CorrelatorMetrics;
import dev.voicegate.core.genesys.GenesysAdapters;
import dev.voicegate.core.time.Timers;
import dev.voicegate.genesys.api.GenesysClient;
import dev.voicegate.genesys.api.NotificationService;
import dev.voicegate.genesys.config.GenesysConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gated mode: the Genesys client, its notification channels, the agent directory and the correlator,
 * wired so that directory changes reconcile subscriptions and release streams of removed agents, and
 * events and channel health reach the correlator.
 */
final class GatingComponents implements AutoCloseable {
    private final ScheduledExecutorService scheduler;
    private final GenesysClient client;
    private final AgentDirectory directory;
    private final Correlator correlator;
    private volatile BindingListener bindings = BindingListener.NONE;

    private GatingComponents(ScheduledExecutorService scheduler, GenesysClient client, AgentDirectory directory, Correlator correlator) {
        this.scheduler = scheduler;
        this.client = client;
        this.directory = directory;
        this.correlator = correlator;
    }

    static GatingComponents start(VoiceGateConfig config, MeterRegistry registry, Readiness readiness, Gateway.Time time) {
        GenesysClient client = GenesysClient.builder(genesysConfig(config.genesys()))
                .clock(time.clock()).ticker(time.ticker()).meterRegistry(registry).build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("voicegate-gating", true));
        Timers timers = Timers.on(scheduler);
        NotificationService notifications = client.notifications();
        GatingSection g = config.gating();
        GatingComponents[] self = new GatingComponents[1];
        Correlator correlator = new Correlator(
                new CorrelatorConfig(g.matchTimeout(), g.eventTtl(), g.maxPending(), CorrelatorConfig.defaultLead(g.matchTimeout())),
                new Correlator.Ports(id -> self[0].directory.contains(id), notifications::healthy,
                        GenesysAdapters.conversationLookup(client, time.clock()), timers, time.ticker(),
                        new ForwardingBindings(() -> self[0].bindings)),
                new CorrelatorMetrics(registry, time.clock()));
        AgentDirectory directory = new AgentDirectory(
                new AgentDirectory.Sources(config.genesys().groups(), config.genesys().queues(), config.genesys().agentSyncInterval()),
                GenesysAdapters.memberSource(client), timers,
                (all, added, removed) -> {
                    notifications.setMonitoredAgents(all);
                    if (!removed.isEmpty()) {
                        correlator.agentsRemoved(removed);
                    }
                }, registry);
        self[0] = new GatingComponents(scheduler, client, directory, correlator);
        notifications.addEventListener(e -> correlator.onEvent(GenesysAdapters.toCore(e)));
        notifications.addHealthListener((healthy, reason) -> correlator.onNotificationHealth(healthy));
        notifications.start();
        directory.start();
        readiness.register("agentDirectory", directory::loaded);
        return self[0];
    }

    private static GenesysConfig genesysConfig(GenesysSection s) {
        try {
            GenesysConfig base = s.apiBaseUrl() != null
                    ? GenesysConfig.forBaseUrls(s.apiBaseUrl(), s.loginBaseUrl() != null ? s.loginBaseUrl() : s.apiBaseUrl(),
                    s.clientId(), s.clientSecret())
                    : GenesysConfig.forRegion(s.region(), s.clientId(), s.clientSecret());
            return base;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    Correlator correlator() {
        return correlator;
    }

    AgentDirectory directory() {
        return directory;
    }

    GenesysClient client() {
        return client;
    }

    void bindings(BindingListener listener) {
        this.bindings = listener;
    }

    @Override
    public void close() {
        directory.close();
        client.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the transaction layer be attached after the correlator exists. */
    private record ForwardingBindings(java.util.function.Supplier<BindingListener> target) implements BindingListener {
        @Override
        public void onBound(dev.voicegate.core.gating.Binding binding) {
            target.get().onBound(binding);
        }

        @Override
        public void onRebound(dev.voicegate.core.gating.Binding previous, dev.voicegate.core.gating.Binding current) {
            target.get().onRebound(previous, current);
        }

        @Override
        public void onUnbound(dev.voicegate.core.gating.Binding binding, String reason) {
            target.get().onUnbound(binding, reason);
        }
    }
}
