package dev.voicegate.biometrics.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A fixed-size voiceprint template: engine id and version, the accumulated net speech, and the
 * speech-weighted mean of the unit embeddings of every enrolled stretch, quantised to int8 with one
 * scale. Binary layout (big-endian): {@code "VGT1"}, engine id (8 bytes ASCII, zero-padded),
 * version (int), dimension (short), net speech seconds (float), scale (float), int8 × dimension;
 * 26 + dimension bytes (154 bytes for 128 dimensions). Immutable, thread-safe.
 *
 * @param engineId         the extractor's id
 * @param engineVersion    the extractor's version
 * @param netSpeechSeconds speech accumulated (the weight when another call is merged in)
 * @param mean             speech-weighted mean of unit embeddings (not unit length itself)
 */
public record Voiceprint(String engineId, int engineVersion, double netSpeechSeconds, float[] mean) {

    private static final int MAGIC = 0x56475431;
    private static final int HEADER = 26;

    public Voiceprint {
        if (engineId.isEmpty() || engineId.length() > 8 || !StandardCharsets.US_ASCII.newEncoder().canEncode(engineId)) {
            throw new IllegalArgumentException("engineId: '" + engineId + "' (expected: 1..8 ASCII characters)");
        }
        mean = mean.clone();
    }

    /** A template of one stretch of speech. */
    public static Voiceprint of(VoiceprintExtractor extractor, float[] unitEmbedding, double netSpeechSeconds) {
        return new Voiceprint(extractor.engineId(), extractor.engineVersion(), netSpeechSeconds, unitEmbedding);
    }

    /** A copy of the mean vector. */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** The unit-length direction used for scoring. */
    public float[] direction() {
        float[] d = mean.clone();
        double sq = 0;
        for (float v : d) {
            sq += v * (double) v;
        }
        float inv = sq > 0 ? (float) (1 / Math.sqrt(sq)) : 0f;
        for (int i = 0; i < d.length; i++) {
            d[i] *= inv;
        }
        return d;
    }

    /** Merges another call's speech in (weights = net speech seconds): enrollment accumulates. */
    public Voiceprint merge(Voiceprint other) {
        requireSameEngine(other.engineId, other.engineVersion);
        double w = netSpeechSeconds + other.netSpeechSeconds;
        float[] m = new float[mean.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = w == 0 ? 0 : (float) ((mean[i] * netSpeechSeconds + other.mean[i] * other.netSpeechSeconds) / w);
        }
        return new Voiceprint(engineId, engineVersion, w, m);
    }

    /** Throws {@link TemplateVersionException} unless this template is of the given engine and version. */
    public void requireSameEngine(String id, int version) {
        if (!engineId.equals(id) || engineVersion != version) {
            throw new TemplateVersionException("template of engine " + engineId + " v" + engineVersion
                    + " refused (expected: " + id + " v" + version + "; re-enroll to upgrade)");
        }
    }

    /** Serialised size in bytes. */
    public int sizeBytes() {
        return HEADER + mean.length;
    }

    /** The binary template. */
    public byte[] toBytes() {
        float max = 0;
        for (float v : mean) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max == 0 ? 1f : max / 127f;
        ByteBuffer b = ByteBuffer.allocate(sizeBytes());
        b.putInt(MAGIC).put(java.util.Arrays.copyOf(engineId.getBytes(StandardCharsets.US_ASCII), 8));
        b.putInt(engineVersion).putShort((short) mean.length).putFloat((float) netSpeechSeconds).putFloat(scale);
        for (float v : mean) {
            b.put((byte) Math.round(v / scale));
        }
        return b.array();
    }

    /**
     * Which engine made a template: {@code "<engineId> v<version>"} from its header, or {@code "unreadable"} for bytes
     * that are no template. Reads nothing else (for counting what a store holds).
     */
    public static String engineOf(byte[] bytes) {
        if (bytes.length < HEADER || ByteBuffer.wrap(bytes).getInt() != MAGIC) {
            return "unreadable";
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
        byte[] id = new byte[8];
        b.get(id);
        return new String(id, StandardCharsets.US_ASCII).replace("\0", "") + " v" + b.getInt();
    }

    /**
     * Parses a template and checks it was made by {@code extractor}.
     *
     * @throws TemplateVersionException for another engine/version, a wrong dimension or non-template bytes
     */
    public static Voiceprint fromBytes(byte[] bytes, VoiceprintExtractor extractor) {
        if (bytes.length < HEADER || ByteBuffer.wrap(bytes).getInt() != MAGIC) {
            throw new TemplateVersionException("not a VoiceGate template (" + bytes.length + " bytes, bad header)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
        byte[] id = new byte[8];
        b.get(id);
        String engineId = new String(id, StandardCharsets.US_ASCII).replace("\0", "");
        int version = b.getInt();
        int dim = b.getShort();
        float speech = b.getFloat();
        float scale = b.getFloat();
        if (!engineId.equals(extractor.engineId()) || version != extractor.engineVersion()) {
            throw new TemplateVersionException("template of engine " + engineId + " v" + version + " refused (expected: "
                    + extractor.engineId() + " v" + extractor.engineVersion() + "; re-enroll to upgrade)");
        }
        if (dim != extractor.dimension() || bytes.length != HEADER + dim) {
            throw new TemplateVersionException("template dimension " + dim + " / " + bytes.length
                    + " bytes refused (expected: " + extractor.dimension() + " dims)");
        }
        float[] m = new float[dim];
        for (int i = 0; i < dim; i++) {
            m[i] = b.get() * scale;
        }
        return new Voiceprint(engineId, version, speech, m);
    }
}
