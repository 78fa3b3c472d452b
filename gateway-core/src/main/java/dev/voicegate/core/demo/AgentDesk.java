package dev.voicegate.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The simulated agents' screens: one agent-app WebSocket per monitored agent (the same
 * {@code /agent/ws} protocol and local tokens a browser uses). It reports what each agent sees
 * (completed transactions, alerts) to the {@link DemoStats} and the log, and acts like an agent
 * would: when a search finds a new caller nobody knows, the agent enters the account number the
 * caller gives and, with the caller's consent, starts an enrollment. (Completed transactions are
 * counted from the gateway's activity, which also sees enrollments stored after the hang-up.) Messages arrive on the JDK WebSocket threads; state is concurrent.
 */
final class AgentDesk implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REMEMBERED = 10_000;
    private static final String CLAIM = "demo-claim-";

    private final URI uri;
    private final Function<String, Optional<DemoCast.Caller>> callers;
    private final DemoLog log;
    private final DemoStats stats;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param agentPort the gateway's agent port
     * @param callers   who is on a conversation (for the agent's decisions)
     */
    AgentDesk(int agentPort, Function<String, Optional<DemoCast.Caller>> callers, DemoLog log, DemoStats stats) {
        this.uri = URI.create("ws://127.0.0.1:" + agentPort + "/agent/ws");
        this.callers = callers;
        this.log = log;
        this.stats = stats;
    }

    /** Connects one screen per agent; {@code tokens} maps each agent to a local token. */
    void start(Map<DemoCast.Agent, String> tokens) throws Exception {
        for (Map.Entry<DemoCast.Agent, String> e : tokens.entrySet()) {
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .subprotocols("voicegate.agent.v1", "bearer." + e.getValue())
                    .buildAsync(uri, screen(e.getKey())).get(10, TimeUnit.SECONDS);
            synchronized (sockets) {
                sockets.add(ws);
            }
        }
    }

    /** The listener of one agent's screen (package-private so tests can drive it with a fake socket). */
    WebSocket.Listener screen(DemoCast.Agent agent) {
        return new Screen(agent);
    }

    private void onMessage(DemoCast.Agent agent, WebSocket ws, JsonNode m) {
        switch (m.path("type").asText()) {
            case "snapshot" -> m.path("conversations").forEach(c -> onConversation(agent, ws, c));
            case "conversation" -> onConversation(agent, ws, m.path("conversation"));
            case "commandResult" -> onCommandResult(agent, ws, m);
            default -> { }
        }
    }

    private void onConversation(DemoCast.Agent agent, WebSocket ws, JsonNode c) {
        String conv = c.path("conversationId").asText();
        List<JsonNode> txs = new ArrayList<>();
        c.path("history").forEach(txs::add);
        if (c.hasNonNull("current")) {
            txs.add(c.path("current"));
        }
        for (JsonNode tx : txs) {
            if ("COMPLETED".equals(tx.path("state").asText()) && firstTime("tx:" + conv + ":" + tx.path("transactionId").asText())) {
                completed(agent, ws, conv, tx);
            }
        }
        List<String> alerts = new ArrayList<>();
        c.path("alerts").forEach(a -> alerts.add(a.path("type").asText()));
        callers.apply(conv).ifPresent(caller -> stats.screen(caller.role(), conv, c.path("identityState").asText(), alerts));
        for (JsonNode a : c.path("alerts")) {
            String type = a.path("type").asText();
            if (firstTime("alert:" + conv + ":" + type)) {
                stats.alert(type);
                log.line("ALERT", conv, agent.name() + "'s screen turns red: " + type + " — " + a.path("detail").asText());
            }
        }
    }

    private void completed(DemoCast.Agent agent, WebSocket ws, String conv, JsonNode tx) {
        String kind = tx.path("kind").asText();
        JsonNode r = tx.path("results");
        String result = switch (kind) {
            case "IDENTIFY" -> r.path("BioSearch").asText(r.path("BioResult").asText("?"));
            case "ENROLL" -> r.path("BioEnrollment").asBoolean(false) ? "voiceprint stored"
                    : "not stored" + (r.has("ErrorReason") ? " (" + r.path("ErrorReason").asText() + ")" : "");
            default -> r.path("BioResult").asText("?");
        };
        log.line("SCREEN", conv, String.format(Locale.ROOT, "%s sees %s → %s%s%s%s", agent.name(), kind, result,
                r.has("BioScore") ? String.format(Locale.ROOT, " (score %.2f)", r.path("BioScore").asDouble()) : "",
                r.has("BioUser") ? ", user " + r.path("BioUser").asText() : "",
                r.has("BlocklistResult") ? ", blocklist " + r.path("BlocklistResult").asText() : "")
                + (r.has("VoiceMatch") ? "; voice alone " + r.path("VoiceMatch").asText() + ", overruled" : "")
                + (r.has("BioDecision") ? "; " + r.path("BioDecision").asText() + (r.has("BioVeto") ? " (" + r.path("BioVeto").asText() + ")" : "") : ""));
        Optional<DemoCast.Caller> caller = callers.apply(conv);
        if (kind.equals("IDENTIFY") && result.equals("NO_USER_FOUND") && caller.isPresent()
                && caller.get().role() == DemoCast.Role.NEW_CALLER && firstTime("claim:" + conv)) {
            log.line("AGENT", conv, agent.name() + ": \"I can't find your voice on file — what is your account number?\" → "
                    + "enters " + caller.get().customerId());
            send(ws, JSON.createObjectNode().put("type", "command").put("requestId", CLAIM + DemoLog.shortId(conv))
                    .put("command", "SET_CLAIMED_ID").put("conversationId", conv).put("claimedId", caller.get().customerId()));
        }
    }

    /** After the account number is accepted, the agent asks for consent and starts the enrollment. */
    private void onCommandResult(DemoCast.Agent agent, WebSocket ws, JsonNode m) {
        String conv = m.path("conversationId").asText(null);
        log.line("AGENT", conv, agent.name() + ": " + m.path("command").asText() + (m.path("accepted").asBoolean() ? " accepted"
                : " refused (" + m.path("reason").asText() + ")"));
        if (m.path("accepted").asBoolean() && m.path("requestId").asText().startsWith(CLAIM) && firstTime("enroll:" + conv)) {
            log.line("AGENT", conv, agent.name() + ": \"May we keep a voiceprint so we recognise you next time?\" "
                    + "Caller agrees → ENROLL with consent");
            send(ws, JSON.createObjectNode().put("type", "command").put("requestId", "demo-enroll-" + DemoLog.shortId(conv))
                    .put("command", "ENROLL").put("conversationId", conv).put("consent", true));
        }
    }

    private static void send(WebSocket ws, ObjectNode message) {
        synchronized (ws) {
            // One message at a time per socket (the JDK WebSocket refuses overlapping sends); small and local.
            ws.sendText(message.toString(), true).join();
        }
    }

    private boolean firstTime(String key) {
        if (seen.size() >= MAX_REMEMBERED) {
            seen.clear();   // bounded memory on a demo left running for days; worst case a line repeats
        }
        return seen.add(key);
    }

    @Override
    public void close() {
        List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
        synchronized (sockets) {
            for (WebSocket ws : sockets) {
                closing.add(ws.sendClose(WebSocket.NORMAL_CLOSURE, "demo over").exceptionally(t -> ws));
            }
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            synchronized (sockets) {
                sockets.forEach(WebSocket::abort);
            }
        }
    }

    /** One agent's screen: reassembles text frames and hands whole messages to the desk. */
    private final class Screen implements WebSocket.Listener {
        private final DemoCast.Agent agent;
        private final StringBuilder partial = new StringBuilder();

        Screen(DemoCast.Agent agent) {
            this.agent = agent;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onMessage(agent, ws, JSON.readTree(text));
                } catch (Exception e) {
                    log.line("AGENT", null, agent.name() + "'s screen could not read a message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }
    }
}
