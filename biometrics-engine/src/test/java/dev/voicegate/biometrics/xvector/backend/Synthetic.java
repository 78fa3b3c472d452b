package dev.voicegate.biometrics.xvector.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Gaussian embeddings with known structure: {@code x = m + A z + C u + ε}, a speaker factor {@code z} (rank
 * {@link #SPEAKER_RANK}) fixed per speaker, a strong session/channel factor {@code u} (rank {@link #CHANNEL_RANK},
 * 10× larger) drawn per session, isotropic noise of the speaker factor's size, and a large global offset {@code m}. Raw cosine is misled by
 * the offset and the channel directions; LDA and PLDA can learn to ignore them.
 */
final class Synthetic {

    static final int DIM = 40;
    static final int SPEAKER_RANK = 10;
    static final int CHANNEL_RANK = 6;

    final double[][] speakerLoading = new double[DIM][SPEAKER_RANK];
    final double[][] channelLoading = new double[DIM][CHANNEL_RANK];
    final double[] offset = new double[DIM];

    Synthetic(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < DIM; i++) {
            for (int k = 0; k < SPEAKER_RANK; k++) {
                speakerLoading[i][k] = 0.3 * r.nextGaussian();
            }
            for (int k = 0; k < CHANNEL_RANK; k++) {
                channelLoading[i][k] = 3 * r.nextGaussian();
            }
            offset[i] = 4 * r.nextGaussian();
        }
    }

    /** {@code speakers} speakers × {@code sessions} sessions, ids prefixed with {@code prefix}. */
    Map<String, List<float[]>> speakers(String prefix, int speakers, int sessions, long seed) {
        Random r = new Random(seed);
        Map<String, List<float[]>> out = new LinkedHashMap<>();
        for (int s = 0; s < speakers; s++) {
            double[] z = new double[SPEAKER_RANK];
            for (int k = 0; k < SPEAKER_RANK; k++) {
                z[k] = r.nextGaussian();
            }
            List<float[]> list = new ArrayList<>();
            for (int n = 0; n < sessions; n++) {
                float[] x = new float[DIM];
                double[] u = new double[CHANNEL_RANK];
                for (int k = 0; k < CHANNEL_RANK; k++) {
                    u[k] = r.nextGaussian();
                }
                for (int i = 0; i < DIM; i++) {
                    double v = offset[i] + r.nextGaussian();
                    for (int k = 0; k < SPEAKER_RANK; k++) {
                        v += speakerLoading[i][k] * z[k];
                    }
                    for (int k = 0; k < CHANNEL_RANK; k++) {
                        v += channelLoading[i][k] * u[k];
                    }
                    x[i] = (float) v;
                }
                list.add(x);
            }
            out.put(prefix + s, list);
        }
        return out;
    }
}
