package dev.voicegate.biometrics.xvector;

import dev.voicegate.biometrics.frontend.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The committed oracle fixtures in {@code src/test/resources/xvector/} (see {@code src/test/oracle/}). */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/xvector/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /xvector/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The espeak-ng clip, 8 kHz PCM16. */
    static short[] clip() {
        return WavReader.parse("espeak-8k.wav", bytes("espeak-8k.wav"), 0).samples();
    }

    static float[][] matrix(String name) {
        List<float[]> rows = new ArrayList<>();
        for (String line : new String(bytes(name), StandardCharsets.US_ASCII).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            float[] row = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                row[i] = Float.parseFloat(parts[i]);
            }
            rows.add(row);
        }
        return rows.toArray(new float[0][]);
    }
}
