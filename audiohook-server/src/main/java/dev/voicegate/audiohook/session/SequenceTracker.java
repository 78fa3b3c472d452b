package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.protocol.ClientEnvelope;
import dev.voicegate.audiohook.protocol.ProtocolViolationException;

/**
 * Sequence numbers of one session (fact sheet §2.3): checks the client's {@code seq} (exactly +1
 * from 1), {@code serverseq} (≤ last sent) and {@code id}, in the reference order, and numbers
 * outgoing messages. Session thread only.
 */
final class SequenceTracker {

    private final String sessionId;
    private long lastClientSeq;
    private long lastServerSeq;

    SequenceTracker(String sessionId) {
        this.sessionId = sessionId;
    }

    /**
     * Steps 4–7 of §2.3. When {@code lenient} (after we signalled an error or unauthorized), the
     * client's counters are adopted instead of checked: they may legitimately disagree with ours
     * after a seq gap, and its {@code close} must still get a clean {@code closed}.
     */
    void check(ClientEnvelope env, boolean lenient) {
        if (!lenient && env.seq() != lastClientSeq + 1) {
            throw new ProtocolViolationException("Client Error: Invalid seq value (not monotonically increasing):"
                    + " expected " + (lastClientSeq + 1) + ", got " + env.seq());
        }
        lastClientSeq = env.seq();
        if (!lenient && env.serverseq() > lastServerSeq) {
            throw new ProtocolViolationException("Client Error: Invalid serverseq value: " + env.serverseq()
                    + " (last sent: " + lastServerSeq + ")");
        }
        if (!lenient && !env.id().equalsIgnoreCase(sessionId)) {
            throw new ProtocolViolationException("Client Error: Session identifier mismatch");
        }
    }

    /** The seq of the latest client message processed (echoed as {@code clientseq}). */
    long clientSeq() {
        return lastClientSeq;
    }

    /** Allocates the next server seq. */
    long nextServerSeq() {
        return ++lastServerSeq;
    }
}
