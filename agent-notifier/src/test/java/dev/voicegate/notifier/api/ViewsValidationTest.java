package dev.voicegate.notifier.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewsValidationTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void phoneNumbersAreMaskedKeepingPrefixAndLastThreeDigits() {
        assertThat(new ClaimedIdentity(BiokeyKind.PHONE, "+44 7700 900123").value()).isEqualTo("+44•••••••123");
        assertThat(new ClaimedIdentity(BiokeyKind.PHONE, "0612345").value()).isEqualTo("06••345");
        assertThat(new ClaimedIdentity(BiokeyKind.PHONE, "12345").value()).isEqualTo("•••••");
        assertThat(new ClaimedIdentity(BiokeyKind.PHONE, "+44•••••••123").value()).isEqualTo("+44•••••••123");
        assertThat(new ClaimedIdentity(BiokeyKind.CUSTOMER_ID, "cust-1001").value()).isEqualTo("cust-1001");
    }

    @Test
    void scoresOutsideTheUnitRangeAreRefused() {
        assertThatThrownBy(() -> BioResults.builder().verification(BioResult.TRUE_LOW, 1.2).build())
                .hasMessage("BioScore: 1.2 (expected: 0.0..1.0)");
        assertThatThrownBy(() -> BioResults.builder().liveness(LiveVoiceResult.GENUINE, Double.NaN).build())
                .hasMessage("LiveVoiceScore: NaN (expected: 0.0..1.0)");
        assertThatThrownBy(() -> BioResults.builder().search(BioSearch.FOUND_MANY, -1, null).build())
                .hasMessage("BioUserCount: -1 (expected: >= 0)");
    }

    @Test
    void speechFiguresMustBeSane() {
        assertThatThrownBy(() -> new ProgressUpdate("c", "t", TransactionState.LISTENING, -1, 10))
                .hasMessage("netSpeechSeconds: -1.0 (expected: finite >= 0)");
        assertThatThrownBy(() -> new ProgressUpdate("c", "t", TransactionState.LISTENING, 1, 0))
                .hasMessage("netSpeechNeededSeconds: 0.0 (expected: finite > 0)");
    }

    @Test
    void oversizedHistoryIsRefused() {
        TransactionView tx = new TransactionView("t", TransactionKind.VERIFY, TransactionState.COMPLETED, 1, 1, T, T, null);
        List<TransactionView> many = Collections.nCopies(ConversationView.MAX_LIST + 1, tx);
        assertThatThrownBy(() -> new ConversationView("c", null, IdentityState.ANONYMOUS, null, null, many, null, T))
                .hasMessage("history: 101 entries (expected: <= 100)");
    }

    @Test
    void principalNeedsAnIdAndARole() {
        assertThatThrownBy(() -> new AgentPrincipal(" ", "x", Set.of(Role.AGENT))).hasMessage("userId: ' ' (expected: non-blank)");
        assertThatThrownBy(() -> new AgentPrincipal("u", "x", Set.of()))
                .hasMessage("roles: [] (expected: at least one of AGENT|SUPERVISOR)");
        assertThat(new AgentPrincipal("u", null, Set.of(Role.SUPERVISOR)).has(Role.AGENT)).isFalse();
    }

    @Test
    void refusalNeedsAReason() {
        assertThatThrownBy(() -> CommandOutcome.refused(" ")).hasMessage("reason: ' ' (expected: non-blank for a refusal)");
    }
}
