package dev.voicegate.core.demo;

import dev.voicegate.core.tx.Activity;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the gateway's activity events into demo log lines (agent ids replaced by names) and counts
 * them: completed transactions by kind and result, streams the gate disconnected. Alerts and agent
 * commands are printed by the {@link AgentDesk} (what the agent sees), so only counted here.
 */
final class ActivityPrinter implements Consumer<Activity> {
    /** {@code "VERIFY completed: TRUE_HIGH score 0.91; …"}, {@code "ENROLL completed: voiceprint stored [..]"}. */
    private static final Pattern OUTCOME = Pattern.compile("^(VERIFY|IDENTIFY|ENROLL) (\\w+)(?:: ([^;\\[]*))?");

    private final DemoLog log;
    private final DemoStats stats;
    private final Map<String, String> agentNames;

    ActivityPrinter(DemoLog log, DemoStats stats, Map<String, String> agentNames) {
        this.log = log;
        this.stats = stats;
        this.agentNames = Map.copyOf(agentNames);
    }

    @Override
    public void accept(Activity a) {
        stats.activity(a.kind().name());
        String text = a.text();
        for (Map.Entry<String, String> e : agentNames.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        switch (a.kind()) {
            case TX_COMPLETED -> {
                Matcher m = OUTCOME.matcher(a.text());
                boolean known = m.find();
                if (known && m.group(2).equals("completed")) {
                    stats.transactionCompleted(m.group(1), result(m.group(1), m.group(3)));
                }
                if (known && m.group(1).equals("ENROLL")) {
                    stats.enrollmentEnded();
                }
                log.line("RESULT", a.conversationId(), text);
            }
            case ALERT, COMMAND -> { }
            case GATED_OUT -> log.line("GATE", a.conversationId(), text);
            case BOUND -> log.line("BOUND", a.conversationId(), text);
            case UNBOUND -> log.line("UNBOUND", a.conversationId(), text);
            case TX_STARTED -> {
                if (a.text().startsWith("ENROLL")) {
                    stats.enrollmentStarted();
                }
                log.line("LISTENING", a.conversationId(), text);
            }
            case ENROLLED -> log.line("ENROLLED", a.conversationId(), text);
        }
    }

    /** The result word of an outcome: the BioResult / BioSearch, or STORED / NOT_STORED for an enrollment. */
    static String result(String kind, String detail) {
        if (detail == null || detail.isBlank()) {
            return "NONE";
        }
        if (kind.equals("ENROLL")) {
            return detail.contains("voiceprint stored") ? "STORED" : "NOT_STORED";
        }
        return detail.strip().split("\\s+")[0];
    }
}
