package dev.voicegate.notifier.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.protocol.Inbound;
import dev.voicegate.notifier.protocol.ProtocolViolationException;
import dev.voicegate.notifier.protocol.WireCodec;

/**
 * Coverage-guided fuzzing of the agent wire codec and the command validation behind it: any text frame
 * decodes or throws {@link ProtocolViolationException} (answered with an {@code error} message); a decoded
 * command is either valid (ids matching their patterns) or refused with a reason; the answers encode.
 * Seeds in {@code WireCodecFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (see the module README).
 */
class WireCodecFuzzTest {

    private final WireCodec codec = new WireCodec();

    @FuzzTest(maxDuration = "60s")
    void anyTextFrameDecodesOrIsAnsweredWithAnError(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Inbound in;
        try {
            in = codec.decode(text);
        } catch (ProtocolViolationException e) {
            codec.error(e.getMessage(), e.requestId());  // the answer must encode whatever the client sent
            return;
        }
        if (in instanceof Inbound.CommandRequest req) {
            CommandValidator.Validation v = CommandValidator.validate(req);
            if ((v.command() == null) == (v.refusal() == null)) {
                throw new AssertionError("exactly one of command and refusal expected: " + v);
            }
            if (v.command() != null && (!v.command().requestId().matches("[A-Za-z0-9._:-]{1,64}")
                    || !v.command().conversationId().matches("[A-Za-z0-9._:-]{1,128}"))) {
                throw new AssertionError("invalid ids accepted: " + v.command());
            }
            codec.commandResult(req.requestId(), req.command(), req.conversationId(),
                    v.refusal() == null ? CommandOutcome.ok() : CommandOutcome.refused(v.refusal()));
        }
    }
}
