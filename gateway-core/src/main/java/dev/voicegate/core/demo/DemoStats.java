package dev.voicegate.core.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What happened during a demo run, for the closing summary and for {@code DemoIT}: calls by role,
 * streams the gate disconnected, completed transactions by kind and result, alerts by type.
 * Thread-safe (every method synchronises on this).
 */
public final class DemoStats {

    /** An immutable copy of the counters. */
    public record Summary(int calls, Map<String, Integer> callsByRole, int gatedOut,
                          Map<String, Map<String, Integer>> transactions, Map<String, Integer> alerts,
                          Map<String, Integer> activity, List<CallEnd> callEnds) {

        /** How the calls of {@code role} ended (one entry per conversation). */
        public List<CallEnd> callEnds(DemoCast.Role role) {
            return callEnds.stream().filter(c -> c.role() == role).toList();
        }

        /** Completed transactions of {@code kind} (VERIFY, IDENTIFY, ENROLL), whatever the result. */
        public int completed(String kind) {
            return transactions.getOrDefault(kind, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Alerts of {@code type} (BLOCKLIST_MATCH, SPEAKER_CHANGED, SPOOF_SUSPECTED). */
        public int alerts(String type) {
            return alerts.getOrDefault(type, 0);
        }
    }

    private final Map<String, Integer> callsByRole = new TreeMap<>();
    private final Map<String, Map<String, Integer>> transactions = new TreeMap<>();
    private final Map<String, Integer> alerts = new TreeMap<>();
    private final Map<String, Integer> activity = new TreeMap<>();
    private final Map<String, CallEnd> callEnds = new LinkedHashMap<>();

    /**
     * What one call ended with: the latest identity state and alerts on the agent's screen, and the latest
     * attributes written back to the conversation (empty when none was written).
     */
    public record CallEnd(DemoCast.Role role, String conversationId, String identityState, List<String> alerts,
                          Map<String, String> writtenBack) {
        public CallEnd {
            alerts = List.copyOf(alerts);
            writtenBack = Map.copyOf(writtenBack);
        }
    }
    private static final int MAX_CALLS = 10_000;
    private int calls;
    private int gatedOut;
    private int enrollmentsOpen;
    private final LongSupplier ticker;

    /** @param ticker monotonic nanoseconds (for bounded waits) */
    public DemoStats(LongSupplier ticker) {
        this.ticker = ticker;
    }

    public synchronized void callPlaced(DemoCast.Role role) {
        calls++;
        callsByRole.merge(role.name(), 1, Integer::sum);
    }

    public synchronized void gatedOut() {
        gatedOut++;
    }

    /** A transaction reached COMPLETED; {@code result} is its BioResult, BioSearch or enrollment outcome. */
    public synchronized void transactionCompleted(String kind, String result) {
        transactions.computeIfAbsent(kind, k -> new TreeMap<>()).merge(result, 1, Integer::sum);
    }

    /** The agent's screen shows {@code identityState} and {@code alerts} for the call. */
    public synchronized void screen(DemoCast.Role role, String conversationId, String identityState, List<String> alerts) {
        if (callEnds.size() >= MAX_CALLS && !callEnds.containsKey(conversationId)) {
            return;   // a demo left running for days: keep the first calls
        }
        CallEnd before = callEnds.get(conversationId);
        callEnds.put(conversationId, new CallEnd(role, conversationId, identityState, alerts,
                before == null ? Map.of() : before.writtenBack()));
    }

    /** Attributes were written back to the call (merged key by key, as Genesys does). */
    public synchronized void written(DemoCast.Role role, String conversationId, Map<String, String> attributes) {
        if (callEnds.size() >= MAX_CALLS && !callEnds.containsKey(conversationId)) {
            return;
        }
        CallEnd before = callEnds.get(conversationId);
        Map<String, String> merged = new TreeMap<>(before == null ? Map.of() : before.writtenBack());
        merged.putAll(attributes);
        callEnds.put(conversationId, new CallEnd(role, conversationId, before == null ? null : before.identityState(),
                before == null ? List.of() : before.alerts(), merged));
    }

    public synchronized void alert(String type) {
        alerts.merge(type, 1, Integer::sum);
    }

    /** One gateway activity event of {@code kind}. */
    public synchronized void activity(String kind) {
        activity.merge(kind, 1, Integer::sum);
    }

    /** An enrollment started collecting speech (it ends when the call does). */
    public synchronized void enrollmentStarted() {
        enrollmentsOpen++;
    }

    /** An enrollment ended (stored, not stored, failed or cancelled). */
    public synchronized void enrollmentEnded() {
        enrollmentsOpen--;
        notifyAll();
    }

    /** Waits until every started enrollment has ended, at most {@code millis}; returns whether they all did. */
    public synchronized boolean awaitEnrollments(long millis) throws InterruptedException {
        long deadline = ticker.getAsLong() + millis * 1_000_000L;
        while (enrollmentsOpen > 0) {
            long left = (deadline - ticker.getAsLong()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public synchronized Summary summary() {
        Map<String, Map<String, Integer>> tx = new TreeMap<>();
        transactions.forEach((k, v) -> tx.put(k, Map.copyOf(v)));
        return new Summary(calls, Map.copyOf(callsByRole), gatedOut, Map.copyOf(tx), Map.copyOf(alerts), Map.copyOf(activity),
                List.copyOf(callEnds.values()));
    }
}
