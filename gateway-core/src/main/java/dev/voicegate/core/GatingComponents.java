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
import dev.voicegate.core.time.Timers;
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

    private GatingComponents(OrgPorts org, AgentDirectory directory, Correlator correlator) {
        this.org = org;
        this.directory = directory;
        this.correlator = correlator;
    }

    static GatingComponents start(VoiceGateConfig config, OrgPorts org, Timers timers, MeterRegistry registry,
                                  Readiness readiness, Gateway.Time time) {
        GatingSection g = config.gating();
        GatingComponents[] self = new GatingComponents[1];
        Correlator correlator = new Correlator(
                new CorrelatorConfig(g.matchTimeout(), g.eventTtl(), g.maxPending(), CorrelatorConfig.defaultLead(g.matchTimeout())),
                new Correlator.Ports(id -> self[0].directory.contains(id), org::healthy, org.lookup(), timers, time.ticker(),
                        new ForwardingBindings(() -> self[0].bindings)),
                new CorrelatorMetrics(registry, time.clock()));
        AgentDirectory directory = new AgentDirectory(
                new AgentDirectory.Sources(config.genesys().groups(), config.genesys().queues(), config.genesys().agentSyncInterval()),
                org.members(), timers,
                (all, added, removed) -> {
                    org.setMonitoredAgents(all);
                    if (!removed.isEmpty()) {
                        correlator.agentsRemoved(removed);
                    }
                }, registry);
        self[0] = new GatingComponents(org, directory, correlator);
        org.onEvents(correlator::onEvent);
        org.onHealth(correlator::onNotificationHealth);
        org.start();
        directory.start();
        readiness.register("agentDirectory", directory::loaded);
        return self[0];
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
