package dev.voicegate.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.core.time.Timers;
import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentCommandListener;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.CommandOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Agent commands across instances: a command for a call this instance holds runs here; one for a call another
 * instance holds (the mirror's origin, {@link ClusterAgentNotifier#originOf}) travels over the bus to that instance,
 * runs there with the sender's principal, and its outcome comes back. No answer within {@code cluster.commandTimeout}
 * → "refused: the instance holding this call did not answer". At most {@value #MAX_PENDING} commands wait at once.
 */
public final class ClusterCommands implements AgentCommandListener {
    private static final Logger log = LoggerFactory.getLogger(ClusterCommands.class);
    static final String COMMAND = "cmd";
    static final String REPLY = "cmdr";
    static final int MAX_PENDING = 1_000;

    private final AgentCommandListener localCommands;
    private final Predicate<String> holdsHere;
    private final ClusterAgentNotifier mirror;
    private final ClusterNode node;
    private final Timers timers;
    private final Duration timeout;
    private final MeterRegistry registry;
    private final Map<String, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();

    public ClusterCommands(AgentCommandListener localCommands, Predicate<String> holdsHere, ClusterAgentNotifier mirror,
                           ClusterNode node, Timers timers, Duration timeout, MeterRegistry registry) {
        this.localCommands = localCommands;
        this.holdsHere = holdsHere;
        this.mirror = mirror;
        this.node = node;
        this.timers = timers;
        this.timeout = timeout;
        this.registry = registry;
        node.bus().on(COMMAND, this::remoteCommand);
        node.bus().on(REPLY, m -> {
            if (!node.instanceId().equals(m.body().path("to").asText())) {
                return;
            }
            CompletableFuture<CommandOutcome> f = pending.remove(m.body().path("id").asText());
            if (f != null) {
                boolean accepted = m.body().path("accepted").asBoolean();
                String reason = m.body().path("reason").isTextual() ? m.body().path("reason").asText() : null;
                f.complete(accepted ? new CommandOutcome(true, reason)
                        : CommandOutcome.refused(reason == null || reason.isBlank() ? "refused" : reason));
            }
        });
    }

    @Override
    public CompletionStage<CommandOutcome> onCommand(AgentPrincipal who, AgentCommand cmd) {
        String origin = holdsHere.test(cmd.conversationId()) ? null : mirror.originOf(cmd.conversationId()).orElse(null);
        if (origin == null) {
            return localCommands.onCommand(who, cmd);
        }
        if (pending.size() >= MAX_PENDING) {
            count("busy");
            return CompletableFuture.completedFuture(CommandOutcome.refused("gateway busy: too many commands in flight"));
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<CommandOutcome> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode b = BusCodec.JSON.createObjectNode().put("to", origin).put("id", id);
        b.set("who", BusCodec.JSON.valueToTree(who));
        b.set("cmd", BusCodec.JSON.valueToTree(cmd));
        if (!node.bus().publish(COMMAND, b)) {
            pending.remove(id);
            count("dropped");
            return CompletableFuture.completedFuture(CommandOutcome.refused("gateway busy: the command could not be forwarded"));
        }
        count("forwarded");
        Timers.Cancellable t = timers.schedule(() -> {
            if (pending.remove(id, f)) {
                count("timeout");
                log.warn("[conv={}] instance {} did not answer a {} command within {}", cmd.conversationId(), origin,
                        cmd.type(), timeout);
                f.complete(CommandOutcome.refused("the instance holding this call did not answer; try again"));
            }
        }, timeout);
        f.whenComplete((o, e) -> t.cancel());
        return f;
    }

    private void remoteCommand(PgBus.Message m) {
        if (!node.instanceId().equals(m.body().path("to").asText())) {
            return;
        }
        String id = m.body().path("id").asText();
        AgentPrincipal who;
        AgentCommand cmd;
        try {
            who = BusCodec.JSON.treeToValue(m.body().path("who"), AgentPrincipal.class);
            cmd = BusCodec.JSON.treeToValue(m.body().path("cmd"), AgentCommand.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.warn("[cluster] refused a forwarded command from {}: {}", m.origin(), e.getMessage());
            reply(m.origin(), id, CommandOutcome.refused("internal error: the forwarded command was not readable"));
            return;
        }
        count("received");
        CompletionStage<CommandOutcome> outcome;
        try {
            outcome = localCommands.onCommand(who, cmd);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((o, e) -> reply(m.origin(), id, e == null ? o : CommandOutcome.refused("internal error")));
    }

    private void reply(String to, String id, CommandOutcome o) {
        ObjectNode b = BusCodec.JSON.createObjectNode().put("to", to).put("id", id).put("accepted", o.accepted());
        if (o.reason() != null) {
            b.put("reason", o.reason());
        }
        node.bus().publish(REPLY, b);
    }

    private void count(String outcome) {
        registry.counter("vg_cluster_commands", "outcome", outcome).increment();
    }
}
