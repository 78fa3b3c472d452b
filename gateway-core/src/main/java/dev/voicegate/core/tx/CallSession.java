package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.core.gating.Binding;
import dev.voicegate.core.identity.Biokey;
import dev.voicegate.notifier.api.AgentDecision;
import dev.voicegate.notifier.api.AlertView;
import dev.voicegate.notifier.api.BiokeyKind;
import dev.voicegate.notifier.api.ClaimedIdentity;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.BioResult;
import dev.voicegate.notifier.api.TransactionView;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one bound call: claimed identity, identity state, the agent's decision, alerts,
 * the running and queued transactions, the long-running enrollment and the history. Every field is
 * guarded by {@code this} (callers synchronise); lists are bounded.
 */
final class CallSession {
    static final int MAX_HISTORY = 50;
    static final int MAX_ALERTS = 20;
    static final int MAX_REMEMBERED_REQUESTS = 64;

    Binding binding;
    List<Biokey> claimed;
    /** A claimed identity maps to an enrolled voiceprint, or a 1:N search found exactly one (policy fact). */
    boolean recognized;
    /** The latest conclusive verify of the call (policy fact), or null. */
    BioResult verified;
    /** The agent's own decision (policy fact; final). */
    AgentDecision decision;
    Transaction current;
    Transaction enrollment;
    final Deque<Transaction> queue = new ArrayDeque<>();
    final List<Transaction> history = new ArrayList<>();
    final List<AlertView> alerts = new ArrayList<>();
    int started;
    boolean streaming;
    boolean ended;
    final Map<String, CommandOutcome> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandOutcome> eldest) {
            return size() > MAX_REMEMBERED_REQUESTS;
        }
    };

    /** The analysis of the latest finished transaction (the speech a "report fraud" adds to a blocklist). */
    Analysis lastAnalysis;
    private boolean released;

    void keepLastAnalysis(Analysis a) {
        if (released) {
            a.close(); // the call is over (a transaction that was deciding when it ended): nothing will use it
            return;
        }
        if (lastAnalysis != null && lastAnalysis != a) {
            lastAnalysis.close();
        }
        lastAnalysis = a;
    }

    /** Frees engine resources once the call is over. */
    synchronized void release() {
        released = true;
        if (lastAnalysis != null) {
            lastAnalysis.close();
            lastAnalysis = null;
        }
    }

    CallSession(Binding binding, List<Biokey> claimed) {
        this.binding = binding;
        this.claimed = List.copyOf(claimed);
    }

    String conversationId() {
        return binding.conversationId();
    }

    String agent() {
        return binding.agentUserId();
    }

    String sessionId() {
        return binding.session().sessionId();
    }

    Biokey primaryClaim() {
        return claimed.isEmpty() ? null : claimed.get(0);
    }

    /** The decision policy over this call's facts. */
    DecisionPolicy.Decision decision() {
        java.util.Set<dev.voicegate.notifier.api.AlertType> vetoes = java.util.EnumSet.noneOf(dev.voicegate.notifier.api.AlertType.class);
        alerts.forEach(a -> vetoes.add(a.type()));
        return DecisionPolicy.decide(new DecisionPolicy.Facts(recognized, verified, vetoes, decision));
    }

    /** Forgets what identified the caller (a new claimed identity, an opt-out); alerts and the agent's decision stay. */
    void resetIdentity() {
        recognized = false;
        verified = null;
    }

    void alert(AlertView alert) {
        if (alerts.stream().noneMatch(a -> a.type() == alert.type())) {
            alerts.add(alert);
            if (alerts.size() > MAX_ALERTS) {
                alerts.remove(0);
            }
        }
    }

    void archive(Transaction tx) {
        history.add(tx);
        if (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
    }

    ConversationView view(Instant now) {
        Biokey claim = primaryClaim();
        ClaimedIdentity ci = claim == null ? null : new ClaimedIdentity(kindOf(claim), claim.value());
        Transaction live = current != null ? current : enrollment;
        List<TransactionView> past = history.stream().map(Transaction::view).toList();
        return new ConversationView(conversationId(), ci, decision().identity(), decision, live == null ? null : live.view(), past,
                List.copyOf(alerts), now);
    }

    private static BiokeyKind kindOf(Biokey b) {
        return switch (b.kind()) {
            case PHONE -> BiokeyKind.PHONE;
            case CUSTOMER -> BiokeyKind.CUSTOMER_ID;
            case AGENT_ENTERED -> BiokeyKind.AGENT_ENTERED;
        };
    }
}
