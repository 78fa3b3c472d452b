package dev.voicegate.core;

import dev.voicegate.core.admin.Readiness;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.core.directory.AgentDirectory;
import dev.voicegate.core.gating.Binding;
import dev.voicegate.core.gating.BindingListener;
import dev.voicegate.core.gating.Correlator;
import dev.voicegate.core.gating.CorrelatorConfig;
import dev.voicegate.core.gating.CorrelatorMetrics;
import dev.voicegate.core.genesys.OrgPorts;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * Gated mode: the organisation's event stream, the agent directory and the correlator, wired so that
 * directory changes reconcile subscriptions and release streams of removed agents, and events and
 * stream health reach the correlator. The organisation is the real Genesys Cloud or the demo's.
 */
final class GatingComponents implements AutoCloseable {
    private final OrgPorts org;
    private final AgentDirectory directory;
    private final Correlator correlator;
    private volatile BindingListener bindings = BindingListener.NONE;

    /** Built in dependency order into final fields; the directory's listener runs only after {@link #start}. */
    private GatingComponents(VoiceGateConfig config, OrgPorts org, GatewayResources resources, MeterRegistry registry) {
        GatingSection g = config.gating();
        this.org = org;
        this.directory = new AgentDirectory(
                new AgentDirectory.Sources(config.genesys().groups(), config.genesys().queues(), config.genesys().agentSyncInterval()),
                org.members(), resources.timers(),
                resources.backoff(AgentDirectory.FIRST_RETRY, config.genesys().agentSyncInterval()),
                this::directoryChanged, registry);
        this.correlator = new Correlator(
                new CorrelatorConfig(g.matchTimeout(), g.eventTtl(), g.maxPending(), CorrelatorConfig.defaultLead(g.matchTimeout())),
                new Correlator.Ports(directory::contains, org::healthy, org.lookup(), resources.timers(),
                        resources.time().ticker(), new ForwardingBindings(() -> bindings)),
                new CorrelatorMetrics(registry, resources.time().clock()));
    }

    /** Builds the gated-mode components on the shared resources and starts the event stream and the directory. */
    static GatingComponents start(VoiceGateConfig config, OrgPorts org, GatewayResources resources, MeterRegistry registry,
                                  Readiness readiness) {
        GatingComponents c = new GatingComponents(config, org, resources, registry);
        org.onEvents(c.correlator::onEvent);
        org.onHealth(c.correlator::onNotificationHealth);
        org.start();
        c.directory.start();
        readiness.register("agentDirectory", c.directory::loaded);
        return c;
    }

    private void directoryChanged(java.util.Set<String> all, java.util.Set<String> added, java.util.Set<String> removed) {
        org.setMonitoredAgents(all);
        if (!removed.isEmpty()) {
            correlator.agentsRemoved(removed);
        }
    }

    Correlator correlator() {
        return correlator;
    }

    AgentDirectory directory() {
        return directory;
    }

    void bindings(BindingListener listener) {
        this.bindings = listener;
    }

    @Override
    public void close() {
        directory.close();
        org.close();
    }

    /** Lets the transaction layer attach after the correlator exists. */
    private record ForwardingBindings(Supplier<BindingListener> target) implements BindingListener {
        @Override
        public void onBound(Binding binding) {
            target.get().onBound(binding);
        }

        @Override
        public void onRebound(Binding previous, Binding current) {
            target.get().onRebound(previous, current);
        }

        @Override
        public void onUnbound(Binding binding, String reason) {
            target.get().onUnbound(binding, reason);
        }

        @Override
        public void onReleased(dev.voicegate.audiohook.api.AudioHookSession session, String conversationId, String reason) {
            target.get().onReleased(session, conversationId, reason);
        }
    }
}
