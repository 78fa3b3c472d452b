package dev.voicegate.biometrics.spoof;

import dev.voicegate.biometrics.config.FrontEndConfig;
import dev.voicegate.biometrics.frontend.CepstralExtractor;
import dev.voicegate.biometrics.frontend.FeatureNormalizer;
import dev.voicegate.biometrics.frontend.FrontEnd;
import java.util.ArrayList;
import java.util.List;

/**
 * Utterance-level features for the synthetic-speech detector, all from the engine's shared front end (no
 * new signal processing): over the kept speech frames,
 * <ul>
 *   <li>mean of the raw cepstra c1..c19 (19) and standard deviation of c1..c19 and log E (20): the long-term
 *       spectral envelope and its spread;</li>
 *   <li>standard deviation of the normalised deltas (20): how fast the envelope moves;</li>
 *   <li>standard deviation of the frame-to-frame change of each of the 24 log mel bands (24): spectral flux,
 *       which vocoders and diphone joins tend to smooth or make regular;</li>
 *   <li>autocorrelation of the log-energy contour at lags 1, 2, 5, 10, 20 frames (5): energy modulation
 *       (syllable rhythm);</li>
 *   <li>the share of frames kept as speech (1).</li>
 * </ul>
 */
final class SpoofFeatures {

    static final int DIM = 19 + 20 + 20 + 24 + 5 + 1;
    private static final int[] LAGS = {1, 2, 5, 10, 20};

    private SpoofFeatures() {
    }

    /** Features of one 8 kHz clip; null when it has fewer than 50 speech frames. */
    static double[] of(short[] pcm8k) {
        List<float[]> frames = new ArrayList<>();
        List<float[]> mel = new ArrayList<>();
        long[] total = {0};
        FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> frames.add(f.clone()));
        fe.setObserver((logMel, speech, i) -> {
            total[0]++;
            if (speech) {
                mel.add(logMel.clone());
            }
        });
        fe.accept(pcm8k, null);
        fe.flush();
        if (frames.size() < 50 || mel.size() < 50) {
            return null;
        }
        int s = CepstralExtractor.STATIC_DIM;
        int raw = FeatureNormalizer.DIM;
        double[] out = new double[DIM];
        int k = 0;
        double[] mean = new double[s];
        double[] sd = new double[s];
        meanSd(frames, raw, s, mean, sd);
        for (int d = 0; d < 19; d++) {
            out[k++] = mean[d];
        }
        for (int d = 0; d < s; d++) {
            out[k++] = Math.log(sd[d] + 1e-3);
        }
        double[] dm = new double[s];
        double[] dsd = new double[s];
        meanSd(frames, s, s, dm, dsd);
        for (int d = 0; d < s; d++) {
            out[k++] = Math.log(dsd[d] + 1e-3);
        }
        int bands = mel.get(0).length;
        for (int b = 0; b < bands; b++) {
            double sum = 0;
            double sq = 0;
            for (int t = 1; t < mel.size(); t++) {
                double v = mel.get(t)[b] - mel.get(t - 1)[b];
                sum += v;
                sq += v * v;
            }
            int n = mel.size() - 1;
            double m = sum / n;
            out[k++] = Math.log(Math.sqrt(Math.max(0, sq / n - m * m)) + 1e-3);
        }
        double[] e = new double[frames.size()];
        for (int t = 0; t < e.length; t++) {
            e[t] = frames.get(t)[raw + s - 1];
        }
        double em = 0;
        for (double v : e) {
            em += v / e.length;
        }
        double ev = 0;
        for (double v : e) {
            ev += (v - em) * (v - em);
        }
        for (int lag : LAGS) {
            double c = 0;
            for (int t = lag; t < e.length; t++) {
                c += (e[t] - em) * (e[t - lag] - em);
            }
            out[k++] = ev > 0 ? c / ev : 0;
        }
        out[k++] = frames.size() / (double) Math.max(1, total[0]);
        return out;
    }

    private static void meanSd(List<float[]> frames, int from, int n, double[] mean, double[] sd) {
        for (float[] f : frames) {
            for (int d = 0; d < n; d++) {
                mean[d] += f[from + d];
            }
        }
        for (int d = 0; d < n; d++) {
            mean[d] /= frames.size();
        }
        for (float[] f : frames) {
            for (int d = 0; d < n; d++) {
                double v = f[from + d] - mean[d];
                sd[d] += v * v;
            }
        }
        for (int d = 0; d < n; d++) {
            sd[d] = Math.sqrt(sd[d] / frames.size());
        }
    }
}
