package dev.voicegate.biometrics.xvector.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled training embeddings: speaker id → that speaker's session vectors, all of one dimension and finite,
 * at least two speakers. Immutable (vectors are copied).
 */
public final class TrainingSet {

    private final Map<String, List<float[]>> bySpeaker;
    private final int dim;
    private final int sessions;

    public TrainingSet(Map<String, ? extends List<float[]>> bySpeaker) {
        if (bySpeaker.size() < 2) {
            throw new IllegalArgumentException("training set: " + bySpeaker.size() + " speakers (expected: >= 2)");
        }
        Map<String, List<float[]>> copy = new LinkedHashMap<>();
        int d = -1;
        int n = 0;
        for (Map.Entry<String, ? extends List<float[]>> e : bySpeaker.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("training set: speaker " + e.getKey() + " has no vectors");
            }
            List<float[]> vs = new ArrayList<>();
            for (float[] v : e.getValue()) {
                if (d < 0) {
                    d = v.length;
                    if (d == 0) {
                        throw new IllegalArgumentException("training set: vectors of dimension 0");
                    }
                }
                if (v.length != d) {
                    throw new IllegalArgumentException("training set: speaker " + e.getKey() + " has a vector of dimension "
                            + v.length + " (expected: " + d + ")");
                }
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        throw new IllegalArgumentException("training set: speaker " + e.getKey() + " has a non-finite value");
                    }
                }
                vs.add(v.clone());
            }
            n += vs.size();
            copy.put(e.getKey(), Collections.unmodifiableList(vs));
        }
        this.bySpeaker = Collections.unmodifiableMap(copy);
        this.dim = d;
        this.sessions = n;
    }

    public int dim() {
        return dim;
    }

    public int speakerCount() {
        return bySpeaker.size();
    }

    public int sessionCount() {
        return sessions;
    }

    /** Read-only view; do not modify the arrays. */
    public Map<String, List<float[]>> bySpeaker() {
        return bySpeaker;
    }

    /** Every vector mapped through {@code f}, labels kept. */
    public TrainingSet map(java.util.function.UnaryOperator<float[]> f) {
        Map<String, List<float[]>> out = new LinkedHashMap<>();
        bySpeaker.forEach((k, vs) -> out.put(k, vs.stream().map(f).toList()));
        return new TrainingSet(out);
    }

    double[] mean() {
        double[] m = new double[dim];
        for (List<float[]> vs : bySpeaker.values()) {
            for (float[] v : vs) {
                for (int i = 0; i < dim; i++) {
                    m[i] += v[i];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            m[i] /= sessions;
        }
        return m;
    }
}
