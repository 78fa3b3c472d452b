package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopingAudioSourceTest {

    private final short[] ext = {1, 2, 3};
    private final short[] intl = {-1, -2, -3};

    @Test
    void wrapsAroundTheLoopAcrossReadsOnBothChannels() {
        LoopingAudioSource s = new LoopingAudioSource(ext, intl, 100);
        short[] e = new short[4];
        short[] i = new short[4];

        assertThat(s.read(e, i, 4)).isEqualTo(4);
        assertThat(e).containsExactly(1, 2, 3, 1);
        assertThat(i).containsExactly(-1, -2, -3, -1);
        assertThat(s.read(e, i, 4)).isEqualTo(4);
        assertThat(e).containsExactly(2, 3, 1, 2);
    }

    @Test
    void endsAfterTheTotalAndThenReadsNothing() {
        LoopingAudioSource s = new LoopingAudioSource(ext, intl, 5);
        short[] e = new short[4];
        short[] i = new short[4];

        assertThat(s.read(e, i, 4)).isEqualTo(4);
        assertThat(s.read(e, i, 4)).isEqualTo(1);
        assertThat(e[0]).isEqualTo((short) 2);
        assertThat(s.read(e, i, 4)).isZero();
    }

    @Test
    void toneLoopIsOneSecondOfNonSilentAudioPerChannel() {
        short[][] loop = LoopingAudioSource.toneLoop();

        assertThat(loop[0]).hasSize(8000);
        assertThat(loop[1]).hasSize(8000);
        assertThat(loop[0][20]).isNotZero();
        assertThat(loop[0]).isNotEqualTo(loop[1]);
    }

    @Test
    void rejectsEmptyOrUnequalLoopsAndNegativeTotals() {
        assertThatThrownBy(() -> new LoopingAudioSource(new short[0], new short[0], 1))
                .hasMessage("loop lengths: 0/0 (expected: equal and > 0)");
        assertThatThrownBy(() -> new LoopingAudioSource(ext, new short[2], 1)).hasMessageContaining("3/2");
        assertThatThrownBy(() -> new LoopingAudioSource(ext, intl, -1)).hasMessageContaining("totalSamples: -1");
    }
}
