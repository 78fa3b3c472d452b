package dev.voicegate.core.tx;

import dev.voicegate.notifier.api.AgentDecision;
import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.BioDecision;
import dev.voicegate.notifier.api.BioResult;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.IdentityState;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decision policy (docs/decision-policy.md): the one place that decides a caller's identity state,
 * the {@code BioDecision} an IVR flow branches on, and what a voice comparison may be shown and written back
 * as. Stateless; the facts it decides from are kept by {@link CallSession}.
 *
 * <ul>
 *   <li>The agent's own decision is final: {@code CONFIRMED} → Authenticated, {@code REJECTED} → never
 *       Authenticated, whatever the engine says later.</li>
 *   <li>Otherwise Authenticated needs a verify at {@link #AUTHENTICATES_FROM} or above <b>and</b> no veto: no
 *       spoof/replay suspicion, no blocklist match, no speaker change on the call.</li>
 *   <li>A veto (or the agent's rejection) caps the state at Recognized (Anonymous when nothing is claimed or
 *       found) and overrules a {@code TRUE_*} voice comparison: it is shown and written back as
 *       {@link #OVERRULED} without its score, so neither a flow branching on {@code BioResult} nor one
 *       comparing {@code BioScore} lets the caller through.</li>
 * </ul>
 */
public final class DecisionPolicy {
    /** The lowest verify result that authenticates (biometrics.md: TRUE_MEDIUM or TRUE_HIGH). */
    public static final BioResult AUTHENTICATES_FROM = BioResult.TRUE_MEDIUM;
    /** What an overruled {@code TRUE_*} voice comparison is shown and written back as. */
    public static final BioResult OVERRULED = BioResult.FALSE_LOW;

    private DecisionPolicy() {
    }

    /**
     * What the policy decides from.
     *
     * @param recognized a claimed identity maps to an enrolled voiceprint, or a 1:N search found exactly one
     * @param verified   the latest conclusive ({@code TRUE_*}/{@code FALSE_*}) verify on the call, or null
     * @param vetoes     alerts raised on the call (each one is a veto for the rest of the call)
     * @param agent      the agent's own decision, or null
     */
    public record Facts(boolean recognized, BioResult verified, Set<AlertType> vetoes, AgentDecision agent) {
        public Facts {
            vetoes = vetoes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(vetoes));
        }
    }

    /**
     * The decision.
     *
     * @param identity the identity state the agent sees
     * @param decision the {@code BioDecision} written back
     * @param vetoes   the vetoes in force, in {@link AlertType} order
     */
    public record Decision(IdentityState identity, BioDecision decision, List<AlertType> vetoes) {
        public Decision {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(decision, "decision");
            vetoes = List.copyOf(vetoes);
        }

        /** Whether a {@code TRUE_*} voice comparison is overruled (shown and written as {@link #OVERRULED}). */
        public boolean overrulesVoice() {
            return !vetoes.isEmpty() || decision == BioDecision.AGENT_REJECTED;
        }

        /** {@code BioVeto}: the vetoes comma-separated, or null when there is none. */
        public String vetoField() {
            return vetoes.isEmpty() ? null : vetoes.stream().map(Enum::name).collect(Collectors.joining(","));
        }
    }

    public static Decision decide(Facts f) {
        List<AlertType> vetoes = f.vetoes().stream().sorted().toList();
        IdentityState unverified = f.recognized() || f.verified() != null ? IdentityState.RECOGNIZED : IdentityState.ANONYMOUS;
        if (f.agent() == AgentDecision.CONFIRMED) {
            return new Decision(IdentityState.AUTHENTICATED, BioDecision.AGENT_CONFIRMED, vetoes);
        }
        if (f.agent() == AgentDecision.REJECTED) {
            return new Decision(unverified, BioDecision.AGENT_REJECTED, vetoes);
        }
        if (!vetoes.isEmpty()) {
            return new Decision(unverified, BioDecision.VETOED, vetoes);
        }
        if (authenticates(f.verified())) {
            return new Decision(IdentityState.AUTHENTICATED, BioDecision.AUTHENTICATED, vetoes);
        }
        return new Decision(unverified, BioDecision.NOT_AUTHENTICATED, vetoes);
    }

    /** Whether {@code r} is at or above {@link #AUTHENTICATES_FROM} (the enum is ordered by certainty). */
    static boolean authenticates(BioResult r) {
        return r != null && isTrue(r) && r.compareTo(AUTHENTICATES_FROM) >= 0;
    }

    static boolean isTrue(BioResult r) {
        return r != null && r.name().startsWith("TRUE_");
    }

    static boolean conclusive(BioResult r) {
        return r != null && (isTrue(r) || r.name().startsWith("FALSE_"));
    }

    /**
     * One transaction's agent-facing results under {@code d}: {@code BioDecision}/{@code BioVeto} added, an
     * overruled {@code TRUE_*} replaced by {@link #OVERRULED} without score or user (kept as {@code VoiceMatch}
     * for the agent's explanation).
     */
    static BioResults apply(BioResults r, Decision d) {
        BioResults.Builder b = r.toBuilder().decision(d.decision(), d.vetoField());
        if (d.overrulesVoice() && isTrue(r.bioResult())) {
            b.verification(OVERRULED, null).voiceMatch(r.bioResult(), r.bioScore());
            if (r.bioSearch() == null) {
                b.user(null);
            }
        }
        return b.build();
    }

    /**
     * The participant attributes written back for {@code applied} (a result from {@link #apply}). While the
     * call's voice comparison is overruled, every write also overwrites an earlier {@code TRUE_*}: participant
     * attributes are merged key by key, so a verify written before a later veto would otherwise stay.
     *
     * @param callVerified the latest conclusive verify on the call (as {@link Facts#verified()}), or null
     */
    static Map<String, String> attributes(BioResults applied, Decision d, BioResult callVerified) {
        Map<String, String> m = new LinkedHashMap<>(ResultMapper.attributes(applied));
        if (d.overrulesVoice() && (isTrue(callVerified) || applied.voiceMatch() != null)) {
            m.put("BioResult", OVERRULED.name());
            m.put("BioScore", "");   // clears an earlier score: Architect reads an empty attribute as not set
            m.putIfAbsent("BioUser", "");
        }
        m.put("BioDecision", d.decision().name());
        m.put("BioVeto", d.vetoField() == null ? "" : d.vetoField());
        return m;
    }
}
