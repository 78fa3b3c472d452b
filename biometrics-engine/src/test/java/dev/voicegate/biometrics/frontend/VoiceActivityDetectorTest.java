package dev.voicegate.biometrics.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voicegate.biometrics.config.FrontEndConfig;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

    @Test
    void floorFollowsTheBackgroundLevelInsteadOfAFixedThreshold() {
        VoiceActivityDetector vad = new VoiceActivityDetector(FrontEndConfig.DEFAULTS);
        for (int i = 0; i < 300; i++) {
            vad.accept(40);
        }
        assertThat(vad.floorDb()).isCloseTo(40, within(0.5));
        for (int i = 0; i < 300; i++) {
            vad.accept(55);
        }
        // A louder background becomes the new floor, so it is not speech for ever.
        assertThat(vad.floorDb()).isCloseTo(55, within(1.0));
        assertThat(vad.accept(55)).isFalse();
        assertThat(vad.accept(70)).isTrue();
    }

    @Test
    void hangoverKeepsWordEndingsThenStops() {
        VoiceActivityDetector vad = new VoiceActivityDetector(FrontEndConfig.DEFAULTS);
        for (int i = 0; i < 100; i++) {
            vad.accept(40);
        }
        assertThat(vad.accept(70)).isTrue();
        for (int i = 0; i < FrontEndConfig.DEFAULTS.hangoverFrames(); i++) {
            assertThat(vad.accept(42)).isTrue();
        }
        assertThat(vad.accept(42)).isFalse();
    }

    @Test
    void digitalSilenceIsNeverSpeech() {
        VoiceActivityDetector vad = new VoiceActivityDetector(FrontEndConfig.DEFAULTS);
        for (int i = 0; i < 100; i++) {
            vad.accept(0);
        }
        assertThat(vad.accept(20)).isFalse();
    }

    @Test
    void invalidConfigNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FrontEndConfig(-1, 30, 8, 3))
                .hasMessage("biometrics.frontEnd.vadMarginDb: -1.0 (expected: 0 < x <= 40)");
    }
}
