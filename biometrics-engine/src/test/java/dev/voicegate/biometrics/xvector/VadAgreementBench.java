package dev.voicegate.biometrics.xvector;

import dev.voicegate.biometrics.frontend.AudioClip;
import dev.voicegate.biometrics.frontend.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How often the streaming VAD ({@link StreamingVad}, as {@link XvectorFrontEnd} runs it) decides a frame
 * differently from Kaldi's whole-utterance {@code compute-vad} ({@link KaldiComputeVad}). Not a unit test: give it
 * directories of 8 kHz wavs (e.g. from {@code src/test/oracle/vad_agreement_data.py}); it prints one line per
 * directory.
 *
 * <pre>
 * mvn -B -q -pl biometrics-engine -am test-compile
 * java -cp "biometrics-engine/target/test-classes:biometrics-engine/target/classes:$(cat cp.txt)" \
 *     dev.voicegate.biometrics.xvector.VadAgreementBench OUT/clips OUT/calls OUT/telephone
 * </pre>
 */
public final class VadAgreementBench {

    private VadAgreementBench() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("directory  files  frames  differing  exact-voiced  streaming-voiced  worst-file");
        for (String dir : args) {
            List<Path> files;
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            }
            long frames = 0;
            long differ = 0;
            long voicedExact = 0;
            long voicedStream = 0;
            double worst = 0;
            for (Path f : files) {
                AudioClip clip = WavReader.read(f);
                float[] c0 = KaldiComputeVad.c0(KaldiMfcc.compute(clip.samples8k()));
                boolean[] exact = KaldiComputeVad.compute(c0, VadOptions.XVECTOR_RECIPE);
                boolean[] stream = new boolean[c0.length];
                StreamingVad vad = StreamingVad.alignedWith(SlidingCmn.DEFAULT_WINDOW, VadOptions.XVECTOR_RECIPE,
                        (t, v) -> stream[(int) t] = v);
                for (float e : c0) {
                    vad.push(e);
                }
                vad.finish();
                long d = 0;
                for (int t = 0; t < c0.length; t++) {
                    d += exact[t] != stream[t] ? 1 : 0;
                    voicedExact += exact[t] ? 1 : 0;
                    voicedStream += stream[t] ? 1 : 0;
                }
                frames += c0.length;
                differ += d;
                if (c0.length > 0) {
                    worst = Math.max(worst, (double) d / c0.length);
                }
            }
            System.out.println(String.format(Locale.ROOT, "%s  %d  %d  %d (%.3f %%)  %.1f %%  %.1f %%  %.2f %%",
                    dir, files.size(), frames, differ, 100.0 * differ / Math.max(1, frames),
                    100.0 * voicedExact / Math.max(1, frames), 100.0 * voicedStream / Math.max(1, frames), 100 * worst));
        }
    }
}
