package dev.voicegate.core.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoClipsTest {

    private static Stream<String> allClipNames() {
        return Stream.concat(DemoCast.CALLERS.stream().flatMap(c -> c.clips().stream()),
                DemoCast.ENROLLMENTS.stream().map(DemoCast.Enrollment::clip)).distinct();
    }

    @Test
    void everyClipOfTheCastIsBundledAsTelephoneSpeech() {
        allClipNames().forEach(name -> {
            short[] s = DemoClips.load(name);
            assertThat(DemoClips.seconds(s)).as(name).isBetween(5.0, 30.0);
            assertThat(rms(s)).as(name + " is speech, not silence").isGreaterThan(500);
        });
    }

    @Test
    void enrollmentClipsAreLongEnoughForTheEnrollMinimum() {
        DemoCast.ENROLLMENTS.forEach(e -> assertThat(DemoClips.seconds(DemoClips.load(e.clip()))).as(e.clip()).isGreaterThanOrEqualTo(20));
    }

    @Test
    void bundledClipsStayWithinTheThreeMegabyteBudget() throws IOException {
        long total = 0;
        for (String name : allClipNames().toList()) {
            try (InputStream in = DemoClips.class.getResourceAsStream("/demo/" + name + ".wav")) {
                total += in.readAllBytes().length;
            }
        }
        assertThat(total).isLessThanOrEqualTo(3L * 1024 * 1024);
    }

    @Test
    void concatenationKeepsEverySample() {
        short[] a = DemoClips.load("call-priya-a");
        short[] b = DemoClips.load("call-priya-b");

        short[] both = DemoClips.concat(List.of("call-priya-a", "call-priya-b"));

        assertThat(both).hasSize(a.length + b.length);
        assertThat(both[a.length]).isEqualTo(b[0]);
    }

    @Test
    void agentChannelIsQuietLineNoise() {
        short[] noise = DemoClips.agentChannel(8000, new Random(1));

        assertThat(rms(noise)).isBetween(10.0, 100.0);
    }

    @Test
    void missingClipIsNamedInTheError() {
        assertThatThrownBy(() -> DemoClips.load("no-such-clip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/demo/no-such-clip.wav");
    }

    private static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length);
    }
}
