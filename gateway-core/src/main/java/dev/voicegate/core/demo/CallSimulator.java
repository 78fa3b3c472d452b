package dev.voicegate.core.demo;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.protocol.ServerParameters;
import io.netty.channel.EventLoopGroup;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated callers: places calls on the {@link SimulatedOrg} (which tells VoiceGate, with a delay,
 * which agent took them) and streams each call to VoiceGate over a real AudioHook WebSocket on
 * loopback, at real-time pace: the caller's clips on the customer channel, low-level line noise on
 * the agent channel. The first calls come in the cast's order a second or so apart,
 * later ones at random (seeded) intervals. A caller hangs up at the end of their clips, or a while
 * after that when the stream was paused meanwhile (paused streams do not advance, as in Genesys).
 * All scheduling runs on one scheduler thread; the random source is only used there.
 */
final class CallSimulator implements AutoCloseable {
    /** Where and how to reach the gateway's AudioHook endpoint. */
    record Endpoint(URI uri, String organizationId, String apiKey, String secretBase64) {
    }

    private record Call(DemoCast.Caller caller, DemoCast.Agent agent, AudioHookClient client) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(8);   // beyond the clips, for paused stretches
    private static final double MEAN_GAP_SECONDS = 6.0;
    private static final String DNIS = "+15555550100";

    private final Endpoint endpoint;
    private final SimulatedOrg org;
    private final EventLoopGroup group;
    private final ScheduledExecutorService scheduler;
    private final Random random;
    private final DemoLog log;
    private final DemoStats stats;
    private final Map<String, Call> live = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    CallSimulator(Endpoint endpoint, SimulatedOrg org, EventLoopGroup group, ScheduledExecutorService scheduler,
                  long seed, DemoLog log, DemoStats stats) {
        this.endpoint = endpoint;
        this.org = org;
        this.group = group;
        this.scheduler = scheduler;
        this.random = new Random(seed);
        this.log = log;
        this.stats = stats;
    }

    /** Schedules the first wave (every caller of the cast once) and then random arrivals. */
    void start() {
        // On the scheduler thread like every later use of the random source, so a seed gives one sequence.
        scheduler.execute(() -> {
            double at = 0.3;
            for (DemoCast.Caller c : DemoCast.CALLERS) {
                scheduler.schedule(() -> place(c), Math.round(at * 1000), TimeUnit.MILLISECONDS);
                at += 0.4 + random.nextDouble() * 0.8;
            }
            scheduleNext(at + 4);
        });
    }

    /** The caller on a live conversation, if it is one of ours. */
    Optional<DemoCast.Caller> callerOf(String conversationId) {
        return Optional.ofNullable(live.get(conversationId)).map(Call::caller);
    }

    /** The agent on a live conversation. */
    Optional<DemoCast.Agent> agentOf(String conversationId) {
        return Optional.ofNullable(live.get(conversationId)).map(Call::agent);
    }

    private void scheduleNext(double delaySeconds) {
        if (stopping) {
            return;
        }
        scheduler.schedule(() -> {
            List<DemoCast.Caller> idle = DemoCast.CALLERS.stream()
                    .filter(c -> live.values().stream().noneMatch(call -> call.caller().equals(c))).toList();
            if (!idle.isEmpty()) {
                place(idle.get(random.nextInt(idle.size())));
            }
            scheduleNext(-Math.log(1 - random.nextDouble()) * MEAN_GAP_SECONDS + 1);
        }, Math.round(delaySeconds * 1000), TimeUnit.MILLISECONDS);
    }

    private void place(DemoCast.Caller caller) {
        if (stopping) {
            return;
        }
        Optional<DemoCast.Agent> agent = freeAgent(caller.role() != DemoCast.Role.UNMONITORED);
        if (agent.isEmpty()) {
            log.line("QUEUE", null, caller.name() + " hears hold music: every agent is busy (call dropped)");
            return;
        }
        String conversationId = uuid();
        String participantId = uuid();
        short[] customer = DemoClips.concat(caller.clips());
        short[] agentVoice = DemoClips.agentChannel(customer.length, new Random(random.nextLong()));
        Map<String, String> attributes = caller.customerId() == null || caller.role() == DemoCast.Role.NEW_CALLER ? Map.of()
                : Map.of(DemoCast.CUSTOMER_ID_ATTRIBUTE, caller.customerId());
        // Genesys' conversation event races the AudioHook open: sometimes before it, sometimes after.
        long eventLeadMillis = Math.round((random.nextDouble() * 2.5 - 1.0) * 1000);
        stats.callPlaced(caller.role());
        log.line("CALL", conversationId, String.format("%s calls; %s answers%s; IVR customerId=%s; event %s the stream by %d ms",
                caller.name(), agent.get().name(), agent.get().monitored() ? "" : " (not in " + DemoCast.MONITORED_GROUP + ")",
                attributes.getOrDefault(DemoCast.CUSTOMER_ID_ATTRIBUTE, "none"), eventLeadMillis < 0 ? "before" : "after",
                Math.abs(eventLeadMillis)));
        org.connect(conversationId, agent.get(), participantId, caller.ani(), attributes, Duration.ofMillis(Math.max(0, eventLeadMillis)));
        Runnable open = () -> stream(conversationId, participantId, caller, agent.get(), new PcmAudioSource(customer, agentVoice),
                DemoClips.seconds(customer));
        if (eventLeadMillis < 0) {
            // Reserve the agent at once, the stream opens a moment later.
            live.put(conversationId, new Call(caller, agent.get(), null));
            scheduler.schedule(open, -eventLeadMillis, TimeUnit.MILLISECONDS);
        } else {
            open.run();
        }
    }

    private void stream(String conversationId, String participantId, DemoCast.Caller caller, DemoCast.Agent agent,
                        PcmAudioSource source, double seconds) {
        if (stopping) {
            live.remove(conversationId);
            org.end(conversationId, Duration.ZERO);
            return;
        }
        AudioHookClientConfig config = AudioHookClientConfig.builder(endpoint.uri())
                .organizationId(endpoint.organizationId()).credentials(endpoint.apiKey(), endpoint.secretBase64())
                .conversationId(conversationId).participant(new Participant(participantId, caller.ani(), "", DNIS))
                .source(source).closeAtEndOfSource(true).build();
        AudioHookClient client = AudioHookClient.connect(config, group);
        live.put(conversationId, new Call(caller, agent, client));
        client.disconnectReceived().thenAccept(d -> disconnected(conversationId, d));
        client.socketClosed().thenRun(() -> ended(conversationId));
        long hangUpMillis = Math.round(seconds * 1000) + PATIENCE.toMillis();
        scheduler.schedule((Runnable) client::close, hangUpMillis, TimeUnit.MILLISECONDS);
    }

    private void disconnected(String conversationId, ServerParameters.Disconnect d) {
        if (stopping) {
            return;
        }
        stats.gatedOut();
        log.line("DISCONNECT", conversationId, "VoiceGate ended the stream (reason " + d.reason()
                + "): no monitored agent on this call, so none of its audio was ever processed");
    }

    private void ended(String conversationId) {
        Call call = live.remove(conversationId);
        org.end(conversationId, Duration.ofMillis(200));
        if (call != null && !stopping) {
            log.line("HANG-UP", conversationId, call.caller().name() + " hangs up");
        }
    }

    private Optional<DemoCast.Agent> freeAgent(boolean monitored) {
        List<DemoCast.Agent> free = new ArrayList<>();
        for (DemoCast.Agent a : DemoCast.AGENTS) {
            boolean taken = live.values().stream().anyMatch(c -> c.agent().equals(a));
            if (a.monitored() == monitored && !taken) {
                free.add(a);
            }
        }
        return free.isEmpty() ? Optional.empty() : Optional.of(free.get(random.nextInt(free.size())));
    }

    private String uuid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;                       // version 4
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(hi, lo).toString();
    }

    /** Stops placing calls and hangs up every live call; waits (bounded) for the sockets to close. */
    @Override
    public void close() {
        stopping = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Call c : live.values()) {
            if (c.client() != null) {
                closing.add(c.client().socketClosed());
                c.client().close();
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            live.values().forEach(c -> {
                if (c.client() != null) {
                    c.client().abort();
                }
            });
        }
    }
}
