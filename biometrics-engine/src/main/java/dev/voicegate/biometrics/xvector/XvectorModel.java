package dev.voicegate.biometrics.xvector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The telephone x-vector extractor: the compiled network plus the post-processing Kaldi's recipe
 * applies to x-vectors before scoring: subtract {@code mean.vec}, multiply by
 * {@code transform.mat} (a whitening matrix; a 129-column affine form is accepted too), and scale
 * to unit length (Kaldi's {@code ivector-normalize-length} scales to length √dim instead; for
 * cosine scoring the two are the same).
 *
 * <p>{@link #loadDefault()} loads the copy shipped in this jar (see {@code PROVENANCE.md} beside
 * the files) and checks each file's SHA-256 first. Immutable and thread-safe.
 */
public final class XvectorModel {

    /** Resource folder of the shipped model. */
    public static final String RESOURCE_DIR = "/dev/voicegate/biometrics/xvector/";

    /** SHA-256 of each shipped file, as recorded in PROVENANCE.md. */
    static final Map<String, String> SHIPPED_SHA256;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("final.ext.raw", "d30354474ac719b3cfce58186463302b988cf22ce3afee7237a2da862c4a91d1");
        m.put("mean.vec", "3bc5dfa9479c3aaacf4f45c155e9bd4772785449112566fac23578c09e93bcd7");
        m.put("transform.mat", "fab14481fb27c41df0f1825afe18530e4f6d128dbb2c239ee86d8d7096e22c33");
        m.put("mfcc.conf", "86f4df625b950b81b68864fdefabf26aa65079f84ea20f40e7f9e7ccbb9c456c");
        SHIPPED_SHA256 = java.util.Collections.unmodifiableMap(m);
    }

    private static volatile XvectorModel shipped;

    private final XvectorNetwork network;
    private final float[] mean;
    private final float[][] transform;
    private final String mfccConf;

    private XvectorModel(XvectorNetwork network, float[] mean, float[][] transform, String mfccConf, String where) {
        int d = network.xvectorDim();
        if (mean.length != d) {
            throw new KaldiFormatException(where + "mean.vec", "has " + mean.length + " values (expected: " + d + ")");
        }
        if (transform.length == 0 || (transform[0].length != d && transform[0].length != d + 1)) {
            throw new KaldiFormatException(where + "transform.mat", "is " + transform.length + "x"
                    + (transform.length == 0 ? 0 : transform[0].length) + " (expected: n x " + d + " or n x " + (d + 1) + ")");
        }
        this.network = network;
        this.mean = mean;
        this.transform = transform;
        this.mfccConf = mfccConf;
    }

    /**
     * The model shipped in this jar, loaded once per JVM (about 15 MB of weights) after checking
     * every file's SHA-256.
     *
     * @throws KaldiFormatException if a file is missing or its checksum differs
     */
    public static XvectorModel loadDefault() {
        XvectorModel m = shipped;
        if (m == null) {
            synchronized (XvectorModel.class) {
                m = shipped;
                if (m == null) {
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    for (String name : SHIPPED_SHA256.keySet()) {
                        files.put(name, resource(name));
                    }
                    m = fromVerifiedBytes(files, SHIPPED_SHA256, "classpath:" + RESOURCE_DIR);
                    shipped = m;
                }
            }
        }
        return m;
    }

    /** Loads {@code final.ext.raw}, {@code mean.vec}, {@code transform.mat} and {@code mfcc.conf} from a folder, unchecked. */
    public static XvectorModel load(Path dir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : SHIPPED_SHA256.keySet()) {
            Path p = dir.resolve(name);
            try {
                files.put(name, Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": cannot read", e);
            }
        }
        return fromVerifiedBytes(files, Map.of(), dir.toString() + "/");
    }

    /** Builds a model from file contents, checking those named in {@code sha256} first. */
    static XvectorModel fromVerifiedBytes(Map<String, byte[]> files, Map<String, String> sha256, String where) {
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            String actual = sha256(files.get(e.getKey()));
            if (!actual.equals(e.getValue())) {
                throw new KaldiFormatException(where + e.getKey(), "SHA-256 mismatch: " + actual
                        + " (expected: " + e.getValue() + "); the shipped model is damaged or was replaced");
            }
        }
        Nnet3Model nnet = Nnet3Reader.read(files.get("final.ext.raw"), where + "final.ext.raw");
        XvectorNetwork network = XvectorNetwork.fromModel(nnet);
        float[] mean = KaldiObjects.readVector(files.get("mean.vec"), where + "mean.vec");
        float[][] transform = KaldiObjects.readMatrix(files.get("transform.mat"), where + "transform.mat");
        String conf = new String(files.get("mfcc.conf"), java.nio.charset.StandardCharsets.UTF_8);
        return new XvectorModel(network, mean, transform, conf, where);
    }

    private static byte[] resource(String name) {
        try (InputStream in = XvectorModel.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new KaldiFormatException("classpath:" + RESOURCE_DIR + name, "missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("classpath:" + RESOURCE_DIR + name + ": cannot read", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public XvectorNetwork network() {
        return network;
    }

    /** The feature configuration shipped with the model ({@code mfcc.conf}, Kaldi option syntax). */
    public String mfccConf() {
        return mfccConf;
    }

    /** Dimension of an embedding (the transform's row count, 128). */
    public int embeddingDim() {
        return transform.length;
    }

    /** The post-processed, unit-length embedding of an utterance's frames; empty for 0 frames. */
    public Optional<float[]> embed(float[][] frames) {
        return network.xvector(frames).map(this::postProcess);
    }

    /** The post-processed, unit-length embedding from pooled statistics; empty for 0 frames. */
    public Optional<float[]> embed(PoolingStats stats) {
        return network.xvector(stats).map(this::postProcess);
    }

    /**
     * {@code normalise(T · (x − mean))} for a raw x-vector. A zero result (impossible for real
     * input) stays zero.
     */
    public float[] postProcess(float[] xvector) {
        int d = network.xvectorDim();
        if (xvector.length != d) {
            throw new IllegalArgumentException("x-vector has " + xvector.length + " values (expected: " + d + ")");
        }
        double[] c = new double[d];
        for (int i = 0; i < d; i++) {
            c[i] = (double) xvector[i] - mean[i];
        }
        float[] y = new float[transform.length];
        double norm = 0;
        for (int r = 0; r < transform.length; r++) {
            float[] row = transform[r];
            double s = row.length == d + 1 ? row[d] : 0.0;
            for (int i = 0; i < d; i++) {
                s += row[i] * c[i];
            }
            y[r] = (float) s;
            norm += s * s;
        }
        if (norm > 0) {
            double inv = 1.0 / Math.sqrt(norm);
            for (int r = 0; r < y.length; r++) {
                y[r] = (float) (y[r] * inv);
            }
        }
        return y;
    }
}
