package dev.voicegate.audiohook.audio;

import static dev.voicegate.audiohook.api.AudioEncoding.L16;
import static dev.voicegate.audiohook.api.AudioEncoding.PCMU;
import static dev.voicegate.audiohook.api.Channel.EXTERNAL;
import static dev.voicegate.audiohook.api.Channel.INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.api.MediaFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaSelectorTest {

    private final MediaSelector defaults = new MediaSelector(MediaSelector.DEFAULT_PREFERENCE);

    @Test
    void prefersStereoPcmuKeepingTheOfferedChannelOrder() {
        MediaFormat stereo = MediaFormat.of(PCMU, INTERNAL, EXTERNAL);
        List<MediaFormat> offered = List.of(MediaFormat.of(PCMU, EXTERNAL), stereo);
        assertThat(defaults.select(offered)).containsSame(stereo);
        assertThat(defaults.select(offered).get().channels()).containsExactly(INTERNAL, EXTERNAL);
    }

    @Test
    void fallsBackToMonoExternalThenToTheFirstOffered() {
        assertThat(defaults.select(List.of(MediaFormat.of(PCMU, INTERNAL), MediaFormat.of(L16, EXTERNAL))))
                .contains(MediaFormat.of(L16, EXTERNAL));
        assertThat(defaults.select(List.of(MediaFormat.of(L16, INTERNAL), MediaFormat.of(PCMU, INTERNAL))))
                .contains(MediaFormat.of(L16, INTERNAL));
    }

    @Test
    void selectsNothingWhenNothingOfferedIsAcceptable() {
        MediaSelector stereoOnly = new MediaSelector(List.of(MediaChoice.STEREO_PCMU));
        assertThat(stereoOnly.select(List.of(MediaFormat.of(PCMU, EXTERNAL)))).isEmpty();
        assertThat(defaults.select(List.of())).isEmpty();
    }

    @Test
    void rejectsAnEmptyPreference() {
        assertThatThrownBy(() -> new MediaSelector(List.of())).hasMessageContaining("expected: at least one choice");
    }
}
