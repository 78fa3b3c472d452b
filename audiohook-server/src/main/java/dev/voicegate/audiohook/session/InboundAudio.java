package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.audio.AudioFrameDecoder;
import dev.voicegate.audiohook.protocol.Durations;
import dev.voicegate.audiohook.protocol.ProtocolViolationException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binary frames of one session: state checks, frame validation and decoding (fact sheet §4), and
 * the stream position in samples (received samples plus the gaps reported in {@code discarded} and
 * {@code resumed}). Session thread only.
 */
final class InboundAudio {

    private static final Logger log = LoggerFactory.getLogger(InboundAudio.class);

    private final ServerSession s;
    private AudioFrameDecoder decoder;
    private long position;
    private long dropped;

    InboundAudio(ServerSession session) {
        this.s = session;
    }

    void select(MediaFormat format) {
        decoder = new AudioFrameDecoder(format, s.shared.config.l16ByteOrder());
    }

    /** Stream position in samples. */
    long position() {
        return position;
    }

    /** Frames dropped so far (paused, closing, after a disconnect). */
    long dropped() {
        return dropped;
    }

    /** Moves the position by a reported gap; a gap that would overflow the position is a client error. */
    void addGap(Duration discarded) {
        long gap = Durations.toSamples(discarded);
        if (gap > Long.MAX_VALUE - position) {
            s.violation(new ProtocolViolationException("Client Error: Reported gaps exceed the stream position range"));
            return;
        }
        position += gap;
    }

    void onFrame(ByteBuffer frame) {
        SessionState st = s.state();
        switch (st) {
            case PREPARING:
            case OPENING:
                if (s.disconnectSent()) {
                    drop("after_disconnect");
                } else {
                    s.violation(new ProtocolViolationException("Client Error: Received audio before opened"));
                }
                return;
            case ACTIVE:
                if (s.disconnectSent()) {
                    drop("after_disconnect");
                } else {
                    // Also reached between our `pause` and the client's `paused`: that audio is legal.
                    deliver(frame);
                }
                return;
            case PAUSED:
                // The reference treats this as fatal; an in-flight frame racing `paused` must not kill a call.
                drop("paused");
                return;
            case CLOSING:
            case CLOSED:
                // The reference errors here and then never sends `closed`; we drop and count instead.
                drop("closed");
                return;
            default:
                drop("after_disconnect");
        }
    }

    private void deliver(ByteBuffer frame) {
        int bytes = frame.remaining();
        if (decoder == null) {
            if (bytes > 0) {
                s.violation(new ProtocolViolationException("Client Error: Received audio but no media was selected"));
            }
            return;
        }
        if (!decoder.isValidLength(bytes)) {
            s.violation(new ProtocolViolationException("Client Error: Binary data not a valid audio frame ("
                    + bytes + " bytes is not a multiple of " + decoder.format().bytesPerFrame() + ")"));
            return;
        }
        int samples = decoder.decode(frame);
        if (samples == 0) {
            return;
        }
        AudioChunk chunk = new AudioChunk(decoder.channels(), decoder.format().channels(), position, samples);
        position += samples;
        s.listenerCall(() -> s.shared.listener.onAudio(s, chunk));
    }

    private void drop(String reason) {
        dropped++;
        s.shared.metrics.dropped(reason);
        if (log.isTraceEnabled()) {
            log.trace("[session={}] audio frame dropped ({})", s.sessionId(), reason);
        }
    }
}
