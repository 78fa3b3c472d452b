package dev.voicegate.biometrics.xvector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The shipped model files, loaded once for all tests. */
final class TestModels {

    private static byte[] raw;

    private TestModels() {
    }

    static synchronized byte[] rawBytes() {
        if (raw == null) {
            raw = resource("final.ext.raw");
        }
        return raw;
    }

    static byte[] resource(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream(XvectorModel.RESOURCE_DIR + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static XvectorModel model() {
        return XvectorModel.loadDefault();
    }
}
