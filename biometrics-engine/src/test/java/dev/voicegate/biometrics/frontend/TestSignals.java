package dev.voicegate.biometrics.frontend;

import java.util.Random;

/** Deterministic synthetic signals for front-end tests. */
final class TestSignals {

    private TestSignals() {
    }

    static short[] silence(double seconds) {
        return new short[(int) (seconds * 8000)];
    }

    static short[] noise(double seconds, double rms, long seed) {
        Random r = new Random(seed);
        short[] out = new short[(int) (seconds * 8000)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(r.nextGaussian() * rms);
        }
        return out;
    }

    /** Voiced-speech-like bursts: a 120 Hz harmonic source with a syllable envelope (4 Hz), plus noise. */
    static short[] speechLike(double seconds, double amplitude, double noiseRms, long seed) {
        Random r = new Random(seed);
        short[] out = new short[(int) (seconds * 8000)];
        for (int i = 0; i < out.length; i++) {
            double t = i / 8000.0;
            double env = Math.max(0, Math.sin(2 * Math.PI * 2 * t));
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(2 * Math.PI * 120 * h * t) / h;
            }
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(amplitude * env * v + r.nextGaussian() * noiseRms)));
        }
        return out;
    }

    static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
