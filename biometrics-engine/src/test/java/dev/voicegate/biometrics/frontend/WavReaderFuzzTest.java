package dev.voicegate.biometrics.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of {@link WavReader#parse} (issue 11 §5, §6): whatever the bytes, the
 * reader returns a clip of at least one sample at 8 or 16 kHz or throws a one-line
 * {@link WavFormatException} naming the file, and never anything else (no index, arithmetic or
 * allocation failure from a size field).
 *
 * <p>{@code mvn verify} fuzzes it for {@code maxDuration} from the seed corpus in
 * {@code src/test/resources/dev/voicegate/biometrics/frontend/WavReaderFuzzTestInputs/parse/}; a
 * crash fails the build and Jazzer stores the input there, where it stays as a regression seed.
 * A longer run: see docs/engine.md §9.
 */
class WavReaderFuzzTest {

    private static final String NAME = "fuzz.wav";

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) {
        for (int channel = 0; channel < 2; channel++) {
            try {
                AudioClip clip = WavReader.parse(NAME, input, channel);
                assertThat(clip.samples().length).isPositive();
                assertThat(clip.sampleRate()).isIn(8000, 16000);
                assertThat(clip.samples8k().length).isPositive();
            } catch (WavFormatException e) {
                assertThat(e.getMessage()).startsWith(NAME + ": ").doesNotContain("\n", "\r");
            }
        }
    }
}
