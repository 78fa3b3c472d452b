package dev.voicegate.core.demo;

import dev.voicegate.core.tx.Activity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();
    private final DemoStats stats = new DemoStats(nanos::get);
    private final ActivityPrinter printer = new ActivityPrinter(new DemoLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            nanos::get), stats, Map.of("agent-1", "Alice Moreau"));

    private void activity(Activity.Kind kind, String text) {
        printer.accept(new Activity(Instant.EPOCH, "abcdef123456", "agent-1", kind, text));
    }

    @Test
    void countsCompletedTransactionsByKindAndResult() {
        activity(Activity.Kind.TX_COMPLETED, "VERIFY completed: TRUE_HIGH score 1.00; liveness LOW_CONF; blocklist NO_MATCH [11.1 s speech]");
        activity(Activity.Kind.TX_COMPLETED, "VERIFY completed: FALSE_HIGH score 0.00; blocklist MATCH [11.7 s speech]");
        activity(Activity.Kind.TX_COMPLETED, "IDENTIFY completed: NO_USER_FOUND; blocklist NO_MATCH [11.8 s speech]");
        activity(Activity.Kind.TX_COMPLETED, "ENROLL completed: voiceprint stored [9.9 s speech]");
        activity(Activity.Kind.TX_COMPLETED, "ENROLL completed: ERROR: not stored (enrollment not stored: [NOT_ENOUGH_SPEECH]) [6.5 s speech]");

        DemoStats.Summary s = stats.summary();
        assertThat(s.transactions()).containsEntry("VERIFY", Map.of("TRUE_HIGH", 1, "FALSE_HIGH", 1))
                .containsEntry("IDENTIFY", Map.of("NO_USER_FOUND", 1))
                .containsEntry("ENROLL", Map.of("STORED", 1, "NOT_STORED", 1));
        assertThat(s.completed("ENROLL")).isEqualTo(2);
    }

    @Test
    void cancelledTransactionsAreNotCountedAsCompleted() {
        activity(Activity.Kind.TX_COMPLETED, "VERIFY cancelled: ERROR (call ended: stream closed) [1.7 s speech]");

        assertThat(stats.summary().completed("VERIFY")).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("RESULT").contains("VERIFY cancelled");
    }

    @Test
    void agentIdsAreReplacedByNamesInTheStory() {
        activity(Activity.Kind.BOUND, "call bound to agent agent-1; claimed identity customer:C-1001");

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("BOUND").contains("conv-abcdef").contains("call bound to agent Alice Moreau;").doesNotContain("agent-1");
    }

    @Test
    void enrollmentsAreOpenFromStartToTheirResult() throws InterruptedException {
        activity(Activity.Kind.TX_STARTED, "ENROLL started: collecting speech until the end of the call (needs 8.0 s)");
        assertThat(stats.awaitEnrollments(0)).isFalse();

        activity(Activity.Kind.TX_COMPLETED, "ENROLL cancelled: ERROR (call ended) [1.0 s speech]");

        assertThat(stats.awaitEnrollments(0)).isTrue();
    }

    @Test
    void alertsAndCommandsAreCountedButLeftToTheAgentScreens() {
        activity(Activity.Kind.ALERT, "ALERT speaker changed at 6.76 s");
        activity(Activity.Kind.COMMAND, "ENROLL by agent-1: accepted");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(stats.summary().activity()).containsEntry("ALERT", 1).containsEntry("COMMAND", 1);
    }
}
