package dev.voicegate.notifier;

import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.AlertView;
import dev.voicegate.notifier.api.BioDecision;
import dev.voicegate.notifier.api.BioResult;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.BiokeyKind;
import dev.voicegate.notifier.api.BlocklistResult;
import dev.voicegate.notifier.api.ClaimedIdentity;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.IdentityState;
import dev.voicegate.notifier.api.LiveVoiceResult;
import dev.voicegate.notifier.api.ProgressUpdate;
import dev.voicegate.notifier.api.TransactionKind;
import dev.voicegate.notifier.api.TransactionState;
import dev.voicegate.notifier.api.TransactionView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test data: conversation views as gateway-core would publish them. */
public final class Views {

    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Views() {
    }

    /** A conversation with a verification LISTENING at {@code heard} of 10 s. */
    public static ConversationView listening(String conversationId, double heard) {
        TransactionView tx = new TransactionView("tx-2", TransactionKind.VERIFY, TransactionState.LISTENING, heard, 10.0,
                T0.plusSeconds(30), null, null);
        return new ConversationView(conversationId, new ClaimedIdentity(BiokeyKind.PHONE, "+447700900123"),
                IdentityState.RECOGNIZED, null, tx, List.of(completedIdentify()), List.of(), T0.plusSeconds(31));
    }

    /** A conversation whose verification completed TRUE_HIGH with nothing vetoing it: Authenticated. */
    public static ConversationView verified(String conversationId) {
        TransactionView tx = new TransactionView("tx-2", TransactionKind.VERIFY, TransactionState.COMPLETED, 10.4, 10.0,
                T0.plusSeconds(30), T0.plusSeconds(45), BioResults.builder()
                .verification(BioResult.TRUE_HIGH, 0.93).user("cust-1001")
                .liveness(LiveVoiceResult.GENUINE, 0.97)
                .blocklist(BlocklistResult.NO_MATCH, 0.08, null, null).speakerChanged(false)
                .decision(BioDecision.AUTHENTICATED, null).build());
        return new ConversationView(conversationId, new ClaimedIdentity(BiokeyKind.CUSTOMER_ID, "cust-1001"),
                IdentityState.AUTHENTICATED, null, tx, List.of(completedIdentify(), tx), List.of(), T0.plusSeconds(45));
    }

    /**
     * As gateway-core publishes a replayed recording of an enrolled customer (docs/decision-policy.md): the voice
     * alone matched TRUE_HIGH 1.00, the replay check vetoed it, the state stays Recognized.
     */
    public static ConversationView replayed(String conversationId) {
        TransactionView tx = new TransactionView("tx-2", TransactionKind.VERIFY, TransactionState.COMPLETED, 11.0, 11.0,
                T0.plusSeconds(30), T0.plusSeconds(45), BioResults.builder()
                .verification(BioResult.FALSE_LOW, null).voiceMatch(BioResult.TRUE_HIGH, 1.0)
                .liveness(LiveVoiceResult.SPOOFED, 0.02).blocklist(BlocklistResult.NO_MATCH, 0.08, null, null).speakerChanged(false)
                .decision(BioDecision.VETOED, "SPOOF_SUSPECTED").build());
        return new ConversationView(conversationId, new ClaimedIdentity(BiokeyKind.CUSTOMER_ID, "cust-1001"),
                IdentityState.RECOGNIZED, null, tx, List.of(tx),
                List.of(new AlertView(AlertType.SPOOF_SUSPECTED, "tx-2", "replayed or synthetic audio suspected", T0.plusSeconds(45))),
                T0.plusSeconds(45));
    }

    /** A handed-over phone: the verify's voice changed mid-check; TRUE_MEDIUM overruled by the speaker change. */
    public static ConversationView handedOver(String conversationId) {
        TransactionView tx = new TransactionView("tx-2", TransactionKind.VERIFY, TransactionState.COMPLETED, 11.0, 11.0,
                T0.plusSeconds(30), T0.plusSeconds(45), BioResults.builder()
                .verification(BioResult.FALSE_LOW, null).voiceMatch(BioResult.TRUE_MEDIUM, 0.91)
                .liveness(LiveVoiceResult.LOW_CONF, null).blocklist(BlocklistResult.NO_MATCH, 0.08, null, null).speakerChanged(true)
                .decision(BioDecision.VETOED, "SPEAKER_CHANGED").build());
        return new ConversationView(conversationId, new ClaimedIdentity(BiokeyKind.CUSTOMER_ID, "cust-1001"),
                IdentityState.RECOGNIZED, null, tx, List.of(tx),
                List.of(new AlertView(AlertType.SPEAKER_CHANGED, "tx-2",
                        "a different voice from 6.9 s into the audio this verification listened to", T0.plusSeconds(45))),
                T0.plusSeconds(45));
    }

    /** One completed verify with {@code result} and {@code score}, nothing vetoing it. */
    public static ConversationView verifiedAs(String conversationId, BioResult result, Double score) {
        boolean authenticated = result == BioResult.TRUE_MEDIUM || result == BioResult.TRUE_HIGH;
        TransactionView tx = new TransactionView("tx-" + result, TransactionKind.VERIFY, TransactionState.COMPLETED, 11.0, 11.0,
                T0.plusSeconds(30), T0.plusSeconds(45), BioResults.builder().verification(result, score)
                .decision(authenticated ? BioDecision.AUTHENTICATED : BioDecision.NOT_AUTHENTICATED, null).build());
        return new ConversationView(conversationId, new ClaimedIdentity(BiokeyKind.CUSTOMER_ID, "cust-1001"),
                authenticated ? IdentityState.AUTHENTICATED : IdentityState.RECOGNIZED, null, tx, List.of(tx), List.of(),
                T0.plusSeconds(45));
    }

    /** A view with a long history (large JSON), for flow-control tests. */
    public static ConversationView large(String conversationId) {
        List<TransactionView> history = new ArrayList<>();
        for (int i = 0; i < ConversationView.MAX_LIST; i++) {
            history.add(new TransactionView("tx-" + i + "-" + "x".repeat(200), TransactionKind.IDENTIFY,
                    TransactionState.COMPLETED, 8, 8, T0, T0, null));
        }
        return new ConversationView(conversationId, null, IdentityState.ANONYMOUS, null, null, history, List.of(), T0);
    }

    public static ProgressUpdate progress(String conversationId, double heard) {
        return new ProgressUpdate(conversationId, "tx-2", TransactionState.LISTENING, heard, 10.0);
    }

    private static TransactionView completedIdentify() {
        return new TransactionView("tx-1", TransactionKind.IDENTIFY, TransactionState.COMPLETED, 8.2, 8.0,
                T0.plusSeconds(5), T0.plusSeconds(20), BioResults.builder()
                .search(dev.voicegate.notifier.api.BioSearch.FOUND_ONE, 1, "cust-1001").build());
    }
}
