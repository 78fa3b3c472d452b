package dev.voicegate.core.tx;

import dev.voicegate.notifier.api.AgentDecision;
import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.BioDecision;
import dev.voicegate.notifier.api.BioResult;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.IdentityState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/decision-policy.md, pair by pair: every verify level (and none) × spoof × blocklist × speaker change ×
 * the agent's override, through the identity state, the agent's view and the written-back attributes.
 */
class DecisionPolicyTest {
    private static final double SCORE = 0.97;
    private static final String USER = "customer:C-1001";

    static Stream<Arguments> everyCombination() {
        List<BioResult> verifies = new ArrayList<>(Arrays.asList(BioResult.values()));
        verifies.add(null);   // no verify on the call
        List<Arguments> all = new ArrayList<>();
        for (BioResult verify : verifies) {
            for (boolean spoof : new boolean[] {false, true}) {
                for (boolean blocklist : new boolean[] {false, true}) {
                    for (boolean change : new boolean[] {false, true}) {
                        for (AgentDecision agent : new AgentDecision[] {null, AgentDecision.CONFIRMED, AgentDecision.REJECTED}) {
                            all.add(Arguments.of(verify, spoof, blocklist, change, agent));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @Test
    void theTableCoversEveryLevelEveryVetoAndEveryOverride() {
        assertThat(everyCombination()).hasSize((BioResult.values().length + 1) * 2 * 2 * 2 * 3);
    }

    @ParameterizedTest(name = "verify={0} spoof={1} blocklist={2} speakerChange={3} agent={4}")
    @MethodSource("everyCombination")
    void decides(BioResult verify, boolean spoof, boolean blocklist, boolean change, AgentDecision agent) {
        Set<AlertType> vetoes = EnumSet.noneOf(AlertType.class);
        if (spoof) {
            vetoes.add(AlertType.SPOOF_SUSPECTED);
        }
        if (blocklist) {
            vetoes.add(AlertType.BLOCKLIST_MATCH);
        }
        if (change) {
            vetoes.add(AlertType.SPEAKER_CHANGED);
        }
        boolean conclusive = verify != null && (verify.name().startsWith("TRUE_") || verify.name().startsWith("FALSE_"));
        boolean atLevel = verify == BioResult.TRUE_MEDIUM || verify == BioResult.TRUE_HIGH;
        boolean vetoed = !vetoes.isEmpty();

        DecisionPolicy.Decision d = DecisionPolicy.decide(new DecisionPolicy.Facts(false, conclusive ? verify : null, vetoes, agent));

        // The decision an IVR flow branches on: the agent first, then any veto, then the verify level.
        BioDecision expected = agent == AgentDecision.CONFIRMED ? BioDecision.AGENT_CONFIRMED
                : agent == AgentDecision.REJECTED ? BioDecision.AGENT_REJECTED
                : vetoed ? BioDecision.VETOED
                : atLevel ? BioDecision.AUTHENTICATED : BioDecision.NOT_AUTHENTICATED;
        assertThat(d.decision()).isEqualTo(expected);
        // Authenticated: the agent confirmed, or a verify at TRUE_MEDIUM+ with no veto and no rejection.
        boolean authenticated = agent == AgentDecision.CONFIRMED || (agent == null && !vetoed && atLevel);
        assertThat(d.identity()).isEqualTo(authenticated ? IdentityState.AUTHENTICATED
                : conclusive ? IdentityState.RECOGNIZED : IdentityState.ANONYMOUS);
        assertThat(d.vetoes()).containsExactlyInAnyOrderElementsOf(vetoes);

        // What the agent sees and what Architect reads for this verify.
        BioResults engine = verify == null ? BioResults.builder().build()
                : BioResults.builder().verification(verify, hasScore(verify) ? SCORE : null).user(verify.name().startsWith("TRUE_") ? USER : null).build();
        BioResults shown = DecisionPolicy.apply(engine, d);
        Map<String, String> written = DecisionPolicy.attributes(shown, d, conclusive ? verify : null);

        boolean overruled = verify != null && verify.name().startsWith("TRUE_") && (vetoed || agent == AgentDecision.REJECTED);
        assertThat(written.getOrDefault("BioResult", "")).as("a TRUE_* is written back only without veto or rejection")
                .matches(v -> !v.startsWith("TRUE_") || (!vetoed && agent != AgentDecision.REJECTED));
        if (overruled) {
            assertThat(shown.bioResult()).isEqualTo(BioResult.FALSE_LOW);
            assertThat(shown.bioScore()).as("no score next to an overruled result").isNull();
            assertThat(shown.bioUser()).isNull();
            assertThat(shown.voiceMatch()).as("the agent is told what the voice alone said").isEqualTo(verify);
            assertThat(shown.voiceMatchScore()).isEqualTo(SCORE);
            assertThat(written).containsEntry("BioResult", "FALSE_LOW").containsEntry("BioScore", "").containsEntry("BioUser", "");
        } else if (verify != null) {
            assertThat(shown.bioResult()).isEqualTo(verify);
            assertThat(shown.voiceMatch()).isNull();
            assertThat(written).containsEntry("BioResult", verify.name());
            if (hasScore(verify)) {
                assertThat(written).containsEntry("BioScore", "0.97");
            }
        } else {
            assertThat(written).doesNotContainKeys("BioResult", "BioScore");
        }
        assertThat(written).doesNotContainKeys("VoiceMatch", "VoiceMatchScore");
        assertThat(written).containsEntry("BioDecision", expected.name());
        assertThat(written.get("BioVeto").isEmpty() ? Set.of() : Set.of(written.get("BioVeto").split(",")))
                .containsExactlyInAnyOrderElementsOf(vetoes.stream().map(Enum::name).toList());
        assertThat(shown.bioDecision()).isEqualTo(expected);
    }

    private static boolean hasScore(BioResult r) {
        return r.name().startsWith("TRUE_") || r.name().startsWith("FALSE_");
    }

    /** The case: a replayed recording of an enrolled customer scores TRUE_HIGH 1.00 next to a spoof alert. */
    @Test
    void aReplayedRecordingScoringTrueHighIsNotAuthenticatedAndSaysWhy() {
        var d = DecisionPolicy.decide(new DecisionPolicy.Facts(true, BioResult.TRUE_HIGH, Set.of(AlertType.SPOOF_SUSPECTED), null));
        BioResults shown = DecisionPolicy.apply(BioResults.builder().verification(BioResult.TRUE_HIGH, 1.0).user(USER).build(), d);

        assertThat(d.identity()).isEqualTo(IdentityState.RECOGNIZED);
        assertThat(DecisionPolicy.attributes(shown, d, BioResult.TRUE_HIGH)).containsExactly(
                Map.entry("BioResult", "FALSE_LOW"), Map.entry("BioScore", ""), Map.entry("BioUser", ""),
                Map.entry("BioDecision", "VETOED"), Map.entry("BioVeto", "SPOOF_SUSPECTED"));
    }

    /** Participant attributes merge key by key: a later write must overwrite the TRUE_HIGH an earlier verify wrote. */
    @Test
    void aLaterVetoOverwritesTheEarlierWrittenTrueEvenFromATransactionWithoutAVerify() {
        var d = DecisionPolicy.decide(new DecisionPolicy.Facts(true, BioResult.TRUE_HIGH, Set.of(AlertType.SPEAKER_CHANGED), null));
        BioResults identify = DecisionPolicy.apply(BioResults.builder().search(dev.voicegate.notifier.api.BioSearch.NO_USER_FOUND, 0, null)
                .speakerChanged(true).build(), d);

        assertThat(DecisionPolicy.attributes(identify, d, BioResult.TRUE_HIGH)).containsEntry("BioResult", "FALSE_LOW")
                .containsEntry("BioScore", "").containsEntry("BioDecision", "VETOED").containsEntry("BioVeto", "SPEAKER_CHANGED")
                .containsEntry("BioSearch", "NO_USER_FOUND");
    }

    @Test
    void aSearchThatFoundOneRecognizesAndNothingAuthenticatesWithoutAVerify() {
        assertThat(DecisionPolicy.decide(new DecisionPolicy.Facts(true, null, Set.of(), null)).identity()).isEqualTo(IdentityState.RECOGNIZED);
        assertThat(DecisionPolicy.decide(new DecisionPolicy.Facts(false, null, Set.of(), null)).identity()).isEqualTo(IdentityState.ANONYMOUS);
        assertThat(DecisionPolicy.decide(new DecisionPolicy.Facts(true, null, Set.of(AlertType.BLOCKLIST_MATCH), null)))
                .extracting(DecisionPolicy.Decision::identity, DecisionPolicy.Decision::decision)
                .containsExactly(IdentityState.RECOGNIZED, BioDecision.VETOED);
    }

    @Test
    void theVetoFieldListsTheVetoesInAFixedOrder() {
        var d = DecisionPolicy.decide(new DecisionPolicy.Facts(false, null,
                EnumSet.of(AlertType.SPEAKER_CHANGED, AlertType.BLOCKLIST_MATCH, AlertType.SPOOF_SUSPECTED), null));
        assertThat(d.vetoField()).isEqualTo("BLOCKLIST_MATCH,SPOOF_SUSPECTED,SPEAKER_CHANGED");
    }
}
