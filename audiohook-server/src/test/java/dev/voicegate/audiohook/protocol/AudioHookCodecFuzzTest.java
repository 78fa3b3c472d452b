package dev.voicegate.audiohook.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the client message decoder: whatever the text, decoding either succeeds or
 * throws {@link ProtocolViolationException} (the documented {@code disconnect{error}} outcome); any other
 * exception is a crash. A normal build runs the seed corpus in {@code AudioHookCodecFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (see the module README).
 */
class AudioHookCodecFuzzTest {

    private final AudioHookCodec codec = new AudioHookCodec();

    @FuzzTest(maxDuration = "60s")
    void clientTextDecodesOrIsAProtocolViolation(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            ClientMessage m = codec.decodeClient(text);
            // What decodes must also encode (the server logs and echoes decoded values).
            codec.encode(m);
        } catch (ProtocolViolationException expected) {
            if (expected.info() == null || !expected.info().startsWith("Client Error: ")) {
                throw new AssertionError("violation without a Client Error info: " + expected.info());
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void serverTextDecodesOrIsAProtocolViolation(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            codec.decodeServer(text);
        } catch (ProtocolViolationException expected) {
            // the documented outcome
        }
    }
}
